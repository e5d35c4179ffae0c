namespace WhatsTheTab.Tablature.Fingering;

/// <summary>Chooses one voicing per event for the whole piece at once: a Viterbi search over (voicing, hand position) states.</summary>
/// <remarks>
/// The hand is a window of hand-span frets with the index finger at position h; a voicing with fretted notes can be
/// played from every h whose window covers them, so each such (voicing, h) is a state, and moving from h to h' costs
/// |h − h'| — the same measure <see cref="HandTravel"/> reports, minimised exactly. Voicings of open strings only keep
/// the hand where it was; before anything is fretted, the hand may be at any position, free of charge. Which strings still ring depends on the path, so each state keeps those of its best
/// predecessor (the usual way to carry such facts through a Viterbi search). Ties go to the earlier voicing (cheaper by
/// local cost) and the lower hand position, so the result is deterministic.
/// </remarks>
internal static class FingeringSolver
{
    /// <summary>The index of the chosen voicing for each event; <paramref name="maxHand"/> is the highest hand position (the neck's highest tab fret).</summary>
    public static int[] Solve(IReadOnlyList<FingeringEvent> events, int stringCount, int handSpan, int maxHand)
    {
        int count = events.Count;
        var choice = new int[count];
        if (count == 0)
        {
            return choice;
        }

        var layers = new List<State[]>(count);
        State[] previous = [new State(0, -1, 0, 0, new int[stringCount + 1], -1)];
        var hands = new List<int>();
        var states = new List<State>();
        for (int e = 0; e < count; e++)
        {
            FingeringEvent current = events[e];
            bool nothingFrettedYet = previous.Any(p => p.Hand == 0);
            states.Clear();
            for (int c = 0; c < current.Candidates.Count; c++)
            {
                Voicing voicing = current.Candidates[c];
                hands.Clear();
                if (voicing.FrettedCount > 0)
                {
                    for (int h = Math.Max(1, voicing.MaxFret - handSpan + 1); h <= voicing.MinFret; h++)
                    {
                        hands.Add(h);
                    }
                }
                else if (nothingFrettedYet)
                {
                    // Nothing fretted yet: the hand can already be where the music is going, so open strings are judged
                    // from every position (near the nut they are a bonus, up the neck a cost).
                    for (int h = 1; h <= maxHand; h++)
                    {
                        hands.Add(h);
                    }
                }
                else
                {
                    hands.AddRange(previous.Select(p => p.Hand).Distinct().Order());
                }

                foreach (int hand in hands)
                {
                    double best = double.PositiveInfinity;
                    int bestFrom = -1;
                    for (int p = 0; p < previous.Length; p++)
                    {
                        State from = previous[p];
                        if (voicing.FrettedCount == 0 && from.Hand != 0 && from.Hand != hand)
                        {
                            continue;
                        }

                        // The first position is free: nothing was fretted before.
                        int move = from.Hand == 0 ? 0 : Math.Abs(hand - from.Hand);
                        double cost = from.Cost
                            + (FingeringWeights.MovePerFret * move) + (move > 0 ? FingeringWeights.Shift : 0)
                            + (e == 0 ? 0 : FingeringWeights.StringChange * Math.Abs(voicing.MeanString - from.MeanString))
                            + (FingeringWeights.RingingStringConflict * Conflicts(from.RingsUntil, voicing, current.StartTick));
                        if (cost < best)
                        {
                            best = cost;
                            bestFrom = p;
                        }
                    }

                    if (bestFrom < 0)
                    {
                        continue;
                    }

                    double own = voicing.LocalCost + OpenCost(voicing, hand);
                    states.Add(new State(best + own, c, hand, voicing.MeanString, Occupy(previous[bestFrom].RingsUntil, current, voicing), bestFrom));
                }
            }

            previous = [.. states];
            layers.Add(previous);
        }

        int end = 0;
        for (int s = 1; s < previous.Length; s++)
        {
            if (previous[s].Cost < previous[end].Cost)
            {
                end = s;
            }
        }

        for (int e = count - 1; e >= 0; e--)
        {
            State state = layers[e][end];
            choice[e] = state.Voicing;
            end = state.From;
        }

        return choice;
    }

    private static double OpenCost(Voicing voicing, int hand) =>
        voicing.OpenCount * (hand <= FingeringWeights.NearNutPosition ? FingeringWeights.OpenNearNut : FingeringWeights.OpenUpTheNeck);

    private static int Conflicts(int[] ringsUntil, Voicing voicing, int start)
    {
        int conflicts = 0;
        foreach (int s in voicing.Strings)
        {
            if (ringsUntil[s] > start)
            {
                conflicts++;
            }
        }

        return conflicts;
    }

    /// <summary>A copy of the ringing ends with this voicing's notes put on their strings.</summary>
    private static int[] Occupy(int[] ringsUntil, FingeringEvent current, Voicing voicing)
    {
        var next = (int[])ringsUntil.Clone();
        for (int i = 0; i < voicing.Strings.Length; i++)
        {
            next[voicing.Strings[i]] = current.EndTicks[i];
        }

        return next;
    }

    /// <summary>
    /// A voicing played from a hand position (0: nothing fretted yet) with the cost of its best path, the mean string
    /// (for string changes), until when each string rings on that path, and the predecessor in the previous layer.
    /// </summary>
    private readonly record struct State(double Cost, int Voicing, int Hand, double MeanString, int[] RingsUntil, int From);
}
