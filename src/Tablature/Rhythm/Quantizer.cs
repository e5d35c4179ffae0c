using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Tablature.Rhythm;

/// <summary>Finds tempo, beats and bar lines for a list of notes and snaps their starts and ends to the grid.</summary>
/// <remarks>
/// Notes starting within <see cref="ClusterSeconds"/> of each other are one onset (a strum or a chord played loosely) and
/// share a start tick. Each beat is divided straight (sixteenths, eighths or thirty-seconds, as the options say) or, where
/// that fits its onsets clearly better, in three; a small penalty keeps jittered straight notes from turning into
/// triplets. Bar 1 starts at the downbeat (the beat phase carrying the most accented onsets) at or before the first note.
/// </remarks>
internal static class Quantizer
{
    public const double ClusterSeconds = 0.03;

    // Squared beat fractions: a triplet reading must beat the straight one by about (0.045 beat)² before it is taken.
    private const double TripletPenalty = 0.002;

    private const double FirstBeatBias = 1.5;

    // Fewer beats with onsets than this many bars' worth never start with a pickup.
    private const int MinBarsForPickup = 2;

    public static QuantizedTimes Quantize(IReadOnlyList<NoteEvent> notes, TabOptions options)
    {
        TimeSignature meter = options.Meter;
        int ticksPerBeat = meter.TicksPerBeat;
        double centerBpm = meter.IsCompound ? 80 : 120;

        (List<Onset> onsets, int[] clusterOf) = Cluster(notes);

        double estimatedPeriod = BeatTracker.EstimatePeriod(onsets, centerBpm);
        double? givenPeriod = options.TempoBpm is double bpm ? 60 * meter.QuartersPerBeat / bpm : null;
        double period = givenPeriod ?? estimatedPeriod;
        double[] tracked = onsets.Count >= 2 ? BeatTracker.Track(onsets, period) : [onsets.Count == 1 ? onsets[0].Time : 0, (onsets.Count == 1 ? onsets[0].Time : 0) + period];

        double estimatedBpm = onsets.Count < 3
            ? 120
            : 60 * meter.QuartersPerBeat / (givenPeriod is null && tracked.Length >= 2 ? (tracked[^1] - tracked[0]) / (tracked.Length - 1) : estimatedPeriod);
        double tempoBpm = options.TempoBpm ?? estimatedBpm;
        TempoRelation relation = options.TempoBpm is double given ? Relate(estimatedBpm, given) : TempoRelation.NotGiven;

        int straightSlots = Math.Max(1, ticksPerBeat / UnitTicks(options.Quantize));
        bool tripletsAllowed = options.Triplets && options.Quantize != QuantizeMode.None && !meter.IsCompound && ticksPerBeat % 3 == 0;

        // Bar 1 starts at the latest downbeat not after the first onset's (rounded) beat.
        double[] onsetBeats = [.. onsets.Select(o => BeatGrid.BeatPosition(tracked, o.Time))];
        int phase = DownbeatPhase(onsets, onsetBeats, meter.BeatsPerMeasure);
        int firstOnsetBeat = onsetBeats.Length == 0 ? 0 : (int)Math.Floor(onsetBeats[0] + (0.5 / straightSlots));
        int firstBeat = firstOnsetBeat - Mod(firstOnsetBeat - phase, meter.BeatsPerMeasure);
        for (int i = 0; i < onsetBeats.Length; i++)
        {
            onsetBeats[i] -= firstBeat;
        }

        // Triplets are judged against the sixteenth grid even when quantizing to eighths: straight sixteenths sit closer to
        // thirds than to eighths, yet they are not triplets.
        int judgingSlots = Math.Max(straightSlots, ticksPerBeat / UnitTicks(QuantizeMode.Sixteenth));
        bool[] triplets = tripletsAllowed ? DecideTriplets(onsetBeats, judgingSlots) : [];
        var startTicks = new int[notes.Count];
        var endTicks = new int[notes.Count];
        var clusterTicks = new int[onsets.Count];
        int onGrid = 0;
        for (int c = 0; c < onsets.Count; c++)
        {
            clusterTicks[c] = Snap(onsetBeats[c], triplets, straightSlots, ticksPerBeat, out double residual);
            onGrid += residual <= 0.25 ? 1 : 0;
        }

        var draft = new GridDraft(
            meter,
            tracked,
            firstBeat,
            triplets,
            tempoBpm,
            estimatedBpm,
            onsets.Count < 3 ? 0 : onGrid / (double)onsets.Count * (1 - Math.Exp(-onsets.Count / 16.0)),
            relation);

        for (int i = 0; i < notes.Count; i++)
        {
            int start = clusterTicks[clusterOf[i]];
            int end = Snap(draft.BeatOf(notes[i].EndSeconds), triplets, straightSlots, ticksPerBeat, out _);
            int minimum = IsTripletBeat(triplets, start / ticksPerBeat) ? ticksPerBeat / 3 : ticksPerBeat / straightSlots;
            startTicks[i] = start;
            endTicks[i] = Math.Max(end, start + minimum);
        }

        return new QuantizedTimes(draft, startTicks, endTicks);
    }

    /// <summary>Ticks of the straight grid step for a mode.</summary>
    internal static int UnitTicks(QuantizeMode mode) => mode switch
    {
        QuantizeMode.Sixteenth => BeatGrid.TicksPerQuarter / 4,
        QuantizeMode.Eighth => BeatGrid.TicksPerQuarter / 2,
        QuantizeMode.None => BeatGrid.TicksPerQuarter / 8,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown quantization."),
    };

