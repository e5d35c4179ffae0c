namespace WhatsTheTab.Tablature.Rhythm;

/// <summary>A written note value: its plain (undotted, untupled) length, dots, and whether it is an eighth-note-triplet kind of value.</summary>
/// <param name="BaseTicks">Length of the plain value in ticks: 96 whole, 48 half, 24 quarter, 12 eighth, 6 sixteenth, 3 thirty-second.</param>
/// <param name="Dots">0 or 1.</param>
/// <param name="Triplet">Three in the time of two (the value sounds for two thirds of <see cref="BaseTicks"/>).</param>
internal readonly record struct NoteValue(int BaseTicks, int Dots, bool Triplet)
{
    /// <summary>How long it sounds, in ticks.</summary>
    public int Ticks => Triplet ? BaseTicks * 2 / 3 : Dots == 1 ? BaseTicks * 3 / 2 : BaseTicks;

    /// <summary>The denominator: 1 whole, 2 half, 4 quarter, 8 eighth, 16, 32.</summary>
    public int Denominator => 4 * BeatGrid.TicksPerQuarter / BaseTicks;

    /// <summary>MusicXML's &lt;type&gt; name.</summary>
    public string TypeName => BaseTicks switch
    {
        96 => "whole",
        48 => "half",
        24 => "quarter",
        12 => "eighth",
        6 => "16th",
        3 => "32nd",
        _ => throw new InvalidOperationException($"No note type for {BaseTicks} ticks."),
    };

    /// <summary>Beams a note of this value carries: 1 for eighths, 2 for sixteenths, 3 for thirty-seconds, 0 for longer values.</summary>
    public int Beams => BaseTicks switch
    {
        12 => 1,
        6 => 2,
        3 => 3,
        _ => 0,
    };
}
