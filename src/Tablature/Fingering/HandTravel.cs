namespace WhatsTheTab.Tablature.Fingering;

/// <summary>How far the fretting hand travels along the neck to play a sequence of events: the measure the fingering minimises.</summary>
/// <remarks>
/// The hand covers hand-span consecutive frets with the index finger at its position h (one finger per fret); an event
/// can be played when every fretted note f of it satisfies h ≤ f ≤ h + span − 1; open strings need no hand. The travel of
/// a piece is the least total |Δh| over all choices of h per event (computed exactly by dynamic programming over h); the
/// hand's first position is free. <see cref="LowestFretTravel"/> is the cruder measure Σ|Δ lowest fretted fret|, for
/// comparison.
/// </remarks>
public static class HandTravel
{
    /// <summary>Least total window travel, in frets, for the frets of each event in order (0 = open string).</summary>
    public static int Of(IEnumerable<IReadOnlyList<int>> fretsPerEvent, int handSpan)
    {
        ArgumentNullException.ThrowIfNull(fretsPerEvent);
        ArgumentOutOfRangeException.ThrowIfLessThan(handSpan, 1);
        const int positions = 64;
        const int unreachable = int.MaxValue / 4;
        int[]? cost = null;
        var next = new int[positions];
        foreach (IReadOnlyList<int> frets in fretsPerEvent)
        {
            int min = int.MaxValue;
            int max = int.MinValue;
            foreach (int fret in frets)
            {
                if (fret > 0)
                {
                    min = Math.Min(min, fret);
                    max = Math.Max(max, fret);
                }
            }

            if (min == int.MaxValue)
            {
                continue;
            }

            int lowest = Math.Max(1, max - handSpan + 1);
            int highest = Math.Min(positions - 1, min);
            if (lowest > highest)
            {
                // Wider than the hand: count the stretch as travel from the lowest note up to the highest.
                lowest = highest;
            }

            for (int h = 0; h < positions; h++)
            {
                if (h < lowest || h > highest)
                {
                    next[h] = unreachable;
                    continue;
                }

                if (cost is null)
                {
                    next[h] = 0;
                    continue;
                }

                int best = unreachable;
                for (int from = 1; from < positions; from++)
                {
                    if (cost[from] < unreachable)
                    {
                        best = Math.Min(best, cost[from] + Math.Abs(h - from));
                    }
                }

                next[h] = best;
            }

            cost ??= new int[positions];
            Array.Copy(next, cost, positions);
        }

        return cost is null ? 0 : cost.Min();
    }

    /// <summary>The travel of a finished tab's events.</summary>
    public static int Of(TabScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return Of(score.Events.Select(e => (IReadOnlyList<int>)[.. e.Notes.Select(n => n.Fret)]), score.Options.HandSpan);
    }

    /// <summary>Σ |Δ lowest fretted fret| between consecutive events that have a fretted note.</summary>
    public static int LowestFretTravel(IEnumerable<IReadOnlyList<int>> fretsPerEvent)
    {
        ArgumentNullException.ThrowIfNull(fretsPerEvent);
        int travel = 0;
        int? previous = null;
        foreach (IReadOnlyList<int> frets in fretsPerEvent)
        {
            int lowest = frets.Where(f => f > 0).DefaultIfEmpty(0).Min();
            if (lowest == 0)
            {
                continue;
            }

            if (previous is int p)
            {
                travel += Math.Abs(lowest - p);
            }

            previous = lowest;
        }

        return travel;
    }
}
