using WhatsTheTab.Transcription.Model;

namespace WhatsTheTab.Transcription;

/// <summary>How the engine is set up once per process: where the model is, which device, batch size and threads.</summary>
public sealed record EngineOptions
{
    /// <summary>Folder holding basic-pitch's model.json; null searches the usual places (see <see cref="ModelLocator"/>).</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Auto picks CUDA when available; Cpu forces the CPU.</summary>
    public DevicePreference Device { get; init; } = DevicePreference.Auto;

    /// <summary>Windows per forward pass; null picks 4 on the CPU and 64 on a GPU.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Intra-op CPU threads; null leaves libtorch's default (one per core).</summary>
    public int? Threads { get; init; }

    public void Validate()
    {
        if (BatchSize is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be between 1 and 1024 windows.");
        }

        if (Threads is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be between 1 and 256.");
        }
    }
}
