namespace WhatsTheTab.Tablature.Export;

/// <summary>A placed note as it appears in one written value: continued from the value before (tie stop) and/or into the next (tie start).</summary>
internal sealed record NotatedNote(PlacedNote Note, bool TieStart, bool TieStop);
