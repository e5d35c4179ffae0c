namespace WhatsTheTab.Transcription.Inference;

/// <summary>basic-pitch's framing: how audio is cut into overlapping model windows and how their outputs are stitched.</summary>
public static class Framing
{
    public const int SampleRate = 22050;
    public const int HopLength = 256;
    public const int WindowSamples = 43844;
    public const int FramesPerWindow = 172;
    public const int OverlapFrames = 30;
    public const int OverlapSamples = OverlapFrames * HopLength;            // 7 680
    public const int WindowHop = WindowSamples - OverlapSamples;           // 36 164
    public const int LeadingPadding = OverlapSamples / 2;                  // 3 840
    public const int TrimFrames = OverlapFrames / 2;                       // 15 from each side
    public const int KeptFramesPerWindow = FramesPerWindow - (2 * TrimFrames); // 142

    /// <summary>basic-pitch uses the integer frame rate 22050 // 256 = 86 to decide how many frames to keep.</summary>
    public const int AnnotationFramesPerSecond = SampleRate / HopLength;

    /// <summary>Number of windows for <paramref name="samples"/> samples of audio (at 22 050 Hz).</summary>
    public static int WindowCount(long samples) => (int)((samples + LeadingPadding + WindowHop - 1) / WindowHop);

    /// <summary>Number of output frames kept for <paramref name="samples"/> samples of audio.</summary>
    public static int FrameCount(long samples) => (int)(samples * AnnotationFramesPerSecond / SampleRate);
}
