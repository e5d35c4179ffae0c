using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using WhatsTheTab.Transcription.Model;

namespace WhatsTheTab.Transcription.Bench;

/// <summary>One timed engine run in its own process, so model load and peak RSS are measured cold and alone.</summary>
internal sealed record EngineRun(string Device, int BatchSize, double LoadMs, double AudioSeconds, double InferenceMs, double PostMs, int Notes, double PeakRssMiB)
{
    public double RealTimeFactor => AudioSeconds / ((InferenceMs + PostMs) / 1000);

    /// <summary>Runs in the child: load, transcribe once, print one JSON line.</summary>
    public static int RunChild(string wav, DevicePreference device, int? batch)
    {
        var clock = Stopwatch.StartNew();
        using var engine = TranscriptionEngine.Create(new EngineOptions { Device = device, BatchSize = batch });
        var loadMs = clock.Elapsed.TotalMilliseconds;
        var result = engine.Transcribe(wav);
        var run = new EngineRun(engine.DeviceName, engine.BatchSize, loadMs, result.AudioSeconds, result.InferenceTime.TotalMilliseconds, result.PostProcessingTime.TotalMilliseconds, result.Notes.Count, PeakMemory.MiB());
        Console.Out.WriteLine(JsonSerializer.Serialize(run));
        return 0;
    }

    /// <summary>Starts this program as a child in engine mode and parses its result line.</summary>
    public static EngineRun InChild(string wav, DevicePreference device, int? batch = null)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (!Environment.ProcessPath!.EndsWith("WhatsTheTab.Transcription.Bench", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(EngineRun).Assembly.Location); // running under `dotnet x.dll`
        }

        foreach (var argument in new[] { "engine", wav, device.ToString().ToLowerInvariant(), batch?.ToString(CultureInfo.InvariantCulture) ?? "default" })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var lines = child.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        child.WaitForExit();
        if (child.ExitCode != 0 || lines.Length == 0)
        {
            throw new InvalidOperationException($"The engine run on {wav} failed (exit {child.ExitCode}).");
        }

        return JsonSerializer.Deserialize<EngineRun>(lines[^1])!;
    }
}
