namespace WhatsTheTab.Transcription.Audio;

/// <summary>What an audio file contains, as read from its header or an ffprobe run.</summary>
/// <param name="Container">Container detected from the content.</param>
/// <param name="SampleRate">Native sample rate in Hz.</param>
/// <param name="Channels">Native channel count.</param>
/// <param name="BitsPerSample">Bits per sample for PCM-like codecs; 0 for lossy codecs that have none.</param>
/// <param name="DurationSeconds">Duration if known.</param>
/// <param name="Codec">Codec name in ffmpeg's vocabulary (pcm_s16le, mp3, aac, opus…).</param>
public sealed record AudioInfo(AudioContainer Container, int SampleRate, int Channels, int BitsPerSample, double? DurationSeconds, string Codec)
{
    /// <summary>
    /// True when the header declares more audio than the file holds. Decoding still returns the samples that
    /// exist (a recording cut short by a crash or an interrupted upload is still worth transcribing); a file with
    /// zero available samples fails with <see cref="AudioErrorKind.Truncated"/> instead.
    /// </summary>
    public bool Truncated { get; init; }
}
