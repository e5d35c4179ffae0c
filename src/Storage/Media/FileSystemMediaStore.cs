using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace WhatsTheTab.Storage.Media;

/// <summary>
/// Media in a folder, for the embedded default (no PostgreSQL). Item <c>{kind}/{guid}</c> is the file
/// <c>{root}/{kind}/{guid}</c> with a <c>{guid}.json</c> sidecar holding content type, size and SHA-256. Paths are built
/// only from validated, store-generated keys. A save streams into <c>{root}/.tmp</c>, flushes to disk, then renames the
/// sidecar and finally the data file into place: the data file's appearance is the commit, so a crash or a failed
/// upload never leaves a partial item visible.
/// </summary>
public sealed partial class FileSystemMediaStore : IMediaStore
{
    private const int CopyBufferSize = 256 * 1024;
    private const string FallbackContentType = "application/octet-stream";
    private static readonly TimeSpan StaleTemporaryAge = TimeSpan.FromHours(1);
    private static readonly JsonSerializerOptions MetadataJson = new(JsonSerializerDefaults.Web);

    private readonly ILogger _logger;
    private readonly string _temporaryDirectory;

    /// <summary>Stores media under <paramref name="rootDirectory"/> (created if missing); leftovers of interrupted saves older than an hour are removed.</summary>
    public FileSystemMediaStore(string rootDirectory, ILogger<FileSystemMediaStore> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        RootDirectory = Path.GetFullPath(rootDirectory);
        _temporaryDirectory = Path.Combine(RootDirectory, ".tmp");
        Directory.CreateDirectory(_temporaryDirectory);
        RemoveStaleTemporaryFiles();
    }

    /// <summary>The folder everything lives under (absolute).</summary>
    public string RootDirectory { get; }

    /// <inheritdoc />
    public async Task<MediaRef> SaveAsync(string kind, Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        MediaKey.ThrowIfInvalidKind(kind);
        MediaKey.ThrowIfInvalidContentType(contentType);
        var key = MediaKey.New(kind);
        var (dataPath, metadataPath) = PathsOf(key);
        var name = Path.GetFileName(dataPath);
        var temporaryData = Path.Combine(_temporaryDirectory, name + ".data");
        var temporaryMetadata = Path.Combine(_temporaryDirectory, name + ".json");
        try
        {
            var (size, sha256) = await CopyToFileAsync(content, temporaryData, cancellationToken).ConfigureAwait(false);
            var stored = new MediaRef(key, kind, contentType, size, sha256, DateTimeOffset.UtcNow);
            var metadata = new FileSystemMediaMetadata(kind, contentType, size, sha256, stored.CreatedAt);
            await WriteMetadataAsync(temporaryMetadata, metadata, cancellationToken).ConfigureAwait(false);

            Directory.CreateDirectory(Path.GetDirectoryName(dataPath)!);
            File.Move(temporaryMetadata, metadataPath, overwrite: false);
            File.Move(temporaryData, dataPath, overwrite: false);
            LogSaved(_logger, key, size, contentType);
            return stored;
        }
        finally
        {
            // Both are gone after a successful save; after a failure they must not linger.
            TryDelete(temporaryData);
            TryDelete(temporaryMetadata);
        }
    }

    /// <inheritdoc />
    public async Task<MediaContent?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        MediaKey.ThrowIfInvalid(key);
        var (dataPath, metadataPath) = PathsOf(key);
        FileStream stream;
        try
        {
            stream = new FileStream(dataPath, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 0,
            });
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            var metadata = await ReadMetadataAsync(metadataPath, cancellationToken).ConfigureAwait(false);
            return new MediaContent(key, metadata?.ContentType ?? FallbackContentType, stream.Length, metadata?.Sha256 ?? string.Empty, stream);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        MediaKey.ThrowIfInvalid(key);
        cancellationToken.ThrowIfCancellationRequested();
        var (dataPath, metadataPath) = PathsOf(key);
        var existed = File.Exists(dataPath);
        TryDelete(dataPath);
        TryDelete(metadataPath);
        if (existed)
        {
            LogDeleted(_logger, key);
        }

        return Task.FromResult(existed);
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        MediaKey.ThrowIfInvalid(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(PathsOf(key).Data));
    }

    private static async Task<(long Size, string Sha256)> CopyToFileAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 0,
            });
            await using (file.ConfigureAwait(false))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    size += read;
                }

                file.Flush(flushToDisk: true);
            }

            return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task WriteMetadataAsync(string path, FileSystemMediaMetadata metadata, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(file, metadata, MetadataJson, cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }
    }

    private static async Task<FileSystemMediaMetadata?> ReadMetadataAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync<FileSystemMediaMetadata>(file, MetadataJson, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            // The data file is the record of truth; without readable metadata it is still served, as octet-stream.
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // best effort: a leftover temporary file is removed by the next start
        }
    }

    /// <summary>The data and sidecar paths of a validated key, checked again to lie inside the root.</summary>
    private (string Data, string Metadata) PathsOf(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var folder = Path.Combine(RootDirectory, key[..slash]);
        var data = Path.GetFullPath(Path.Combine(folder, key[(slash + 1)..]));
        if (!data.StartsWith(RootDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("Not a media key.", nameof(key));
        }

        return (data, data + ".json");
    }

    private void RemoveStaleTemporaryFiles()
    {
        foreach (var file in Directory.EnumerateFiles(_temporaryDirectory))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > StaleTemporaryAge)
            {
                TryDelete(file);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored media {MediaKey} ({Size} bytes, {ContentType}) on disk")]
    private static partial void LogSaved(ILogger logger, string mediaKey, long size, string contentType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted media {MediaKey} from disk")]
    private static partial void LogDeleted(ILogger logger, string mediaKey);
}
