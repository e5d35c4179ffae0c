namespace WhatsTheTab.Tablature;

/// <summary>Why an input note is not in the tab.</summary>
public enum DropReason
{
    /// <summary>Times not finite or pitch outside MIDI 0..127.</summary>
    Invalid,

    /// <summary>No octave of the pitch can be played on the instrument.</summary>
    OutOfRange,

    /// <summary>Another note of the same pitch starts at the same grid position.</summary>
    DuplicatePitch,

    /// <summary>Its chord has more notes than strings, or no fingering within the hand span plays them all; the fewest notes were dropped.</summary>
    Unplayable,
}
