using Microsoft.Extensions.Logging;
using WhatsTheTab.Silo.Gpu.Configuration;
using WhatsTheTab.Transcription;
using WhatsTheTab.Transcription.Model;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>Creates the process's one transcription engine (the model loads here, once) from the worker settings.</summary>
public static partial class EngineFactory
{
    /// <summary>Loads the model on the configured device and logs where it runs.</summary>
    public static TranscriptionEngine Create(WorkerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var engine = TranscriptionEngine.Create(
            new EngineOptions
            {
                Device = ParseDevice(options.Device),
                BatchSize = options.BatchSize,
                Threads = options.Threads,
                ModelDirectory = string.IsNullOrWhiteSpace(options.ModelDirectory) ? null : options.ModelDirectory,
            },
            logger);
        LogEngineReady(logger, engine.DeviceName, options.Device, engine.BatchSize);
        return engine;
    }

    /// <summary>"auto", "cpu" or "cuda" (case-insensitive).</summary>
    public static DevicePreference ParseDevice(string? device) => device?.Trim().ToLowerInvariant() switch
    {
        "auto" or null or "" => DevicePreference.Auto,
        "cpu" => DevicePreference.Cpu,
        "cuda" or "gpu" => DevicePreference.Cuda,
        _ => throw new ArgumentException($"Unknown device '{device}'; expected auto, cpu or cuda.", nameof(device)),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcription engine ready on {Device} (asked for {RequestedDevice}), {BatchSize} windows per batch")]
    private static partial void LogEngineReady(ILogger logger, string device, string requestedDevice, int batchSize);
}
