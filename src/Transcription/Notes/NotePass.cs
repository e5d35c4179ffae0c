namespace WhatsTheTab.Transcription.Notes;

/// <summary>
/// The note-growing steps of basic-pitch's output_to_notes_polyphonic over one pitch column of the remaining energy,
/// shared by the onset pass and the melodia trick.
/// </summary>
internal readonly ref struct NotePass
{
    private const int Width = Activations.PitchBins;

    private readonly ReadOnlySpan<float> _frames;
    private readonly int _minLength;
    private readonly int _tolerance;

    public NotePass(ReadOnlySpan<float> frames, float[] remaining, int frameCount, int low, int high, NoteOptions options)
    {
        _frames = frames;
        Remaining = remaining;
        FrameCount = frameCount;
        Low = low;
        High = high;
        FrameThreshold = options.FrameThreshold;
        _minLength = options.MinNoteLengthFrames;
        _tolerance = options.EnergyTolerance;
    }

    /// <summary>Frame activations not yet claimed by a note, [frame * 88 + pitchIndex].</summary>
    public float[] Remaining { get; }

    public int FrameCount { get; }

    /// <summary>First kept pitch index.</summary>
    public int Low { get; }

    /// <summary>One past the last kept pitch index.</summary>
    public int High { get; }

    public double FrameThreshold { get; }

    /// <summary>Grows a note forwards from an onset at (<paramref name="start"/>, <paramref name="pitch"/>) until the energy has stayed low for the tolerance.</summary>
    public void GrowFromOnset(int start, int pitch, List<FrameNote> notes)
    {
        if (start >= FrameCount - 1)
        {
            return;
        }

        float[] remaining = Remaining;
        int i = start + 1;
        int quiet = 0;
        while (i < FrameCount - 1 && quiet < _tolerance)
        {
            quiet = remaining[(i * Width) + pitch] < FrameThreshold ? quiet + 1 : 0;
            i++;
        }

        // The note ends where the trailing quiet frames began.
        i -= quiet;
        if (i - start <= _minLength)
        {
            return;
        }

        for (int t = start; t < i; t++)
        {
            ClearAround(t, pitch);
        }

        notes.Add(new FrameNote(start, i, pitch + PitchGrid.MidiOffset, MeanFrame(start, i, pitch)));
    }

    /// <summary>The melodia trick's step: grows a note both ways from a strong cell, consuming everything it passes.</summary>
    public void GrowFromPeak(int middle, int pitch, List<FrameNote> notes)
    {
        float[] remaining = Remaining;
        remaining[(middle * Width) + pitch] = 0;

        int i = middle + 1;
        int quiet = 0;
        while (i < FrameCount - 1 && quiet < _tolerance)
        {
            quiet = remaining[(i * Width) + pitch] < FrameThreshold ? quiet + 1 : 0;
            ClearAround(i, pitch);
            i++;
        }

        int end = i - 1 - quiet;

        i = middle - 1;
        quiet = 0;
        while (i > 0 && quiet < _tolerance)
        {
            quiet = remaining[(i * Width) + pitch] < FrameThreshold ? quiet + 1 : 0;
            ClearAround(i, pitch);
            i--;
        }

        int start = i + 1 + quiet;
        if (end - start <= _minLength)
        {
            return;
        }

        notes.Add(new FrameNote(start, end, pitch + PitchGrid.MidiOffset, MeanFrame(start, end, pitch)));
    }

    // A note claims its neighbouring semitones too, so their bleed does not become a second note.
    private void ClearAround(int t, int pitch)
    {
        int row = t * Width;
        Remaining[row + pitch] = 0;
        if (pitch < PitchGrid.MaxPitchIndex)
        {
            Remaining[row + pitch + 1] = 0;
        }

        if (pitch > 0)
        {
            Remaining[row + pitch - 1] = 0;
        }
    }

    // Mean of the constrained frames: pitches outside the kept range read as zero there.
    private double MeanFrame(int start, int end, int pitch)
    {
        if (pitch < Low || pitch >= High)
        {
            return 0;
        }

        double sum = 0;
        for (int t = start; t < end; t++)
        {
            sum += _frames[(t * Width) + pitch];
        }

        return sum / (end - start);
    }
}
