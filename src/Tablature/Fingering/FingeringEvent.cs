namespace WhatsTheTab.Tablature.Fingering;

/// <summary>What the solver needs of one event: when it starts, how long each note rings, and the voicings to choose from.</summary>
/// <param name="StartTick">Start of the event.</param>
/// <param name="EndTicks">End of each note's sound, in the order of the voicings' notes.</param>
/// <param name="Candidates">Playable voicings, cheapest first (never empty).</param>
internal sealed record FingeringEvent(int StartTick, int[] EndTicks, IReadOnlyList<Voicing> Candidates);
