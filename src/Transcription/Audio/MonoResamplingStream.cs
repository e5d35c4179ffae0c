using System.Buffers;

namespace WhatsTheTab.Transcription.Audio;

/// <summary>The one place where every decoder's frames become model input: average the channels to mono, then resample to the target rate.</summary>
internal sealed class MonoResamplingStream : IMonoAudioStream
{
    // 64 K frames per decode block ("read in blocks"), fewer for wide files so a block stays ≤ 256 K floats.
    private const int MaxBlockFrames = 64 * 1024;
    private const int MaxBlockSamples = 256 * 1024;

    private readonly IFrameSource _source;
    private readonly Resampler _resampler;
    private readonly CancellationToken _cancellationToken;
    private readonly int _blockFrames;
    private float[]? _interleaved;
    private float[]? _mono;
    private float[]? _pending;
    private int _pendingOffset;
    private int _pendingCount;
    private bool _flushed;

    /// <summary>Takes ownership of <paramref name="source"/>.</summary>
    public MonoResamplingStream(IFrameSource source, int targetSampleRate, AudioInfo info, long? sourceFrames, CancellationToken cancellationToken)
    {
        _source = source;
        _cancellationToken = cancellationToken;
        SampleRate = targetSampleRate;
        Source = info;
        _resampler = new Resampler(source.SampleRate, targetSampleRate);
        LengthHint = sourceFrames is { } frames ? Resampler.OutputLength(frames, source.SampleRate, targetSampleRate) : null;
        _blockFrames = Math.Max(1, Math.Min(MaxBlockFrames, MaxBlockSamples / source.Channels));
        _interleaved = ArrayPool<float>.Shared.Rent(_blockFrames * source.Channels);
        _mono = ArrayPool<float>.Shared.Rent(_blockFrames);
        _pending = ArrayPool<float>.Shared.Rent(_resampler.MaxOutputLength(_blockFrames));
    }

    public int SampleRate { get; }

    public long? LengthHint { get; }

    public AudioInfo Source { get; }

    /// <summary>The decoder feeding this stream.</summary>
    internal IFrameSource FrameSource => _source;

    public int Read(Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(_pending is null || _interleaved is null || _mono is null, this);
        var written = 0;
        while (written < destination.Length)
        {
            if (_pendingCount > 0)
            {
                var count = Math.Min(_pendingCount, destination.Length - written);
                _pending.AsSpan(_pendingOffset, count).CopyTo(destination[written..]);
                _pendingOffset += count;
                _pendingCount -= count;
                written += count;
                continue;
            }

            if (_flushed)
            {
                break;
            }

            _cancellationToken.ThrowIfCancellationRequested();
            var channels = _source.Channels;
            var frames = _source.ReadFrames(_interleaved.AsSpan(0, _blockFrames * channels));
            _pendingOffset = 0;
            if (frames == 0)
            {
                _pendingCount = _resampler.Flush(_pending);
                _flushed = true;
                continue;
            }

            var mono = _mono.AsSpan(0, frames);
            Downmix(_interleaved.AsSpan(0, frames * channels), channels, mono);
            _pendingCount = _resampler.Process(mono, _pending);
        }

        return written;
    }

    public void Dispose()
    {
        _source.Dispose();
        Return(ref _interleaved);
        Return(ref _mono);
        Return(ref _pending);
    }

    /// <summary>Averages interleaved channels; one channel is copied bit for bit.</summary>
    internal static void Downmix(ReadOnlySpan<float> interleaved, int channels, Span<float> mono)
    {
        if (channels == 1)
        {
            interleaved.CopyTo(mono);
            return;
        }

        var scale = 1f / channels;
        for (var frame = 0; frame < mono.Length; frame++)
        {
            var samples = interleaved.Slice(frame * channels, channels);
            var sum = 0f;
            foreach (var sample in samples)
            {
                sum += sample;
            }

            mono[frame] = sum * scale;
        }
    }

    private static void Return(ref float[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<float>.Shared.Return(buffer);
            buffer = null;
        }
    }
}
