namespace WhatsTheTab.Transcription.Audio;

/// <summary>Opens audio files of any supported format as a mono stream at the model's rate; WAV natively, the rest through ffmpeg.</summary>
/// <remarks>
/// The format is decided by the file's content, never its name. Error messages name the file but not its directory,
/// so they can be shown to the person who uploaded it without leaking server paths.
/// </remarks>
public static class AudioReader
{
    /// <summary>The rate basic-pitch was trained on.</summary>
    public const int ModelSampleRate = 22050;

    // The resampler handles more, but a target outside this range is a caller bug, not a file problem.
    private const int MaxTargetSampleRate = 1_000_000;

    /// <summary>Opens a file, sniffs its content, and returns a mono stream resampled to <paramref name="targetSampleRate"/>.</summary>
    /// <exception cref="AudioDecodeException">The file is missing, empty, not audio, corrupt or needs a missing decoder.</exception>
    public static IMonoAudioStream Open(string path, int targetSampleRate = ModelSampleRate, CancellationToken cancellationToken = default) =>
        Open(path, targetSampleRate, FfmpegTools.FromEnvironment(), cancellationToken);

    /// <summary>Reads only the header/probe: container, rate, channels, duration (for upload validation). Throws <see cref="AudioDecodeException"/> like <see cref="Open(string, int, CancellationToken)"/>.</summary>
    public static AudioInfo Probe(string path) => Probe(path, FfmpegTools.FromEnvironment(), CancellationToken.None);

    /// <summary>Sniffs the container from the first bytes (at least 12, ideally 64).</summary>
    public static AudioContainer Sniff(ReadOnlySpan<byte> header) => ContainerSniffer.Sniff(header);

    internal static IMonoAudioStream Open(string path, int targetSampleRate, FfmpegTools tools, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetSampleRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetSampleRate, MaxTargetSampleRate);
        cancellationToken.ThrowIfCancellationRequested();

        var (stream, fullPath, displayName, container) = OpenAndSniff(path);
        IFrameSource? source = null;
        try
        {
            AudioInfo info;
            long? frames;
            if (container == AudioContainer.Wav)
            {
                var format = WavHeaderReader.Read(stream, stream.Length, displayName);
                info = format.ToInfo();
                frames = format.FrameCount;
                source = new WavFrameSource(stream, format);
            }
            else
            {
                stream.Dispose();
                info = FfmpegProbe.Run(tools, fullPath, displayName, container, cancellationToken);

                // A probe that could not tell the rate or layout leaves those to ffmpeg's defaults for this stream.
                var rate = info.SampleRate > 0 ? info.SampleRate : targetSampleRate;
                var channels = info.Channels > 0 ? info.Channels : 1;
                frames = info.DurationSeconds is { } seconds && info.SampleRate > 0 ? (long)Math.Round(seconds * rate) : null;
                source = FfmpegFrameSource.Start(tools, fullPath, displayName, container, rate, channels, cancellationToken);
            }

            return new MonoResamplingStream(source, targetSampleRate, info, frames, cancellationToken);
        }
        catch
        {
            if (source is null)
            {
                stream.Dispose();
            }
            else
            {
                source.Dispose();
            }

            throw;
        }
    }

    internal static AudioInfo Probe(string path, FfmpegTools tools, CancellationToken cancellationToken)
    {
        var (stream, fullPath, displayName, container) = OpenAndSniff(path);
        using (stream)
        {
            if (container == AudioContainer.Wav)
            {
                return WavHeaderReader.Read(stream, stream.Length, displayName).ToInfo();
            }
        }

        return FfmpegProbe.Run(tools, fullPath, displayName, container, cancellationToken);
    }

    private static (FileStream Stream, string FullPath, string DisplayName, AudioContainer Container) OpenAndSniff(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var displayName = Path.GetFileName(fullPath);
        if (Directory.Exists(fullPath))
        {
            throw new AudioDecodeException(AudioErrorKind.NotFound, $"'{displayName}' is a folder, not an audio file.");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AudioDecodeException(AudioErrorKind.NotFound, $"Audio file '{displayName}' was not found.", ex);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new AudioDecodeException(AudioErrorKind.NotFound, $"Audio file '{displayName}' could not be opened: {ex.Message}", ex);
        }

        try
        {
            if (stream.Length == 0)
            {
                throw new AudioDecodeException(AudioErrorKind.Empty, $"Audio file '{displayName}' is empty (0 bytes).");
            }

            var container = ContainerSniffer.Sniff(stream);
            if (container == AudioContainer.Unknown)
            {
                throw new AudioDecodeException(
                    AudioErrorKind.UnrecognizedFormat,
                    $"'{displayName}' is not a recognised audio file: its content is not WAV, MP3, FLAC, Ogg Vorbis/Opus, M4A/AAC, AIFF or WebM, whatever its name says.");
            }

            return (stream, fullPath, displayName, container);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
