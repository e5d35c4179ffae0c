namespace WhatsTheTab.TestSupport;

/// <summary>The definition of a synthetic clip: General MIDI program, tempo and notes in beats.</summary>
internal sealed record ClipSpec(string Name, string Description, int Program, double Bpm, IReadOnlyList<BeatNote> Notes)
{
    /// <summary>MIDI ticks per quarter note.</summary>
    public const int TicksPerQuarter = 480;

    public double SecondsPerBeat => 60.0 / Bpm;

    public IReadOnlyList<TruthNote> Truth() =>
        Notes
            .Select(n => new TruthNote(n.Pitch, n.StartBeat * SecondsPerBeat, (n.StartBeat + n.Beats) * SecondsPerBeat, n.Velocity))
            .OrderBy(n => n.Start)
            .ThenBy(n => n.Pitch)
            .ToList();

    public static long Ticks(double beats) => (long)Math.Round(beats * TicksPerQuarter);
}
