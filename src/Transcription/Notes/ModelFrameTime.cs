using WhatsTheTab.Transcription.Inference;
namespace WhatsTheTab.Transcription.Notes;

/// <summary>Converts model frame indices of stitched activations to seconds exactly as basic-pitch's model_frames_to_time does.</summary>
public static class ModelFrameTime
{
    // Each 43 844-sample window yields 172 frames but spans only ≈171.27 hops, so stitched frames drift; basic-pitch
    // pulls every window's frames back by this much (the 0.0018 s is its own empirical alignment constant).
    private static readonly double WindowOffset =
        ((double)Framing.HopLength / Framing.SampleRate
            * (Framing.FramesPerWindow - ((double)Framing.WindowSamples / Framing.HopLength)))
        + 0.0018;

    /// <summary>Time in seconds of the start of model frame <paramref name="frame"/> (any non-negative index; the formula extends past the last frame).</summary>
    public static double Seconds(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        double original = (double)((long)frame * Framing.HopLength) / Framing.SampleRate;
        return original - (WindowOffset * (frame / Framing.FramesPerWindow));
    }
}
