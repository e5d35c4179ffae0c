namespace WhatsTheTab.TestSupport;

/// <summary>A note placed in beats (quarter notes) before the tempo turns it into seconds and MIDI ticks.</summary>
internal readonly record struct BeatNote(int Pitch, double StartBeat, double Beats, int Velocity);
