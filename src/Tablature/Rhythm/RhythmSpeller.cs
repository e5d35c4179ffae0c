namespace WhatsTheTab.Tablature.Rhythm;

/// <summary>Writes a stretch of time within one bar as tied note values that show the beat.</summary>
/// <remarks>
/// In a straight beat the longest value that fits is taken, provided it starts where such a value may: values of a beat
/// or longer start on a beat and last whole beats, or are dotted values of whole beats (the dotted quarter of "dotted
/// quarter, eighth"); shorter values stay inside their beat and start on a multiple of their
/// plain length (so a syncopated quarter is written as two tied eighths, as engravers do). A beat divided in three is
/// written in triplet eighths (two of them as a triplet quarter) unless it is one whole beat. Every bar's values add up
/// to exactly its length because the pieces tile the stretch.
/// </remarks>
internal static class RhythmSpeller
{
    private static readonly NoteValue[] Straight =
    [
        new(96, 1, false), new(96, 0, false), new(48, 1, false), new(48, 0, false), new(24, 1, false), new(24, 0, false),
        new(12, 1, false), new(12, 0, false), new(6, 1, false), new(6, 0, false), new(3, 0, false),
    ];

    /// <summary>
    /// Pieces (start tick, length, value) tiling [<paramref name="start"/>, <paramref name="end"/>), which lie in one bar.
    /// The length equals the value's ticks except for stretches off the grid, which the quantizer never produces.
    /// </summary>
    public static List<(int Start, int Length, NoteValue Value)> Spell(int start, int end, int ticksPerBeat, Func<int, bool> isTripletBeat)
    {
        var pieces = new List<(int Start, int Length, NoteValue Value)>();
        int at = start;
        while (at < end)
        {
            int beat = at / ticksPerBeat;
            int beatStart = beat * ticksPerBeat;
            int beatEnd = beatStart + ticksPerBeat;
            if (isTripletBeat(beat))
            {
                int pieceEnd = Math.Min(end, beatEnd);
                int length = pieceEnd - at;
                int third = ticksPerBeat / 3;
                if (at == beatStart && length == ticksPerBeat && TryPlain(ticksPerBeat, out NoteValue whole))
                {
                    pieces.Add((at, length, whole));
                    at = pieceEnd;
                    continue;
                }

                // Two thirds at once where they fit, else one third (a shorter remainder is written as a third).
                int step = length >= 2 * third ? 2 * third : third;
                int used = Math.Min(step, length);
                pieces.Add((at, used, new NoteValue(step * 3 / 2, 0, true)));
                at += used;
                continue;
            }

            int limit = end;
            for (int b = beat + 1; b * ticksPerBeat < end; b++)
            {
                if (isTripletBeat(b))
                {
                    limit = b * ticksPerBeat;
                    break;
                }
            }

            NoteValue chosen = Choose(at, limit - at, beatStart, ticksPerBeat);
            int covered = Math.Min(chosen.Ticks, limit - at);
            pieces.Add((at, covered, chosen));
            at += covered;
        }

        return pieces;
    }

    private static NoteValue Choose(int at, int remaining, int beatStart, int ticksPerBeat)
    {
        int offset = at - beatStart;
        foreach (NoteValue value in Straight)
        {
            int ticks = value.Ticks;
            if (ticks > remaining)
            {
                continue;
            }

            bool fits = ticks >= ticksPerBeat
                ? offset == 0 && (ticks % ticksPerBeat == 0 || value.BaseTicks % ticksPerBeat == 0)
                : offset + ticks <= ticksPerBeat && offset % value.BaseTicks == 0;
            if (fits)
            {
                return value;
            }
        }

        // Only reachable for lengths off the thirty-second grid: write the shortest value; the duration still tiles.
        return new NoteValue(3, 0, false);
    }

    private static bool TryPlain(int ticks, out NoteValue value)
    {
        foreach (NoteValue candidate in Straight)
        {
            if (candidate.Ticks == ticks)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
