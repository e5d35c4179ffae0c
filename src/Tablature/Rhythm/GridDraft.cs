namespace WhatsTheTab.Tablature.Rhythm;

/// <summary>
/// The beat grid while the piece's length in bars is not yet known: tracked beats that can be extended either way, the
/// tempo figures, and which beats were found to be triplets.
/// </summary>
internal sealed class GridDraft
{
    private readonly double[] _tracked;
    private readonly int _firstBeat;
    private readonly bool[] _triplets;

    public GridDraft(
        TimeSignature meter, double[] tracked, int firstBeat, bool[] triplets, double tempoBpm, double estimatedTempoBpm, double confidence, TempoRelation relation)
    {
        Meter = meter;
        _tracked = tracked;
        _firstBeat = firstBeat;
        _triplets = triplets;
        TempoBpm = tempoBpm;
        EstimatedTempoBpm = estimatedTempoBpm;
        Confidence = confidence;
        Relation = relation;
    }

    public TimeSignature Meter { get; }

    public double TempoBpm { get; }

    public double EstimatedTempoBpm { get; }

    public double Confidence { get; }

    public TempoRelation Relation { get; }

    public bool IsTriplet(int beat) => beat >= 0 && beat < _triplets.Length && _triplets[beat];

    /// <summary>Time of grid beat <paramref name="beat"/> (0 = start of bar 1), extending the end periods beyond the tracked beats.</summary>
    public double BeatTime(int beat) => TrackedTime(beat + _firstBeat);

    /// <summary>Fractional grid beat of a time.</summary>
    public double BeatOf(double seconds) => BeatGrid.BeatPosition(_tracked, seconds) - _firstBeat;

    public BeatGrid ToGrid(int beatCount)
    {
        int count = Math.Max(2, beatCount + 1);
        var times = new double[count];
        for (int i = 0; i < count; i++)
        {
            times[i] = BeatTime(i);
        }

        var triplets = new bool[count];
        for (int i = 0; i < count; i++)
        {
            triplets[i] = IsTriplet(i);
        }

        return new BeatGrid(Meter, times, triplets, TempoBpm, EstimatedTempoBpm, Confidence, Relation);
    }

    internal static double TrackedTime(double[] tracked, int index)
    {
        int last = tracked.Length - 1;
        if (index < 0)
        {
            return tracked[0] + (index * (tracked[1] - tracked[0]));
        }

        return index > last ? tracked[last] + ((index - last) * (tracked[last] - tracked[last - 1])) : tracked[index];
    }

    private double TrackedTime(int index) => TrackedTime(_tracked, index);
}
