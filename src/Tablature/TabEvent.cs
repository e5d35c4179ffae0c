namespace WhatsTheTab.Tablature;

/// <summary>The notes that start together after quantization: one column of the tab, one beat (chord or single note) of the notation.</summary>
/// <param name="StartTick">Start in grid ticks from the start of bar 1.</param>
/// <param name="DurationTicks">
/// Written length: until the longest of its notes ends or the next event starts, whichever is first (one voice; a note
/// that rings on under later notes is written to the next event and keeps its full length in <see cref="PlacedNote.EndTick"/>).
/// </param>
/// <param name="Notes">The notes, by string number (top string first).</param>
public sealed record TabEvent(int StartTick, int DurationTicks, IReadOnlyList<PlacedNote> Notes)
{
    public int EndTick => StartTick + DurationTicks;
}
