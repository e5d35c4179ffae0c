using System.Buffers;
using System.Data;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace WhatsTheTab.Storage.Media;

/// <summary>
/// Media in PostgreSQL (tables <c>media</c> and <c>media_chunk</c> from migration 0003), streamed both ways in
/// fixed-size chunk rows (256 KiB by default). Saving writes one chunk row per buffer-full inside one transaction (an item of one chunk in a single round trip),
/// so at most one chunk is in memory and a failed upload leaves nothing; reading fetches one chunk per query through
/// the pooled data source, so a slow HTTP client holds no connection between chunks and a reader can seek
/// (range requests) by computing the chunk number.
/// </summary>
/// <remarks>
/// Chunk rows rather than large objects: large objects live outside the table (a crash mid-upload or a forgotten
/// <c>lo_unlink</c> leaks them, and they need their own permissions and <c>vacuumlo</c>), while chunk rows are
/// ordinary rows that roll back, cascade on delete and back up with the table.
/// </remarks>
public sealed partial class PostgresMediaStore : IMediaStore
{
    /// <summary>Bytes per chunk row for new items. Each item records its own chunk size, so changing this is safe.</summary>
    public const int DefaultChunkSize = 256 * 1024;

    private const string InsertMediaSql = """
        INSERT INTO media (key, kind, content_type, size, sha256, chunk_size)
        VALUES (@key, @kind, @content_type, 0, '\x'::bytea, @chunk_size)
        RETURNING created_at
        """;

    private const string InsertCompleteMediaSql = """
        INSERT INTO media (key, kind, content_type, size, sha256, chunk_size)
        VALUES (@key, @kind, @content_type, @size, @sha256, @chunk_size)
        RETURNING created_at
        """;

    private const string InsertChunkSql = "INSERT INTO media_chunk (key, seq, data) VALUES (@key, @seq, @data)";
    private const string CompleteMediaSql = "UPDATE media SET size = @size, sha256 = @sha256 WHERE key = @key";
    // The bytes of an item that fits one chunk come along, so serving it takes one query (none for larger items).
    private const string SelectMediaSql = """
        SELECT m.content_type, m.size, m.sha256, m.chunk_size, c.data
        FROM media m LEFT JOIN media_chunk c ON c.key = m.key AND c.seq = 0 AND m.size <= m.chunk_size
        WHERE m.key = @key
        """;
    private const string DeleteMediaSql = "DELETE FROM media WHERE key = @key";
    private const string ExistsMediaSql = "SELECT EXISTS (SELECT 1 FROM media WHERE key = @key)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly int _chunkSize;

    /// <summary>Uses connections from <paramref name="dataSource"/> (not disposed by the store); the schema must be migrated.</summary>
    public PostgresMediaStore(NpgsqlDataSource dataSource, ILogger<PostgresMediaStore> logger)
        : this(dataSource, logger, DefaultChunkSize)
    {
    }

