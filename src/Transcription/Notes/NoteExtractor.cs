namespace WhatsTheTab.Transcription.Notes;

/// <summary>Turns basic-pitch activations into notes: a port of the Python package's model_output_to_notes.</summary>
/// <remarks>
/// Differences from basic-pitch, all deliberate: the caller's arrays are never modified (basic-pitch's
/// constrain_frequency zeroes them in place); frequency limits that fall off the piano range are clamped to it instead
/// of wrapping around as negative numpy slices; "no rise anywhere" yields no inferred onsets instead of NaNs; the melodia
/// trick visits cells in one pre-sorted order instead of rescanning the whole matrix per note (same notes, O(n log n));
/// amplitudes are averaged in double precision (numpy: float32); and the result is sorted by (start, pitch, end) whereas
/// basic-pitch returns onset-led notes backwards in time followed by melodia notes. Activations are assumed finite (sigmoid outputs).
/// </remarks>
public static class NoteExtractor
{
    private const int Width = Activations.PitchBins;

    /// <summary>Extracts notes, with pitch bends when <see cref="NoteOptions.PitchBends"/> asks for them and contours are present.</summary>
    public static IReadOnlyList<NoteEvent> Extract(Activations activations, NoteOptions options)
    {
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(options);
        List<FrameNote> frameNotes = ExtractFrameNotes(activations, options);

        float[]? contours = options.PitchBends == PitchBendMode.None ? null : activations.Contours;
        var notes = new List<NoteEvent>(frameNotes.Count);
        foreach (FrameNote note in frameNotes)
        {
            int[]? bends = contours is null ? null : PitchBendEstimator.Estimate(contours, note);
            notes.Add(new NoteEvent(
                ModelFrameTime.Seconds(note.StartFrame),
                ModelFrameTime.Seconds(note.EndFrame),
                note.Pitch,
                note.Amplitude,
                bends));
        }

        IReadOnlyList<NoteEvent> result = contours is not null && options.PitchBends == PitchBendMode.SingleTrack
            ? OverlappingPitchBends.Drop(notes)
            : notes;
        return [.. result.OrderBy(n => n.StartSeconds).ThenBy(n => n.Pitch).ThenBy(n => n.EndSeconds)];
    }

    /// <summary>
    /// The frame-level notes in basic-pitch's own order: onset-led notes from the last onset backwards, then the
    /// melodia trick's notes from the loudest remaining cell down.
    /// </summary>
    internal static List<FrameNote> ExtractFrameNotes(Activations activations, NoteOptions options)
    {
        Validate(options);
        int frameCount = activations.FrameCount;
        var notes = new List<FrameNote>();
        if (frameCount == 0)
        {
            return notes;
        }

        (int low, int high) = PitchRange(options);
        var frames = new ReadOnlySpan<float>(activations.Notes, 0, frameCount * Width);
        var onsets = new ReadOnlySpan<float>(activations.Onsets, 0, frameCount * Width);

        // basic-pitch's remaining_energy: the constrained frames, consumed as notes claim them.
        float[] remaining = new float[frameCount * Width];
        if (low < high)
        {
            for (int t = 0; t < frameCount; t++)
            {
                frames.Slice((t * Width) + low, high - low).CopyTo(remaining.AsSpan((t * Width) + low));
            }
        }

        var pass = new NotePass(frames, remaining, frameCount, low, high, options);
        var strength = new OnsetStrength(frames, onsets, frameCount, low, high, options.InferOnsets);
        FindOnsetNotes(strength, pass, options.OnsetThreshold, notes);
        if (options.MelodiaTrick)
        {
            FindMelodiaNotes(pass, notes);
        }

        return notes;
    }

    private static void Validate(NoteOptions options)
    {
        if (!(options.OnsetThreshold is >= 0 and <= 1))
        {
            throw new ArgumentException("The onset threshold must lie in [0, 1].", nameof(options));
        }

        if (!(options.FrameThreshold is >= 0 and <= 1))
        {
            throw new ArgumentException("The frame threshold must lie in [0, 1].", nameof(options));
        }

        if (options.MinNoteLengthFrames < 0 || options.EnergyTolerance < 0)
        {
            throw new ArgumentException("The minimum note length and the energy tolerance must not be negative.", nameof(options));
        }

        if (options.MinFrequency is { } min && !(double.IsFinite(min) && min > 0))
        {
            throw new ArgumentException("The minimum frequency must be a positive number of Hz.", nameof(options));
        }

        if (options.MaxFrequency is { } max && !(double.IsFinite(max) && max > 0))
        {
            throw new ArgumentException("The maximum frequency must be a positive number of Hz.", nameof(options));
        }

        if (options.MinFrequency > options.MaxFrequency)
        {
            throw new ArgumentException("The minimum frequency must not exceed the maximum frequency.", nameof(options));
        }
    }

