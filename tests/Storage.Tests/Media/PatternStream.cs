namespace WhatsTheTab.Storage.Tests.Media;

/// <summary>
/// A read-only stream of <see cref="Length"/> deterministic pseudo-random bytes (xorshift from a seed), generated as it
/// is read so tests can push tens of megabytes without holding them; reads return at most <c>maxRead</c> bytes
/// (to imitate a network upload that trickles in), and after <c>failAfter</c> bytes a read throws.
/// </summary>
internal sealed class PatternStream(long length, ulong seed, int maxRead = int.MaxValue, long failAfter = long.MaxValue) : Stream
{
    private ulong _state = seed | 1;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>SHA-256 (lower-case hex) of the bytes a fresh stream with these arguments yields.</summary>
    public static string Sha256Of(long length, ulong seed)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var stream = new PatternStream(length, seed);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= failAfter)
        {
            throw new IOException("The client went away.");
        }

        var count = (int)Math.Min(Math.Min(buffer.Length, maxRead), Math.Min(length, failAfter) - _position);
        for (var i = 0; i < count; i++)
        {
            _state ^= _state << 13;
            _state ^= _state >> 7;
            _state ^= _state << 17;
            buffer[i] = (byte)_state;
        }

        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
