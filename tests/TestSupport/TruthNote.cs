namespace WhatsTheTab.TestSupport;

/// <summary>A note of a synthetic clip as written to its MIDI file: MIDI pitch, start and end in seconds, velocity 1–127.</summary>
public readonly record struct TruthNote(int Pitch, double Start, double End, int Velocity)
{
    /// <summary>The note's onset for scoring.</summary>
    public NoteOnset Onset => new(Start, Pitch);
}
