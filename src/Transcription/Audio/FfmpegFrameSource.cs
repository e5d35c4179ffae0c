using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;

namespace WhatsTheTab.Transcription.Audio;

/// <summary>Decodes a compressed file by streaming raw float frames from an ffmpeg child's stdout.</summary>
/// <remarks>
/// ffmpeg keeps the native rate and channel count (forced to the probed values, so a mid-stream format change
/// cannot desynchronise the frames); the downmix and the resampling happen in <see cref="MonoResamplingStream"/>
/// exactly as for WAV files.
/// </remarks>
internal sealed class FfmpegFrameSource : IFrameSource
{
    private const int BlockBytes = 256 * 1024;
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(30);

    private readonly DecoderProcess _process;
    private readonly string _fullPath;
    private readonly string _displayName;
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenRegistration _registration;
    private readonly int _frameBytes;
    private byte[]? _buffer;
    private int _carry;
    private long _frames;
    private bool _finished;

    private FfmpegFrameSource(DecoderProcess process, string fullPath, string displayName, int sampleRate, int channels, CancellationToken cancellationToken)
    {
        _process = process;
        _fullPath = fullPath;
        _displayName = displayName;
        SampleRate = sampleRate;
        Channels = channels;
        _frameBytes = channels * sizeof(float);
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(BlockBytes, _frameBytes));
        _cancellationToken = cancellationToken;

        // Killing the child closes its stdout, which unblocks a Read waiting on the pipe.
        _registration = cancellationToken.Register(process.Kill);
    }

    public int SampleRate { get; }

    public int Channels { get; }

    /// <summary>The ffmpeg child's process id.</summary>
    internal int ProcessId => _process.Id;

    /// <summary>Starts ffmpeg on <paramref name="fullPath"/>, asking for <paramref name="channels"/> channels at <paramref name="sampleRate"/> Hz.</summary>
    public static FfmpegFrameSource Start(FfmpegTools tools, string fullPath, string displayName, AudioContainer container, int sampleRate, int channels, CancellationToken cancellationToken)
    {
        var littleEndian = BitConverter.IsLittleEndian;
        string[] arguments =
        [
            "-nostdin",
            "-hide_banner",
            "-v", "error",
            "-i", "file:" + fullPath,
            "-map", "0:a:0",
            "-f", littleEndian ? "f32le" : "f32be",
            "-acodec", littleEndian ? "pcm_f32le" : "pcm_f32be",
            "-ac", channels.ToString(CultureInfo.InvariantCulture),
            "-ar", sampleRate.ToString(CultureInfo.InvariantCulture),
            "pipe:1",
        ];

        cancellationToken.ThrowIfCancellationRequested();
        var process = DecoderProcess.Start(tools.FfmpegPath, arguments, displayName, container);
        return new FfmpegFrameSource(process, fullPath, displayName, sampleRate, channels, cancellationToken);
    }

    public int ReadFrames(Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        _cancellationToken.ThrowIfCancellationRequested();
        if (_finished)
        {
            return 0;
        }

        var wanted = Math.Min(destination.Length / Channels, _buffer.Length / _frameBytes) * _frameBytes;
        if (wanted == 0)
        {
            return 0;
        }

        var got = _process.Output.ReadAtLeast(_buffer.AsSpan(_carry, wanted - _carry), Math.Max(1, _frameBytes - _carry), throwOnEndOfStream: false);
        _cancellationToken.ThrowIfCancellationRequested();
        var total = _carry + got;
        var frames = total / _frameBytes;
        if (frames == 0)
        {
            Finish();
            return 0;
        }

        var bytes = frames * _frameBytes;
        MemoryMarshal.Cast<byte, float>(_buffer.AsSpan(0, bytes)).CopyTo(destination);

        // Keep a partial frame for the next call; pipes deliver whatever size they like.
        _carry = total - bytes;
        _buffer.AsSpan(bytes, _carry).CopyTo(_buffer);
        _frames += frames;
        return frames;
    }

    public void Dispose()
    {
        _registration.Dispose();
        _process.Dispose();
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    private void Finish()
    {
        _finished = true;
        if (!_process.WaitForExit(ExitWait))
        {
            _process.Kill();
            throw new AudioDecodeException(AudioErrorKind.DecoderFailed, $"ffmpeg closed its output for '{_displayName}' but did not exit.");
        }

        _cancellationToken.ThrowIfCancellationRequested();
        if (_process.ExitCode != 0)
        {
            throw new AudioDecodeException(AudioErrorKind.DecoderFailed, $"ffmpeg could not decode '{_displayName}': {FfmpegProbe.Reason(_process, _fullPath, _displayName)}");
        }

        if (_frames == 0)
        {
            var detail = _process.Stderr.Text(TimeSpan.FromSeconds(5));
            throw new AudioDecodeException(
                AudioErrorKind.NoAudio,
                string.IsNullOrWhiteSpace(detail)
                    ? $"'{_displayName}' decoded to 0 audio samples."
                    : $"'{_displayName}' decoded to 0 audio samples: {FfmpegProbe.Reason(_process, _fullPath, _displayName)}");
        }
    }
}
