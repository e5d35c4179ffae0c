using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace WhatsTheTab.Transcription.Model;

/// <summary>
/// Spotify's basic-pitch network, loaded once from the npm package's TensorFlow.js files and run on TorchSharp.
/// Input: windows of 43 844 samples at 22 050 Hz. Output per window: 172 frames of 264 contour bins, 88 notes, 88 onsets.
/// Thread-safe: concurrent callers are serialised, since one forward pass already uses every core (or the GPU).
/// </summary>
public sealed partial class BasicPitchModel : IDisposable
{
    public const int WindowSamples = 43844;
    public const int FramesPerWindow = 172;
    public const int ContourBins = 264;
    public const int PitchBins = 88;

    private readonly GraphInterpreter _interpreter;
    private readonly string[] _outputNodes;
    private readonly Lock _gate = new();

    private BasicPitchModel(GraphInterpreter interpreter, string[] outputNodes, Device device, string modelPath, long weightCount, TimeSpan loadTime)
    {
        _interpreter = interpreter;
        _outputNodes = outputNodes;
        Device = device;
        ModelPath = modelPath;
        WeightCount = weightCount;
        LoadTime = loadTime;
    }

    public Device Device { get; }

    public bool IsCuda => Device.type == DeviceType.CUDA;

    public string ModelPath { get; }

    public long WeightCount { get; }

    public TimeSpan LoadTime { get; }

    /// <summary>Loads the model once; the device is chosen here and logged.</summary>
    public static BasicPitchModel Load(string? modelDirectory = null, DevicePreference preference = DevicePreference.Auto, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var stopwatch = Stopwatch.StartNew();
        var modelPath = ModelLocator.Locate(modelDirectory);
        var device = ChooseDevice(preference);
        var graph = TfjsGraph.Load(modelPath);
        string[] outputs =
        [
            graph.Outputs.GetValueOrDefault("contour", "Identity"),
            graph.Outputs.GetValueOrDefault("Identity_1:0", "Identity_1"),
            graph.Outputs.GetValueOrDefault("Identity_2:0", "Identity_2"),
        ];
        var interpreter = new GraphInterpreter(graph, device);
        var model = new BasicPitchModel(interpreter, outputs, device, modelPath, graph.WeightCount, stopwatch.Elapsed);
        var deviceName = device.ToString();
        var threads = get_num_threads();
        LogLoaded(logger, deviceName, threads, graph.Nodes.Count, graph.WeightCount, modelPath, stopwatch.Elapsed.TotalMilliseconds);
        return model;
    }

    /// <summary>The device <paramref name="preference"/> resolves to on this machine.</summary>
    public static Device ChooseDevice(DevicePreference preference) => preference switch
    {
        DevicePreference.Cpu => CPU,
        DevicePreference.Cuda when cuda.is_available() => CUDA,
        DevicePreference.Cuda => throw new InvalidOperationException("CUDA was requested but torch.cuda.is_available() is false on this machine (a CPU-only libtorch, or no GPU)."),
        _ => cuda.is_available() ? CUDA : CPU,
    };

    /// <summary>Runs <paramref name="windows"/> consecutive windows (each <see cref="WindowSamples"/> samples) in one batch.</summary>
    public WindowOutputs Run(ReadOnlySpan<float> samples, int windows)
    {
        var outputs = WindowOutputs.Allocate(windows);
        Run(samples, windows, outputs);
        return outputs;
    }

    /// <summary>
    /// Runs a batch into <paramref name="destination"/>, which must have room for at least <paramref name="windows"/>
    /// windows: the hot path allocates no managed memory per batch (a long file runs thousands of batches).
    /// </summary>
    public void Run(ReadOnlySpan<float> samples, int windows, WindowOutputs destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfLessThan(windows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windows, destination.Capacity);
        if (samples.Length < windows * WindowSamples)
        {
            throw new ArgumentException($"Expected {windows * WindowSamples} samples for {windows} windows, got {samples.Length}.", nameof(samples));
        }

        lock (_gate)
        {
            using var scope = NewDisposeScope();
            var host = empty([windows, WindowSamples, 1], ScalarType.Float32);
            samples[..(windows * WindowSamples)].CopyTo(HostSpan(host));
            var input = IsCuda ? host.to(Device) : host;
            var outputs = _interpreter.Run(input, _outputNodes);
            CopyToHost(outputs[0], destination.Contours.AsSpan(0, windows * FramesPerWindow * ContourBins));
            CopyToHost(outputs[1], destination.Notes.AsSpan(0, windows * FramesPerWindow * PitchBins));
            CopyToHost(outputs[2], destination.Onsets.AsSpan(0, windows * FramesPerWindow * PitchBins));
            foreach (var output in outputs)
            {
                output.Dispose();
            }
        }

        destination.Windows = windows;
    }

    public void Dispose() => _interpreter.Dispose();

    private static void CopyToHost(Tensor tensor, Span<float> destination)
    {
        using var onCpu = tensor.to(CPU).contiguous();
        if (onCpu.numel() != destination.Length)
        {
            throw new InvalidOperationException($"The network produced {onCpu.numel()} values where {destination.Length} were expected.");
        }

        HostSpan(onCpu).CopyTo(destination);
    }

    // A contiguous float32 CPU tensor's storage as a span: copies in and out without a managed array in between.
    private static Span<float> HostSpan(Tensor tensor) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "basic-pitch loaded on {Device} ({Threads} threads): {Nodes} graph ops, {Weights} weights from {ModelPath} in {ElapsedMs:F0} ms")]
    private static partial void LogLoaded(ILogger logger, string device, int threads, int nodes, long weights, string modelPath, double elapsedMs);
}
