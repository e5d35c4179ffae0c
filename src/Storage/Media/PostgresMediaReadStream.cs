using System.Buffers;
using System.Data;
using Npgsql;

namespace WhatsTheTab.Storage.Media;

/// <summary>
/// A read-only, seekable view of one media item's chunk rows. Holds one chunk (pooled buffer) at a time and fetches
/// the chunk containing the current position with one query, so memory stays at one chunk whatever the size and no
/// connection is held between reads. Fails with <see cref="IOException"/> when the item is deleted while being read.
/// </summary>
internal sealed class PostgresMediaReadStream : Stream
{
    private const string SelectChunkSql = "SELECT data FROM media_chunk WHERE key = @key AND seq = @seq";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _key;
    private readonly long _length;
    private readonly int _chunkSize;
    private byte[]? _chunk;
    private int _chunkIndex = -1;
    private int _chunkLength;
    private long _position;
    private bool _disposed;

    public PostgresMediaReadStream(NpgsqlDataSource dataSource, string key, long length, int chunkSize)
    {
        _dataSource = dataSource;
        _key = key;
        _length = length;
        _chunkSize = chunkSize;
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => CanRead;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (!PrepareChunk(out var chunkIndex))
        {
            return 0;
        }

        if (chunkIndex != _chunkIndex)
        {
            LoadChunkAsync(chunkIndex, async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return CopyOut(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!PrepareChunk(out var chunkIndex))
        {
            return 0;
        }

        if (chunkIndex != _chunkIndex)
        {
            await LoadChunkAsync(chunkIndex, async: true, cancellationToken).ConfigureAwait(false);
        }

        return CopyOut(buffer.Span);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(!CanRead, this);
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        if (target < 0)
        {
            throw new IOException("Cannot seek before the start of the media item.");
        }

        _position = target;
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_chunk is { } chunk)
        {
            _chunk = null;
            ArrayPool<byte>.Shared.Return(chunk);
        }

        _disposed = true;
        base.Dispose(disposing);
    }

    /// <summary>Takes chunk 0 from <paramref name="data"/> (the bytes the metadata query brought along).</summary>
    public async Task PreloadFirstChunkAsync(Stream data, CancellationToken cancellationToken)
    {
        _chunk ??= ArrayPool<byte>.Shared.Rent(_chunkSize);
        await FillChunkAsync(data, 0, async: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>False at or past the end; otherwise the chunk holding the current position.</summary>
    private bool PrepareChunk(out int chunkIndex)
    {
        ObjectDisposedException.ThrowIf(!CanRead, this);
        chunkIndex = 0;
        if (_position >= _length)
        {
            return false;
        }

        chunkIndex = checked((int)(_position / _chunkSize));
        _chunk ??= ArrayPool<byte>.Shared.Rent(_chunkSize);
        return true;
    }

    private int CopyOut(Span<byte> destination)
    {
        var offset = (int)(_position - ((long)_chunkIndex * _chunkSize));
        var count = Math.Min(destination.Length, _chunkLength - offset);
        _chunk.AsSpan(offset, count).CopyTo(destination);
        _position += count;
        return count;
    }

    private async ValueTask LoadChunkAsync(int chunkIndex, bool async, CancellationToken cancellationToken)
    {
        _chunkIndex = -1; // nothing valid in the buffer until this load completes
        await using var command = _dataSource.CreateCommand(SelectChunkSql);
        command.Parameters.Add(new NpgsqlParameter<string>("key", _key));
        command.Parameters.Add(new NpgsqlParameter<int>("seq", chunkIndex));
        const CommandBehavior Behavior = CommandBehavior.SequentialAccess | CommandBehavior.SingleRow;
        await using var reader = async
            ? await command.ExecuteReaderAsync(Behavior, cancellationToken).ConfigureAwait(false)
            : command.ExecuteReader(Behavior);
        var found = async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read();
        if (!found)
        {
            throw new IOException($"Media {_key} has no chunk {chunkIndex}: it was deleted while being read.");
        }

        // Sequential access: the bytes go from the socket buffer straight into the pooled chunk, no per-row array.
        await using var data = async ? await reader.GetStreamAsync(0, cancellationToken).ConfigureAwait(false) : reader.GetStream(0);
        await FillChunkAsync(data, chunkIndex, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask FillChunkAsync(Stream data, int chunkIndex, bool async, CancellationToken cancellationToken)
    {
        var expected = (int)Math.Min(_chunkSize, _length - ((long)chunkIndex * _chunkSize));
        var chunk = _chunk!;
        var filled = 0;
        while (filled < _chunkSize)
        {
            var read = async
                ? await data.ReadAsync(chunk.AsMemory(filled, _chunkSize - filled), cancellationToken).ConfigureAwait(false)
                : data.Read(chunk, filled, _chunkSize - filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        if (filled != expected)
        {
            throw new IOException($"Media {_key} chunk {chunkIndex} holds {filled} bytes where {expected} were expected.");
        }

        _chunkLength = filled;
        _chunkIndex = chunkIndex;
    }
}