    internal PostgresMediaStore(NpgsqlDataSource dataSource, ILogger logger, int chunkSize)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        _dataSource = dataSource;
        _logger = logger;
        _chunkSize = chunkSize;
    }

    /// <inheritdoc />
    public async Task<MediaRef> SaveAsync(string kind, Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        MediaKey.ThrowIfInvalidKind(kind);
        MediaKey.ThrowIfInvalidContentType(contentType);
        var key = MediaKey.New(kind);

        var buffer = ArrayPool<byte>.Shared.Rent(_chunkSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var filled = await FillAsync(content, buffer.AsMemory(0, _chunkSize), cancellationToken).ConfigureAwait(false);
            hash.AppendData(buffer, 0, filled);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var (size, createdAt) = filled < _chunkSize
                ? (filled, await SaveSingleChunkAsync(connection, key, kind, contentType, buffer.AsMemory(0, filled), hash.GetCurrentHash(), cancellationToken).ConfigureAwait(false))
                : await SaveChunkedAsync(connection, key, kind, contentType, content, buffer, hash, cancellationToken).ConfigureAwait(false);
            var sha256 = hash.GetHashAndReset();
            var stored = new MediaRef(key, kind, contentType, size, Convert.ToHexStringLower(sha256), new DateTimeOffset(DateTime.SpecifyKind(createdAt, DateTimeKind.Utc)));
            LogSaved(_logger, stored.Key, stored.Size, stored.ContentType);
            return stored;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// An item that fits one chunk (most results, short clips): the media row, complete, and its chunk in one round
    /// trip. A batch runs as one implicit transaction, so the row is never visible without its bytes.
    /// </summary>
    private async Task<DateTime> SaveSingleChunkAsync(
        NpgsqlConnection connection, string key, string kind, string contentType, ReadOnlyMemory<byte> bytes, byte[] sha256, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        var insertMedia = new NpgsqlBatchCommand(InsertCompleteMediaSql);
        insertMedia.Parameters.Add(new NpgsqlParameter<string>("key", key));
        insertMedia.Parameters.Add(new NpgsqlParameter<string>("kind", kind));
        insertMedia.Parameters.Add(new NpgsqlParameter<string>("content_type", contentType));
        insertMedia.Parameters.Add(new NpgsqlParameter<long>("size", bytes.Length));
        insertMedia.Parameters.Add(new NpgsqlParameter<byte[]>("sha256", sha256));
        insertMedia.Parameters.Add(new NpgsqlParameter<int>("chunk_size", _chunkSize));
        batch.BatchCommands.Add(insertMedia);
        if (bytes.Length > 0)
        {
            var insertChunk = new NpgsqlBatchCommand(InsertChunkSql);
            insertChunk.Parameters.Add(new NpgsqlParameter<string>("key", key));
            insertChunk.Parameters.Add(new NpgsqlParameter<int>("seq", 0));
            insertChunk.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("data", NpgsqlDbType.Bytea) { TypedValue = bytes });
            batch.BatchCommands.Add(insertChunk);
        }

        return (DateTime)(await batch.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// A larger item, one chunk row per buffer-full inside one transaction; <paramref name="buffer"/> already holds the
    /// first (full) chunk and <paramref name="hash"/> has seen it.
    /// </summary>
    private async Task<(long Size, DateTime CreatedAt)> SaveChunkedAsync(
        NpgsqlConnection connection, string key, string kind, string contentType, Stream content, byte[] buffer, IncrementalHash hash, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        DateTime createdAt;
        await using (var insertMedia = new NpgsqlCommand(InsertMediaSql, connection, transaction))
        {
            insertMedia.Parameters.Add(new NpgsqlParameter<string>("key", key));
            insertMedia.Parameters.Add(new NpgsqlParameter<string>("kind", kind));
            insertMedia.Parameters.Add(new NpgsqlParameter<string>("content_type", contentType));
            insertMedia.Parameters.Add(new NpgsqlParameter<int>("chunk_size", _chunkSize));
            createdAt = (DateTime)(await insertMedia.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        long size = 0;
        await using (var insertChunk = new NpgsqlCommand(InsertChunkSql, connection, transaction))
        {
            var seq = new NpgsqlParameter<int>("seq", 0);
            var data = new NpgsqlParameter<ReadOnlyMemory<byte>>("data", NpgsqlDbType.Bytea);
            insertChunk.Parameters.Add(new NpgsqlParameter<string>("key", key));
            insertChunk.Parameters.Add(seq);
            insertChunk.Parameters.Add(data);
            await insertChunk.PrepareAsync(cancellationToken).ConfigureAwait(false);
            var filled = _chunkSize;
            while (filled > 0)
            {
                data.TypedValue = buffer.AsMemory(0, filled);
                await insertChunk.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                seq.TypedValue++;
                size += filled;
                if (filled < _chunkSize)
                {
                    break;
                }

                filled = await FillAsync(content, buffer.AsMemory(0, _chunkSize), cancellationToken).ConfigureAwait(false);
                hash.AppendData(buffer, 0, filled);
            }
        }

        await using (var complete = new NpgsqlCommand(CompleteMediaSql, connection, transaction))
        {
            complete.Parameters.Add(new NpgsqlParameter<long>("size", size));
            complete.Parameters.Add(new NpgsqlParameter<byte[]>("sha256", hash.GetCurrentHash()));
            complete.Parameters.Add(new NpgsqlParameter<string>("key", key));
            await complete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (size, createdAt);
    }

    /// <inheritdoc />
    public async Task<MediaContent?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        MediaKey.ThrowIfInvalid(key);
        await using var command = _dataSource.CreateCommand(SelectMediaSql);
        command.Parameters.Add(new NpgsqlParameter<string>("key", key));
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var contentType = reader.GetString(0);
        var size = reader.GetInt64(1);
        var sha256 = Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(2));
        var chunkSize = reader.GetInt32(3);
        var stream = new PostgresMediaReadStream(_dataSource, key, size, chunkSize);
        if (!await reader.IsDBNullAsync(4, cancellationToken).ConfigureAwait(false))
        {
            // A one-chunk item came with its bytes: reading it needs no second query.
            try
            {
                await using var data = await reader.GetStreamAsync(4, cancellationToken).ConfigureAwait(false);
                await stream.PreloadFirstChunkAsync(data, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return new MediaContent(key, contentType, size, sha256, stream);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        MediaKey.ThrowIfInvalid(key);
        await using var command = _dataSource.CreateCommand(DeleteMediaSql);
        command.Parameters.Add(new NpgsqlParameter<string>("key", key));
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        if (deleted)
        {
            LogDeleted(_logger, key);
        }

        return deleted;
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        MediaKey.ThrowIfInvalid(key);
        await using var command = _dataSource.CreateCommand(ExistsMediaSql);
        command.Parameters.Add(new NpgsqlParameter<string>("key", key));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends, so every chunk but the last is full size.</summary>
    private static async ValueTask<int> FillAsync(Stream content, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await content.ReadAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored media {MediaKey} ({Size} bytes, {ContentType}) in PostgreSQL")]
    private static partial void LogSaved(ILogger logger, string mediaKey, long size, string contentType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted media {MediaKey} from PostgreSQL")]
    private static partial void LogDeleted(ILogger logger, string mediaKey);
}