    /// <summary>The pitch indices [low, high) that survive constrain_frequency.</summary>
    private static (int Low, int High) PitchRange(NoteOptions options)
    {
        int low = 0;
        int high = Width;
        if (options.MaxFrequency is { } max)
        {
            high = Math.Clamp(PitchIndex(max), 0, Width);
        }

        if (options.MinFrequency is { } min)
        {
            low = Math.Clamp(PitchIndex(min), 0, Width);
        }

        return (low, Math.Max(low, high));
    }

    private static int PitchIndex(double hz) =>
        (int)Math.Round(PitchGrid.HzToMidi(hz) - PitchGrid.MidiOffset, MidpointRounding.ToEven);

    /// <summary>Scans onset peaks in reverse row-major order (time, then pitch, descending) and grows a note from each.</summary>
    private static void FindOnsetNotes(OnsetStrength strength, NotePass pass, double threshold, List<FrameNote> notes)
    {
        int frameCount = pass.FrameCount;

        // basic-pitch selects cells of a zero-filled peak matrix that are >= the threshold, so a threshold of 0 makes
        // every cell an onset, peak or not.
        bool everyCell = threshold <= 0;
        Span<double> above = stackalloc double[Width];
        Span<double> current = stackalloc double[Width];
        Span<double> below = stackalloc double[Width];
        if (frameCount >= 3)
        {
            strength.FillRow(frameCount - 1, above);
            strength.FillRow(frameCount - 2, current);
        }

        for (int t = frameCount - 1; t >= 0; t--)
        {
            // scipy's argrelmax clips at the edges, so the first and last rows never hold a peak.
            bool interior = t >= 1 && t <= frameCount - 2;
            if (interior)
            {
                strength.FillRow(t - 1, below);
            }

            if (interior || everyCell)
            {
                int first = everyCell ? Width - 1 : pass.High - 1;
                int last = everyCell ? 0 : pass.Low;
                for (int f = first; f >= last; f--)
                {
                    bool onset = everyCell;
                    if (interior)
                    {
                        double value = current[f];
                        if (value > above[f] && value > below[f])
                        {
                            onset = value >= threshold;
                        }
                    }

                    if (onset)
                    {
                        pass.GrowFromOnset(t, f, notes);
                    }
                }
            }

            if (interior)
            {
                Span<double> spare = above;
                above = current;
                current = below;
                below = spare;
            }
        }
    }

    /// <summary>
    /// basic-pitch's melodia trick: repeatedly take the strongest remaining cell (first in row-major order on ties) and
    /// grow a note both ways. Cells only ever drop to zero, never rise, so the order in which cells become the maximum
    /// is fixed up front: one sort of every cell above the frame threshold stands in for the per-note global argmax
    /// (a priority queue with lazy deletion, built in one go), and a cell that was zeroed since is simply skipped.
    /// </summary>
    private static void FindMelodiaNotes(NotePass pass, List<FrameNote> notes)
    {
        float[] remaining = pass.Remaining;
        double threshold = pass.FrameThreshold;
        int count = 0;
        foreach (float value in remaining)
        {
            if (value > threshold)
            {
                count++;
            }
        }

        long[] queue = new long[count];
        int next = 0;
        for (int cell = 0; cell < remaining.Length; cell++)
        {
            float value = remaining[cell];
            if (value > threshold)
            {
                queue[next++] = QueueKey(value, cell);
            }
        }

        Array.Sort(queue);
        foreach (long key in queue)
        {
            int cell = (int)(uint)key;
            if (remaining[cell] != ValueOf(key))
            {
                continue;
            }

            pass.GrowFromPeak(cell / Width, cell % Width, notes);
        }
    }

    // Orders by value descending, then cell ascending, in one long: positive floats compare like their bit patterns.
    private static long QueueKey(float value, int cell) =>
        ((long)(int.MaxValue - BitConverter.SingleToInt32Bits(value)) << 32) | (uint)cell;

    private static float ValueOf(long key) => BitConverter.Int32BitsToSingle(int.MaxValue - (int)(key >> 32));
}
