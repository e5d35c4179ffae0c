namespace WhatsTheTab.Transcription.Notes;

/// <summary>Post-processing settings; defaults are those of the basic-pitch Python package.</summary>
public sealed record NoteOptions
{
    /// <summary>Minimum onset activation for a note to start (0..1).</summary>
    public double OnsetThreshold { get; init; } = 0.5;

    /// <summary>Minimum frame activation for a note to continue (0..1).</summary>
    public double FrameThreshold { get; init; } = 0.3;

    /// <summary>Shortest note kept, in model frames (11 frames ≈ 127.7 ms).</summary>
    public int MinNoteLengthFrames { get; init; } = 11;

    /// <summary>Frames below threshold tolerated inside a note before it ends.</summary>
    public int EnergyTolerance { get; init; } = 11;

    /// <summary>Whether to add onsets inferred from rises in the frame activations.</summary>
    public bool InferOnsets { get; init; } = true;

    /// <summary>Whether to recover notes without a detected onset from the remaining energy (basic-pitch's melodia trick).</summary>
    public bool MelodiaTrick { get; init; } = true;

    /// <summary>Lowest frequency kept, in Hz; null keeps everything.</summary>
    public double? MinFrequency { get; init; }

    /// <summary>Highest frequency kept, in Hz; null keeps everything.</summary>
    public double? MaxFrequency { get; init; }

    /// <summary>Pitch-bend estimation.</summary>
    public PitchBendMode PitchBends { get; init; } = PitchBendMode.SingleTrack;

    /// <summary>Converts a minimum note length in milliseconds to model frames as basic-pitch does.</summary>
    public static int MillisecondsToFrames(double milliseconds) =>
        (int)Math.Round(milliseconds / 1000.0 * (22050.0 / 256.0), MidpointRounding.ToEven);
}
