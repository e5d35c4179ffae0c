using WhatsTheTab.Tablature.Rhythm;

namespace WhatsTheTab.Tablature.Export;

/// <summary>Turns a score's events into written values per bar, the common ground of the MusicXML and alphaTex writers.</summary>
/// <remarks>
/// One voice: every event sounds for its <see cref="TabEvent.DurationTicks"/>, gaps are rests, and an event running past
/// a bar line (or needing more than one value) is split into tied values. Beams join eighths and shorter within a beat,
/// broken by rests.
/// </remarks>
internal static class NotationLayout
{
    public static IReadOnlyList<NotatedMeasure> Build(TabScore score)
    {
        BeatGrid grid = score.Grid;
        int ticksPerBeat = grid.TicksPerBeat;
        var measures = new List<NotatedMeasure>(score.Measures.Count);
        int next = 0;
        TabEvent? carried = null;
        foreach (TabMeasure measure in score.Measures)
        {
            var beats = new List<NotatedBeat>();
            int at = measure.StartTick;
            var overlapping = new List<TabEvent>();
            if (carried is not null && carried.EndTick > measure.StartTick)
            {
                overlapping.Add(carried);
            }

            while (next < score.Events.Count && score.Events[next].StartTick < measure.EndTick)
            {
                overlapping.Add(score.Events[next++]);
            }

            foreach (TabEvent tabEvent in overlapping)
            {
                int from = Math.Max(tabEvent.StartTick, measure.StartTick);
                int to = Math.Min(tabEvent.EndTick, measure.EndTick);
                if (from > at)
                {
                    AddPieces(beats, at, from, null, ticksPerBeat, grid);
                }

                AddPieces(beats, from, to, tabEvent, ticksPerBeat, grid);
                at = to;
                carried = tabEvent;
            }

            if (at < measure.EndTick)
            {
                AddPieces(beats, at, measure.EndTick, null, ticksPerBeat, grid);
            }

            measures.Add(new NotatedMeasure(measure, Marked(beats, ticksPerBeat)));
        }

        return measures;
    }

    private static void AddPieces(List<NotatedBeat> beats, int from, int to, TabEvent? tabEvent, int ticksPerBeat, BeatGrid grid)
    {
        foreach ((int start, int length, NoteValue value) in RhythmSpeller.Spell(from, to, ticksPerBeat, grid.IsTriplet))
        {
            IReadOnlyList<NotatedNote> notes = tabEvent is null
                ? []
                : [.. tabEvent.Notes.Select(n => new NotatedNote(n, TieStart: start + length < tabEvent.EndTick, TieStop: start > tabEvent.StartTick))];
            beats.Add(new NotatedBeat(start, length, value, notes, TupletMark.None, []));
        }
    }

    /// <summary>Adds triplet brackets (per divided beat) and beams (per beat).</summary>
    private static List<NotatedBeat> Marked(List<NotatedBeat> beats, int ticksPerBeat)
    {
        var marked = new List<NotatedBeat>(beats);
        int i = 0;
        while (i < marked.Count)
        {
            int beat = marked[i].StartTick / ticksPerBeat;
            int end = i;
            while (end < marked.Count && marked[end].StartTick / ticksPerBeat == beat)
            {
                end++;
            }

            // [i, end) are the values starting in this beat.
            var tupletIndexes = Enumerable.Range(i, end - i).Where(k => marked[k].Value.Triplet).ToList();
            for (int t = 0; t < tupletIndexes.Count; t++)
            {
                // A lone triplet value keeps its time modification but gets no bracket, which needs a start and a stop.
                TupletMark mark = tupletIndexes.Count == 1 ? TupletMark.None
                    : t == 0 ? TupletMark.Start
                    : t == tupletIndexes.Count - 1 ? TupletMark.Stop
                    : TupletMark.Inside;
                marked[tupletIndexes[t]] = marked[tupletIndexes[t]] with { Tuplet = mark };
            }

            Beam(marked, i, end);
            i = end;
        }

        return marked;
    }

    private static void Beam(List<NotatedBeat> beats, int from, int to)
    {
        int k = from;
        while (k < to)
        {
            if (beats[k].IsRest || beats[k].Value.Beams == 0)
            {
                k++;
                continue;
            }

            int runEnd = k;
            while (runEnd < to && !beats[runEnd].IsRest && beats[runEnd].Value.Beams > 0)
            {
                runEnd++;
            }

            if (runEnd - k >= 2)
            {
                for (int n = k; n < runEnd; n++)
                {
                    var marks = new List<string>();
                    for (int level = 1; level <= beats[n].Value.Beams; level++)
                    {
                        bool before = n > k && beats[n - 1].Value.Beams >= level;
                        bool after = n < runEnd - 1 && beats[n + 1].Value.Beams >= level;
                        marks.Add(before && after ? "continue" : before ? "end" : after ? "begin" : n == k ? "forward hook" : "backward hook");
                    }

                    beats[n] = beats[n] with { Beams = marks };
                }
            }

            k = runEnd;
        }
    }
}
