namespace WhatsTheTab.Transcription.Notes;

/// <summary>How pitch bends are estimated and written.</summary>
public enum PitchBendMode
{
    /// <summary>No pitch bends.</summary>
    None,

    /// <summary>One bend track: bends of notes that overlap in time are dropped (basic-pitch's default).</summary>
    SingleTrack,

    /// <summary>Every note keeps its bends; MIDI output puts each pitch on its own channel/track.</summary>
    PerNote,
}
