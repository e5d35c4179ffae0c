namespace WhatsTheTab.TestSupport;

/// <summary>A note onset for scoring: time in seconds and MIDI pitch.</summary>
public readonly record struct NoteOnset(double Seconds, int Pitch);
