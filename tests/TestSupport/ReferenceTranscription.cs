namespace WhatsTheTab.TestSupport;

/// <summary>The output of <c>model/scripts/transcribe.mjs</c> for one WAV file.</summary>
public sealed record ReferenceTranscription(
    IReadOnlyList<ReferenceNote> Notes,
    double AudioSeconds,
    double ModelLoadMs,
    double InferenceMs,
    double PostMs,
    string Backend,
    string JsonPath)
{
    /// <summary>Inference time divided by audio duration.</summary>
    public double RealTimeFactor => AudioSeconds <= 0 ? 0 : InferenceMs / 1000 / AudioSeconds;

    public IReadOnlyList<NoteOnset> Onsets => Notes.Select(n => n.Onset).ToList();
}
