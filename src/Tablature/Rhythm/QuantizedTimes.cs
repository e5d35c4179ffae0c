namespace WhatsTheTab.Tablature.Rhythm;

/// <summary>The grid draft and every note's quantized start and end tick, index for index with the notes given.</summary>
internal sealed record QuantizedTimes(GridDraft Grid, int[] StartTicks, int[] EndTicks);
