namespace WhatsTheTab.TestSupport;

/// <summary>A note from the reference JavaScript transcription: seconds, MIDI pitch, mean frame activation, pitch bends (contour bins, a third of a semitone each).</summary>
public sealed record ReferenceNote(double Start, double End, int Pitch, double Amplitude, IReadOnlyList<int> PitchBends)
{
    public NoteOnset Onset => new(Start, Pitch);
}
