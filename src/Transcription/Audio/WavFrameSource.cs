using System.Buffers;

namespace WhatsTheTab.Transcription.Audio;

/// <summary>Streams the data chunk of a WAV file as float frames, one bounded block at a time.</summary>
internal sealed class WavFrameSource : IFrameSource
{
    // Large enough that the per-call overhead vanishes, small enough that an hour of 6-channel audio is never resident.
    private const int BlockBytes = 256 * 1024;

    private readonly Stream _stream;
    private readonly WavFormat _format;
    private readonly int _bytesPerSample;
    private byte[]? _buffer;
    private long? _remaining;

    /// <summary>Takes ownership of <paramref name="stream"/>, which must be positioned at the first sample.</summary>
    public WavFrameSource(Stream stream, WavFormat format)
    {
        _stream = stream;
        _format = format;
        _bytesPerSample = format.BlockAlign / format.Channels;
        _remaining = format.DataLength is { } length ? length - (length % format.BlockAlign) : null;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(BlockBytes, format.BlockAlign));
    }

    public int SampleRate => _format.SampleRate;

    public int Channels => _format.Channels;

    public int ReadFrames(Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        var frames = Math.Min(destination.Length / _format.Channels, _buffer.Length / _format.BlockAlign);
        if (_remaining is { } remaining)
        {
            frames = (int)Math.Min(frames, remaining / _format.BlockAlign);
        }

        if (frames == 0)
        {
            return 0;
        }

        var wanted = frames * _format.BlockAlign;
        var got = _stream.ReadAtLeast(_buffer.AsSpan(0, wanted), wanted, throwOnEndOfStream: false);

        // A partial frame at the end of the file is dropped: it has no value for every channel.
        frames = got / _format.BlockAlign;
        _remaining = got < wanted ? 0 : _remaining - got;
        var samples = frames * _format.Channels;
        PcmConverter.ToFloat(_buffer.AsSpan(0, samples * _bytesPerSample), destination[..samples], _format.Encoding);
        return frames;
    }

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }

        _stream.Dispose();
    }
}
