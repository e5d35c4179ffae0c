namespace WhatsTheTab.Transcription.Model;

/// <summary>The network's raw output for a batch of windows, copied to host memory, each flattened [window, frame, bin].</summary>
public sealed record WindowOutputs(int Windows, float[] Contours, float[] Notes, float[] Onsets);
