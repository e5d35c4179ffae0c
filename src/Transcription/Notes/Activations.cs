namespace WhatsTheTab.Transcription.Notes;

/// <summary>
/// The network's stitched output for a whole recording: per model frame (≈86.13 per second), 88 note and 88 onset
/// activations and 264 pitch-contour bins, each flattened row-major ([frame * width + bin]).
/// </summary>
public sealed class Activations
{
    public const int PitchBins = 88;
    public const int ContourBins = 264;

    public Activations(int frameCount, float[] notes, float[] onsets, float[]? contours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(onsets);
        if (notes.Length < (long)frameCount * PitchBins || onsets.Length < (long)frameCount * PitchBins)
        {
            throw new ArgumentException("Note and onset arrays must hold frameCount × 88 values.");
        }

        if (contours is not null && contours.Length < (long)frameCount * ContourBins)
        {
            throw new ArgumentException("The contour array must hold frameCount × 264 values.");
        }

        FrameCount = frameCount;
        Notes = notes;
        Onsets = onsets;
        Contours = contours;
    }

    /// <summary>Number of valid frames (arrays may be longer; only the first FrameCount rows count).</summary>
    public int FrameCount { get; }

    /// <summary>Note (frame) activations, [frame * 88 + pitchIndex], pitchIndex 0 = MIDI 21.</summary>
    public float[] Notes { get; }

    /// <summary>Onset activations, [frame * 88 + pitchIndex].</summary>
    public float[] Onsets { get; }

    /// <summary>Pitch contours at 3 bins per semitone from 27.5 Hz, [frame * 264 + bin]; null when not kept.</summary>
    public float[]? Contours { get; }
}
