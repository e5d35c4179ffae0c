using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Transcription;

/// <summary>What one transcription produced, with where the time went.</summary>
public sealed record TranscriptionResult(
    IReadOnlyList<NoteEvent> Notes,
    double AudioSeconds,
    int Chunks,
    TimeSpan InferenceTime,
    TimeSpan PostProcessingTime)
{
    /// <summary>Audio seconds per wall-clock second for decode + inference + post-processing.</summary>
    public double RealTimeFactor => AudioSeconds / Math.Max((InferenceTime + PostProcessingTime).TotalSeconds, 1e-9);
}