    private static TempoRelation Relate(double estimated, double given)
    {
        double ratio = estimated / given;
        return Math.Abs(ratio - 1) <= 0.04 ? TempoRelation.Agrees
            : Math.Abs(ratio - 0.5) <= 0.02 ? TempoRelation.Half
            : Math.Abs(ratio - 2) <= 0.08 ? TempoRelation.Twice
            : TempoRelation.Different;
    }

    /// <summary>Groups note starts into onsets; returns them in time order and, for each note, its onset's index.</summary>
    internal static (List<Onset> Onsets, int[] ClusterOf) Cluster(IReadOnlyList<NoteEvent> notes)
    {
        int[] order = [.. Enumerable.Range(0, notes.Count).OrderBy(i => notes[i].StartSeconds).ThenBy(i => i)];
        var onsets = new List<Onset>();
        var clusterOf = new int[notes.Count];
        int k = 0;
        while (k < order.Length)
        {
            double first = notes[order[k]].StartSeconds;
            double weight = 0;
            double accent = 0;
            double weightedTime = 0;
            int end = k;
            while (end < order.Length && notes[order[end]].StartSeconds - first <= ClusterSeconds)
            {
                NoteEvent note = notes[order[end]];
                double loudness = 0.2 + Math.Clamp(note.Amplitude, 0, 1);
                double length = Math.Clamp(note.EndSeconds - note.StartSeconds, 0, 2);
                double w = loudness * loudness * (0.6 + (0.4 * Math.Min(length / 0.5, 2)));
                weight += w;
                weightedTime += w * note.StartSeconds;
                accent += w * (0.5 + length) * (note.Pitch < 52 ? 1.5 : 1);
                clusterOf[order[end]] = onsets.Count;
                end++;
            }

            onsets.Add(new Onset(weight > 0 ? weightedTime / weight : first, Math.Max(weight, 1e-6), accent));
            k = end;
        }

        return (onsets, clusterOf);
    }

    /// <summary>
    /// The beat index modulo the bar length whose beats carry the most accent. The first note's beat counts half
    /// more, so a piece without clear accents starts in bar 1 instead of with a pickup; so does a piece with onsets on
    /// fewer than <see cref="MinBarsForPickup"/> bars' worth of beats.
    /// </summary>
    private static int DownbeatPhase(List<Onset> onsets, double[] onsetBeats, int beatsPerMeasure)
    {
        if (beatsPerMeasure <= 1 || onsets.Count == 0)
        {
            return 0;
        }

        var strength = new double[beatsPerMeasure];
        var beatsWithOnsets = new HashSet<int>();
        for (int i = 0; i < onsets.Count; i++)
        {
            double nearest = Math.Round(onsetBeats[i]);
            if (Math.Abs(onsetBeats[i] - nearest) <= 0.15)
            {
                strength[Mod((int)nearest, beatsPerMeasure)] += onsets[i].Accent;
                beatsWithOnsets.Add((int)nearest);
            }
        }

        int firstPhase = Mod((int)Math.Round(onsetBeats[0]), beatsPerMeasure);
        if (beatsWithOnsets.Count < MinBarsForPickup * beatsPerMeasure)
        {
            // A few bars say too little about where the accents fall to start the piece with a pickup.
            return firstPhase;
        }

        strength[firstPhase] *= FirstBeatBias;
        int best = 0;
        for (int p = 1; p < beatsPerMeasure; p++)
        {
            if (strength[p] > strength[best])
            {
                best = p;
            }
        }

        return best;
    }

    /// <summary>Per grid beat: true where the onsets in it sit clearly better on thirds than on the straight grid.</summary>
    private static bool[] DecideTriplets(double[] onsetBeats, int straightSlots)
    {
        int beats = onsetBeats.Length == 0 ? 0 : (int)Math.Floor(onsetBeats.Max()) + 2;
        var straightCost = new double[beats];
        var tripletCost = new double[beats];
        foreach (double x in onsetBeats)
        {
            int beat = (int)Math.Floor(x);
            if (beat < 0 || beat >= beats)
            {
                continue;
            }

            double f = x - beat;
            straightCost[beat] += Square(f - (Math.Round(f * straightSlots) / straightSlots));
            tripletCost[beat] += Square(f - (Math.Round(f * 3) / 3));
        }

        var triplets = new bool[beats];
        for (int b = 0; b < beats; b++)
        {
            triplets[b] = tripletCost[b] + TripletPenalty < straightCost[b];
        }

        return triplets;
    }

    private static bool IsTripletBeat(bool[] triplets, int beat) => beat >= 0 && beat < triplets.Length && triplets[beat];

    /// <summary>The tick nearest a fractional grid beat on that beat's division; residual in grid steps.</summary>
    private static int Snap(double beatPosition, bool[] triplets, int straightSlots, int ticksPerBeat, out double residual)
    {
        double x = Math.Max(0, beatPosition);
        int beat = (int)Math.Floor(x);
        int slots = IsTripletBeat(triplets, beat) ? 3 : straightSlots;
        double f = x - beat;
        int slot = (int)Math.Round(f * slots, MidpointRounding.AwayFromZero);
        residual = Math.Abs((f * slots) - slot);
        return (beat * ticksPerBeat) + (slot * ticksPerBeat / slots);
    }

    private static int Mod(int value, int modulus) => ((value % modulus) + modulus) % modulus;

    private static double Square(double x) => x * x;
}
