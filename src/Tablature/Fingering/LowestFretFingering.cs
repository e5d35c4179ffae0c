namespace WhatsTheTab.Tablature.Fingering;

/// <summary>The naive baseline: every note on the string where it has the lowest fret, each event on its own.</summary>
/// <remarks>
/// Notes of a chord are taken from the lowest pitch up, each on the free string giving the lowest fret (a string already
/// used in the chord is skipped when another can play the note). No hand span, no context: what a note-by-note tabber
/// without memory does, and what the global fingering is measured against.
/// </remarks>
public static class LowestFretFingering
{
    /// <summary>(string, fret) per note for every event of <paramref name="score"/>, in the events' note order.</summary>
    public static IReadOnlyList<IReadOnlyList<(int StringNumber, int Fret)>> Of(TabScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var result = new List<IReadOnlyList<(int StringNumber, int Fret)>>(score.Events.Count);
        foreach (TabEvent tabEvent in score.Events)
        {
            var placed = new (int StringNumber, int Fret)[tabEvent.Notes.Count];
            var used = new bool[score.Instrument.StringCount + 1];
            foreach (int i in Enumerable.Range(0, tabEvent.Notes.Count).OrderBy(i => tabEvent.Notes[i].Pitch).ThenBy(i => i))
            {
                int pitch = tabEvent.Notes[i].Pitch;
                (int String, int Fret) best = (0, int.MaxValue);
                (int String, int Fret) bestAny = (0, int.MaxValue);
                for (int s = 1; s <= score.Instrument.StringCount; s++)
                {
                    int fret = pitch - score.Instrument.OpenPitch(s) - score.Instrument.Capo;
                    if (fret < 0 || fret > score.Instrument.MaxTabFret)
                    {
                        continue;
                    }

                    if (fret < bestAny.Fret)
                    {
                        bestAny = (s, fret);
                    }

                    if (!used[s] && fret < best.Fret)
                    {
                        best = (s, fret);
                    }
                }

                (int String, int Fret) chosen = best.String != 0 ? best : bestAny;
                used[chosen.String] = true;
                placed[i] = (chosen.String, chosen.Fret);
            }

            result.Add(placed);
        }

        return result;
    }

    /// <summary>The frets per event of the naive assignment, for <see cref="HandTravel.Of(IEnumerable{IReadOnlyList{int}}, int)"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> FretsOf(TabScore score) =>
        [.. Of(score).Select(e => (IReadOnlyList<int>)[.. e.Select(p => p.Fret)])];
}
