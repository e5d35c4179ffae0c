namespace WhatsTheTab.Tablature;

/// <summary>One bar: where it starts on the grid and in time, and the events that start in it.</summary>
/// <param name="Number">1-based bar number.</param>
/// <param name="StartTick">Start in grid ticks (bar 1 starts at 0).</param>
/// <param name="LengthTicks">Length in ticks (the time signature's bar length).</param>
/// <param name="StartSeconds">Start in seconds on the beat grid.</param>
/// <param name="Events">Events starting in this bar, in time order (an event may run on into the next bar, tied).</param>
public sealed record TabMeasure(int Number, int StartTick, int LengthTicks, double StartSeconds, IReadOnlyList<TabEvent> Events)
{
    public int EndTick => StartTick + LengthTicks;
}
