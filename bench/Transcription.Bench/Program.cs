using System.Globalization;
using WhatsTheTab.TestSupport;
using WhatsTheTab.Transcription.Bench;
using WhatsTheTab.Transcription.Model;

// Usage: bench/run-engine-bench.sh  (or: dotnet WhatsTheTab.Transcription.Bench.dll [--long-minutes N])
// Child mode: engine WAV cpu|cuda|auto default|BATCH
if (args is ["engine", var wav, var device, var batch])
{
    return EngineRun.RunChild(wav, Enum.Parse<DevicePreference>(device, ignoreCase: true), batch == "default" ? null : int.Parse(batch, CultureInfo.InvariantCulture));
}

var longMinutes = args is ["--long-minutes", var m] ? int.Parse(m, CultureInfo.InvariantCulture) : 60;
var minute = BenchAudio.Minute();
var hour = BenchAudio.Long(longMinutes);
var table = new List<(string What, string Value)>();
void Row(string what, string value)
{
    table.Add((what, value));
    Console.Error.WriteLine($"  {what}: {value}");
}

Console.Error.WriteLine($"Audio: {minute} (60 s) and {hour} ({longMinutes} min); machine: {Environment.ProcessorCount} cores");

var reference = ReferenceTranscriber.Transcribe(minute, "wasm", useCache: false);
var referenceRtf = reference.AudioSeconds / ((reference.InferenceMs + reference.PostMs) / 1000);
Row("reference (tfjs wasm) real-time factor, 60 s clip", $"{referenceRtf:F1}x");
Row("reference model load", $"{reference.ModelLoadMs:F0} ms");
Row("reference time to first note", $"{reference.InferenceMs + reference.PostMs:F0} ms");

var cpu = EngineRun.InChild(minute, DevicePreference.Cpu);
Row($"engine (TorchSharp cpu, batch {cpu.BatchSize}) real-time factor, 60 s clip", $"{cpu.RealTimeFactor:F1}x");
Row("engine model load", $"{cpu.LoadMs:F0} ms");
Row("engine time to first note", $"{cpu.InferenceMs + cpu.PostMs:F0} ms");
Row("engine speed-up over reference", $"{cpu.RealTimeFactor / referenceRtf:F1}x");

var longRun = EngineRun.InChild(hour, DevicePreference.Cpu);
Row($"engine cpu, {longMinutes}-minute file: real-time factor", $"{longRun.RealTimeFactor:F1}x ({longRun.InferenceMs / 1000:F0} s inference, {longRun.PostMs / 1000:F1} s post-processing, {longRun.Notes} notes)");
Row($"engine cpu, {longMinutes}-minute file: peak RSS", $"{longRun.PeakRssMiB:F0} MiB");

if (TorchSharp.torch.cuda.is_available())
{
    var gpu = EngineRun.InChild(minute, DevicePreference.Cuda, 64);
    Row("engine (cuda, batch 64) real-time factor, 60 s clip", $"{gpu.RealTimeFactor:F1}x");
    var gpuLong = EngineRun.InChild(hour, DevicePreference.Cuda, 256);
    Row($"engine (cuda, batch 256), {longMinutes}-minute file", $"{gpuLong.RealTimeFactor:F1}x, peak RSS {gpuLong.PeakRssMiB:F0} MiB");
}
else
{
    Row("engine cuda", "no CUDA device on this machine");
}

Console.WriteLine();
Console.WriteLine("| measure | value |");
Console.WriteLine("|---|---|");
foreach (var (what, value) in table)
{
    Console.WriteLine($"| {what} | {value} |");
}

return 0;
