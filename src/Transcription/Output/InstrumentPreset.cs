namespace WhatsTheTab.Transcription.Output;

/// <summary>The General MIDI instrument a MIDI file asks players to use for the notes.</summary>
public enum InstrumentPreset
{
    /// <summary>Acoustic Grand Piano (program 0).</summary>
    Piano,

    /// <summary>Acoustic Guitar (nylon) (program 24).</summary>
    GuitarNylon,

    /// <summary>Acoustic Guitar (steel) (program 25).</summary>
    GuitarSteel,

    /// <summary>Electric Guitar (clean) (program 27).</summary>
    GuitarElectric,

    /// <summary>Electric Bass (finger) (program 33).</summary>
    Bass,

    /// <summary>No program change: the player's default (usually piano).</summary>
    None,

    /// <summary>Electric Bass (pick) (program 34). Last so the numbers of the others stay as they were.</summary>
    BassPicked,
}
