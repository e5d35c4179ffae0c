namespace WhatsTheTab.Tablature.Fingering;

/// <summary>The costs the fingering minimises, in "frets of hand movement" as the unit.</summary>
/// <remarks>
/// Hand movement dominates: a guitarist stays in position and reaches with the fingers. Fret height breaks ties toward
/// the nut, stretch and skipped strings make chords compact, open strings are a small bonus while the hand is near the
/// nut and a cost higher up (jumping to an open string from the 9th position changes the sound and the hand's anchor).
/// A string needed while an earlier note still rings on it costs so much that it only happens when nothing else plays.
/// </remarks>
internal static class FingeringWeights
{
    public const double MovePerFret = 1.0;
    public const double Shift = 0.5;
    public const double HeightPerFret = 0.06;
    public const double StretchPerFret = 0.3;
    public const double SkippedString = 0.4;
    public const double StringChange = 0.15;
    public const double OpenNearNut = -0.1;
    public const double OpenUpTheNeck = 0.8;

    /// <summary>Hand positions (index finger fret) up to this count as "near the nut" for open strings.</summary>
    public const int NearNutPosition = 4;

    public const double RingingStringConflict = 1000;

    /// <summary>Voicings kept per event for the global search.</summary>
    public const int CandidatesPerEvent = 40;
}
