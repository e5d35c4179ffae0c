namespace WhatsTheTab.Tablature.Export;

/// <summary>A bar as written: its values in order, adding up to the bar's length.</summary>
internal sealed record NotatedMeasure(TabMeasure Measure, IReadOnlyList<NotatedBeat> Beats)
{
    /// <summary>True when the bar holds only rests (written as one whole-bar rest where the format has one).</summary>
    public bool IsEmpty => Beats.All(b => b.IsRest);
}
