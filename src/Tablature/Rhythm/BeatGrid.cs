namespace WhatsTheTab.Tablature.Rhythm;

/// <summary>Where the beats fall in time, the tempo and how sure the estimate is, and which beats are divided in three.</summary>
/// <remarks>
/// Positions on the grid are ticks: <see cref="TicksPerQuarter"/> per quarter note, tick 0 at the start of bar 1 (the
/// first beat time). Between beats ticks map to seconds linearly, so the grid follows the tempo drift the beat tracker
/// found; before the first and after the last beat the nearest beat period is extended.
/// </remarks>
public sealed class BeatGrid
{
    /// <summary>Ticks per quarter note: divisible by 8 (thirty-second notes) and by 3 (triplets).</summary>
    public const int TicksPerQuarter = 24;

    private readonly double[] _beatTimes;
    private readonly bool[] _triplets;

    internal BeatGrid(
        TimeSignature timeSignature,
        double[] beatTimes,
        bool[] triplets,
        double tempoBpm,
        double estimatedTempoBpm,
        double confidence,
        TempoRelation relation)
    {
        if (beatTimes.Length < 2)
        {
            throw new ArgumentException("A beat grid needs at least two beats.", nameof(beatTimes));
        }

        TimeSignature = timeSignature;
        _beatTimes = beatTimes;
        _triplets = triplets;
        TempoBpm = tempoBpm;
        EstimatedTempoBpm = estimatedTempoBpm;
        Confidence = confidence;
        Relation = relation;
    }

    public TimeSignature TimeSignature { get; }

    public int TicksPerBeat => TimeSignature.TicksPerBeat;

    /// <summary>Time of each counted beat in seconds; beat 0 starts bar 1.</summary>
    public IReadOnlyList<double> BeatTimes => _beatTimes;

    /// <summary>The tempo the notation uses, quarter notes per minute: the given tempo, or else the estimate.</summary>
    public double TempoBpm { get; }

    /// <summary>The tempo estimated from the notes, quarter notes per minute (120 when there were too few notes to tell).</summary>
    public double EstimatedTempoBpm { get; }

    /// <summary>
    /// 0..1: the share of note onsets lying within a quarter of a grid step of the grid, scaled down for short pieces (0
    /// when there was nothing to estimate from).
    /// </summary>
    public double Confidence { get; }

    /// <summary>How <see cref="EstimatedTempoBpm"/> compares with a tempo given in the options.</summary>
    public TempoRelation Relation { get; }

    /// <summary>True when counted beat <paramref name="beat"/> is divided in three (eighth-note triplets in x/4).</summary>
    public bool IsTriplet(int beat) => beat >= 0 && beat < _triplets.Length && _triplets[beat];

    /// <summary>Seconds at grid position <paramref name="tick"/> (fractional ticks allowed).</summary>
    public double TickToSeconds(double tick)
    {
        double beat = tick / TicksPerBeat;
        int last = _beatTimes.Length - 1;
        if (beat <= 0)
        {
            return _beatTimes[0] + (beat * (_beatTimes[1] - _beatTimes[0]));
        }

        if (beat >= last)
        {
            return _beatTimes[last] + ((beat - last) * (_beatTimes[last] - _beatTimes[last - 1]));
        }

        int index = (int)beat;
        return _beatTimes[index] + ((beat - index) * (_beatTimes[index + 1] - _beatTimes[index]));
    }

    /// <summary>Grid position of <paramref name="seconds"/> in fractional beats (the inverse of <see cref="TickToSeconds"/>, in beats).</summary>
    public double SecondsToBeats(double seconds) => BeatPosition(_beatTimes, seconds);

    internal static double BeatPosition(double[] beats, double seconds)
    {
        int last = beats.Length - 1;
        if (seconds <= beats[0])
        {
            return (seconds - beats[0]) / (beats[1] - beats[0]);
        }

        if (seconds >= beats[last])
        {
            return last + ((seconds - beats[last]) / (beats[last] - beats[last - 1]));
        }

        int index = Array.BinarySearch(beats, seconds);
        if (index >= 0)
        {
            return index;
        }

        int below = ~index - 1;
        return below + ((seconds - beats[below]) / (beats[below + 1] - beats[below]));
    }
}
