using System.Diagnostics.CodeAnalysis;

namespace WhatsTheTab.Transcription.Audio;

/// <summary>Mono float samples at a fixed rate, pulled in blocks.</summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "The name is part of the engine's agreed public API; it is a stream of samples, not a System.IO.Stream.")]
public interface IMonoAudioStream : IDisposable
{
    /// <summary>Output rate in Hz: always the rate asked for (22 050 by default).</summary>
    int SampleRate { get; }

    /// <summary>Total output samples if known in advance: exact for WAV, an estimate from the probed duration for ffmpeg-decoded formats, null when unknown.</summary>
    long? LengthHint { get; }

    /// <summary>What was opened.</summary>
    AudioInfo Source { get; }

    /// <summary>Fills up to <paramref name="destination"/>.Length samples; returns 0 only at the end. Throws <see cref="AudioDecodeException"/> on corrupt data mid-stream.</summary>
    int Read(Span<float> destination);
}
