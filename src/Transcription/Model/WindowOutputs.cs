namespace WhatsTheTab.Transcription.Model;

/// <summary>
/// The network's raw output for a batch of windows in host memory, each flattened [window, frame, bin]. Reused from
/// batch to batch: <see cref="Windows"/> says how many of its <see cref="Capacity"/> windows hold the latest batch.
/// </summary>
public sealed class WindowOutputs
{
    private WindowOutputs(int capacity)
    {
        Capacity = capacity;
        Contours = new float[capacity * BasicPitchModel.FramesPerWindow * BasicPitchModel.ContourBins];
        Notes = new float[capacity * BasicPitchModel.FramesPerWindow * BasicPitchModel.PitchBins];
        Onsets = new float[capacity * BasicPitchModel.FramesPerWindow * BasicPitchModel.PitchBins];
    }

    public int Capacity { get; }

    public int Windows { get; internal set; }

    public float[] Contours { get; }

    public float[] Notes { get; }

    public float[] Onsets { get; }

    public static WindowOutputs Allocate(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return new WindowOutputs(capacity);
    }
}
