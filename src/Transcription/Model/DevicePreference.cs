namespace WhatsTheTab.Transcription.Model;

/// <summary>Where the network runs: CUDA when available (Auto), or forced.</summary>
public enum DevicePreference
{
    Auto,
    Cpu,
    Cuda,
}
