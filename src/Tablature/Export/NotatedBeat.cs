using WhatsTheTab.Tablature.Rhythm;

namespace WhatsTheTab.Tablature.Export;

/// <summary>One written value of the single voice: a rest or the notes of an event (or part of one, tied), with triplet and beam marks.</summary>
/// <param name="StartTick">Start in grid ticks.</param>
/// <param name="Ticks">Length in ticks (what MusicXML's &lt;duration&gt; says).</param>
/// <param name="Value">The written value.</param>
/// <param name="Notes">The notes, top string first; empty for a rest.</param>
/// <param name="Tuplet">Position in a triplet group.</param>
/// <param name="Beams">Per beam level (1 = eighth beam) "begin", "continue", "end", "forward hook" or "backward hook"; empty when unbeamed.</param>
internal sealed record NotatedBeat(int StartTick, int Ticks, NoteValue Value, IReadOnlyList<NotatedNote> Notes, TupletMark Tuplet, IReadOnlyList<string> Beams)
{
    public bool IsRest => Notes.Count == 0;
}
