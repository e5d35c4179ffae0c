using WhatsTheTab.Tablature.Instruments;

namespace WhatsTheTab.Tablature.Fingering;

/// <summary>Lists the playable voicings of a chord and, when there are none, finds the largest playable part of it.</summary>
internal static class VoicingGenerator
{
    /// <summary>The most notes of one chord whose playable subsets are searched exhaustively.</summary>
    private const int MaxSearchedNotes = 10;

    /// <summary>
    /// The best <see cref="FingeringWeights.CandidatesPerEvent"/> voicings of <paramref name="pitches"/> (one string per
    /// note, fretted notes within the hand span, frets within the neck), cheapest first; empty when there is none.
    /// </summary>
    public static List<Voicing> For(IReadOnlyList<int> pitches, TabInstrument instrument, int handSpan)
    {
        var found = new List<Voicing>();
        if (pitches.Count == 0 || pitches.Count > instrument.StringCount)
        {
            return found;
        }

        var positions = new List<(int String, int Fret)>[pitches.Count];
        for (int i = 0; i < pitches.Count; i++)
        {
            positions[i] = [];
            for (int s = 1; s <= instrument.StringCount; s++)
            {
                int fret = pitches[i] - instrument.OpenPitch(s) - instrument.Capo;
                if (fret >= 0 && fret <= instrument.MaxTabFret)
                {
                    positions[i].Add((s, fret));
                }
            }

            if (positions[i].Count == 0)
            {
                return found;
            }
        }

        var strings = new int[pitches.Count];
        var frets = new int[pitches.Count];
        Search(0, 0, int.MaxValue, int.MinValue);
        foreach (Voicing voicing in found)
        {
            voicing.LocalCost = LocalCost(voicing);
        }

        found.Sort(CompareVoicings);
        if (found.Count > FingeringWeights.CandidatesPerEvent)
        {
            found.RemoveRange(FingeringWeights.CandidatesPerEvent, found.Count - FingeringWeights.CandidatesPerEvent);
        }

        return found;

        void Search(int note, int usedStrings, int minFret, int maxFret)
        {
            if (note == pitches.Count)
            {
                found.Add(new Voicing([.. strings], [.. frets]));
                return;
            }

            foreach ((int s, int fret) in positions[note])
            {
                if ((usedStrings & (1 << s)) != 0)
                {
                    continue;
                }

                int newMin = minFret;
                int newMax = maxFret;
                if (fret > 0)
                {
                    newMin = Math.Min(minFret, fret);
                    newMax = Math.Max(maxFret, fret);
                    if (newMax - newMin > handSpan - 1)
                    {
                        continue;
                    }
                }

                strings[note] = s;
                frets[note] = fret;
                Search(note + 1, usedStrings | (1 << s), newMin, newMax);
            }
        }
    }

    /// <summary>
    /// Keeps as many of <paramref name="pitches"/> as can be played together: all when possible, else the fewest notes are
    /// dropped, inner voices before the bass and the top note. Returns the kept indexes (ascending) and their voicings.
    /// </summary>
    public static (int[] Kept, List<Voicing> Voicings) Playable(IReadOnlyList<int> pitches, TabInstrument instrument, int handSpan)
    {
        int n = pitches.Count;
        List<Voicing> voicings = For(pitches, instrument, handSpan);
        if (voicings.Count > 0 || n == 0)
        {
            return ([.. Enumerable.Range(0, n)], voicings);
        }

        // Subsets of the chord, fewest removals first and, among as many removals, inner notes before the bass and the
        // top; a chord of more than MaxSearchedNotes notes loses its least wanted notes before the search, so at most
        // 2^MaxSearchedNotes subsets are ever tried.
        int[] removalOrder = RemovalOrder(n);
        int forced = Math.Max(0, n - MaxSearchedNotes);
        int[] pool = [.. removalOrder.Skip(forced)];
        int fewest = Math.Max(forced == 0 ? 1 : 0, pool.Length - instrument.StringCount);
        for (int remove = fewest; remove < pool.Length; remove++)
        {
            foreach (int[] removed in CombinationsOf(pool, remove))
            {
                int[] kept = [.. pool.Where(i => Array.IndexOf(removed, i) < 0).Order()];
                List<Voicing> found = For([.. kept.Select(i => pitches[i])], instrument, handSpan);
                if (found.Count > 0)
                {
                    return (kept, found);
                }
            }
        }

        return ([], []);
    }

    /// <summary>Inner notes from the middle outwards, then the bass, then the top note.</summary>
    private static int[] RemovalOrder(int n)
    {
        if (n <= 2)
        {
            return n == 2 ? [0, 1] : [0];
        }

        double middle = (n - 1) / 2.0;
        var inner = Enumerable.Range(1, n - 2).OrderBy(i => Math.Abs(i - middle)).ThenBy(i => i).ToList();
        inner.Add(0);
        inner.Add(n - 1);
        return [.. inner];
    }

    /// <summary>Subsets of <paramref name="size"/> items in lexicographic order of their positions in <paramref name="items"/>.</summary>
    private static IEnumerable<int[]> CombinationsOf(int[] items, int size)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }

        var index = new int[size];
        for (int i = 0; i < size; i++)
        {
            index[i] = i;
        }

        while (true)
        {
            yield return [.. index.Select(i => items[i])];
            int position = size - 1;
            while (position >= 0 && index[position] == items.Length - size + position)
            {
                position--;
            }

            if (position < 0)
            {
                yield break;
            }

            index[position]++;
            for (int i = position + 1; i < size; i++)
            {
                index[i] = index[i - 1] + 1;
            }
        }
    }

    private static double LocalCost(Voicing voicing)
    {
        double cost = 0;
        if (voicing.FrettedCount > 0)
        {
            cost += FingeringWeights.HeightPerFret * voicing.FrettedSum / voicing.FrettedCount;
            cost += FingeringWeights.StretchPerFret * (voicing.MaxFret - voicing.MinFret);
        }

        cost += FingeringWeights.SkippedString * voicing.InnerGaps;
        return cost;
    }

    /// <summary>Cheapest first; ties broken by strings then frets so the order never depends on search order.</summary>
    private static int CompareVoicings(Voicing a, Voicing b)
    {
        int byCost = a.LocalCost.CompareTo(b.LocalCost);
        if (byCost != 0)
        {
            return byCost;
        }

        for (int i = 0; i < a.Strings.Length; i++)
        {
            int byString = a.Strings[i].CompareTo(b.Strings[i]);
            if (byString != 0)
            {
                return byString;
            }
        }

        return 0;
    }
}
