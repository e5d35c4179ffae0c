using WhatsTheTab.Tablature.Import;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Cli.Tab;

/// <summary>
/// Reads the notes <c>wtt tab</c> is given, by content rather than by name: a Standard MIDI File ("MThd"), a note list as
/// <c>wtt transcribe</c> or the API writes it (JSON), or its CSV form.
/// </summary>
public static class NoteFileReader
{
    /// <summary>The notes, with the MIDI file's tempo and time signature when it is one; <see cref="InvalidDataException"/> when it is none of the three.</summary>
    public static MidiNoteFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read == 4 && head.SequenceEqual("MThd"u8))
        {
            return MidiNoteReader.Read(stream);
        }

        var first = FirstNonBlank(head[..read]);
        if (first is (byte)'{' or (byte)'[')
        {
            return new MidiNoteFile(NoteListReader.ReadJson(stream), null, null);
        }

        if (read > 0 && first is >= (byte)'a' and <= (byte)'z')
        {
            return new MidiNoteFile(NoteListReader.ReadCsv(stream), null, null);
        }

        throw new InvalidDataException("not a MIDI file or a note list (JSON or CSV as wtt transcribe writes them).");
    }

    private static byte? FirstNonBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF))
            {
                return b;
            }
        }

        return null;
    }
}
