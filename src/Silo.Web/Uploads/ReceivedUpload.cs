using WhatsTheTab.Transcription.Audio;

namespace WhatsTheTab.Silo.Web.Uploads;

/// <summary>
/// A multipart upload read off the wire: the audio spooled to a private temp file (deleted on dispose), its hash and
/// sniffed container, and the form's other fields.
/// </summary>
public sealed class ReceivedUpload : IAsyncDisposable
{
    internal ReceivedUpload(string tempPath, string fileName, long sizeBytes, string sha256, AudioContainer container, IReadOnlyDictionary<string, string> fields)
    {
        TempPath = tempPath;
        FileName = fileName;
        SizeBytes = sizeBytes;
        Sha256 = sha256;
        Container = container;
        Fields = fields;
    }

    /// <summary>Where the bytes are spooled; never derived from anything the client sent.</summary>
    public string TempPath { get; }

    /// <summary>The client's file name, stripped of any directory part, for display only.</summary>
    public string FileName { get; }

    public long SizeBytes { get; }

    /// <summary>Lowercase hex SHA-256 of the file's bytes.</summary>
    public string Sha256 { get; }

    /// <summary>The container recognised from the first bytes.</summary>
    public AudioContainer Container { get; }

    /// <summary>The non-file form fields, by name (ordinal, case-sensitive; the last value wins).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>Opens the spooled file for reading (the caller disposes the stream).</summary>
    public FileStream OpenRead() =>
        new(TempPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public ValueTask DisposeAsync()
    {
        try
        {
            File.Delete(TempPath);
        }
        catch (IOException)
        {
            // A temp file someone still holds open is left to the OS's temp cleanup; never fail a request over it.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
