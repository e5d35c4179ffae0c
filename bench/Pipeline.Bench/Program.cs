using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using WhatsTheTab.TestSupport;
using WhatsTheTab.TestSupport.Services;

// Usage: bash bench/run-pipeline-bench.sh [--jobs 200] [--in-flight 20] [--warm-up 300]
// Submits short clips through the REST API with a fixed number in flight against a local deployment (redis-server,
// PostgreSQL, one web silo, two GPU silos on the CPU), waits for each on its SSE stream, and prints throughput,
// end-to-end latency and orchestration overhead (end-to-end minus the worker's own decode + inference time).
var jobCount = Option("--jobs", 200);
var inFlight = Option("--in-flight", 20);
var warmUp = Option("--warm-up", 300);
string Dll(string key) => typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

var clips = ShortClips();
Console.Error.WriteLine($"{clips.Count} distinct short clips ({string.Join(", ", clips.Select(c => $"{new FileInfo(c).Length / 1024} KiB"))}); starting the deployment…");
await using var cluster = await LocalCluster.StartAsync(Dll("SiloWebDll"), Dll("SiloGpuDll"), gpuSilos: 2, new Dictionary<string, string> { ["Worker__Threads"] = "1" });
using var http = cluster.Http();

// One stream of jobs with `inFlight` outstanding from start to end. The first `--warm-up` jobs (300 by default, about
// 15 s here) are not counted: what a long-running deployment has already done (model kernels chosen, connection pools
// grown, hot code compiled by the JIT's second tier, which takes this many jobs: after 40 the web silo still spent
// twice the CPU per job) is not timed as if it happened per job, and the measured jobs arrive the way a steady load
// arrives (one as another finishes), not as the one burst of simultaneous uploads that opens the stream on a cold
// deployment; that burst is reported on its own below.
var warmUpJobs = Math.Max(warmUp, inFlight);
var self = Environment.ProcessId;
var gpuIds = cluster.Gpus.Select(g => g.ProcessId).ToHashSet();
ProcessCpu? cpu = null;
var clock = new Stopwatch();
var gate = new SemaphoreSlim(inFlight);
var all = await Task.WhenAll(Enumerable.Range(0, warmUpJobs + jobCount).Select(async i =>
{
    await gate.WaitAsync();
    try
    {
        if (i == warmUpJobs)
        {
            cpu = ProcessCpu.Start(id => id == self ? "bench client" : id == cluster.Web.ProcessId ? "web silo" : gpuIds.Contains(id) ? "GPU silos" : null);
            clock.Start();
        }

        return await RunJobAsync(http, clips[i % clips.Count]);
    }
    finally
    {
        gate.Release();
    }
}));
var wall = clock.Elapsed;
var cpuUsed = cpu!.Elapsed();
var runs = all[warmUpJobs..];
var burst = all[..inFlight];

var completed = runs.Where(r => r.Status == "completed").ToList();
Console.WriteLine();
Console.WriteLine($"| measure ({jobCount} jobs, {inFlight} in flight, 2 GPU silos on CPU) | value |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| completed / failed | {completed.Count} / {runs.Length - completed.Count} |");
Console.WriteLine($"| throughput | {completed.Count / wall.TotalSeconds:F2} jobs/s |");
Row("end-to-end latency", completed.Select(r => r.EndToEndMs));
Row("queue wait (submit → claimed)", completed.Select(r => r.QueueWaitMs));
Row("worker decode + inference + notes", completed.Select(r => r.WorkerMs));
Row("orchestration overhead = end-to-end − worker time (includes queue wait)", completed.Select(r => r.EndToEndMs - r.WorkerMs));
Row("orchestration overhead excluding queue wait", completed.Select(r => r.EndToEndMs - r.WorkerMs - r.QueueWaitMs));
Row("  of which: upload → job created (receive, probe, store the audio)", completed.Select(r => r.AcceptMs));
Row("  of which: worker side (claim → result stored, minus engine time)", completed.Select(r => r.WorkerSideMs));
Row("  of which: completion → client's SSE event", completed.Select(r => r.NotifyMs));
Row("whole POST /api/jobs (also: grain write, enqueue, 202)", completed.Select(r => r.SubmitMs));
Row($"cold burst: the stream's first {inFlight} POSTs at once (warm-up, not counted above)", burst.Select(r => r.SubmitMs));
Console.WriteLine();
Console.WriteLine($"| CPU per job ({wall.TotalSeconds:F1} s wall, {Environment.ProcessorCount} cores) | ms |");
Console.WriteLine("|---|---|");
foreach (var (part, used) in cpuUsed)
{
    Console.WriteLine($"| {part} | {used.TotalMilliseconds / jobCount:F1} |");
}

Console.WriteLine($"| all | {cpuUsed.Sum(p => p.Cpu.TotalMilliseconds) / jobCount:F1} |");
return 0;

static void Row(string what, IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    Console.WriteLine($"| {what} p50 / p95 / p99 | {P(0.50):F1} / {P(0.95):F1} / {P(0.99):F1} ms |");
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

// Two-second pieces of the rendered test clips, cut once with ffmpeg.
static List<string> ShortClips()
{
    var folder = RepoPaths.EnsureDir(Path.Combine(RepoPaths.Root, "bench", "out", "short-clips"));
    var files = new List<string>();
    foreach (var clip in TestClips.All)
    {
        for (var start = 0; start < 8; start += 2)
        {
            var path = Path.Combine(folder, $"{clip.Name}-{start}s.wav");
            if (!File.Exists(path))
            {
                ExternalProcess.Run("ffmpeg", ["-nostdin", "-v", "error", "-y", "-ss", start.ToString(CultureInfo.InvariantCulture), "-t", "2", "-i", clip.WavPath, path], TimeSpan.FromMinutes(1));
            }

            files.Add(path);
        }
    }

    return files;
}

static async Task<JobRun> RunJobAsync(HttpClient http, string path)
{
    var startedAt = DateTimeOffset.UtcNow;
    var clock = Stopwatch.StartNew();
    using var form = new MultipartFormDataContent();
    var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
    content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    form.Add(content, "file", Path.GetFileName(path));
    using var submitted = await http.PostAsync(new Uri("/api/jobs", UriKind.Relative), form);
    submitted.EnsureSuccessStatusCode();
    var submitMs = clock.Elapsed.TotalMilliseconds;
    var id = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

    // The SSE stream says when the job finished without polling delays.
    using (var events = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{id:D}/events"), HttpCompletionOption.ResponseHeadersRead))
    using (var reader = new StreamReader(await events.Content.ReadAsStreamAsync()))
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line is "event: completed" or "event: failed" or "event: cancelled")
            {
                break;
            }
        }
    }

    var endToEnd = clock.Elapsed.TotalMilliseconds;
    var seenAt = DateTimeOffset.UtcNow;
    var job = JsonDocument.Parse(await http.GetStringAsync($"/api/jobs/{id:D}")).RootElement;
    var status = job.GetProperty("status").GetString()!;
    if (status != "completed")
    {
        return new JobRun(status, endToEnd, 0, 0, submitMs, 0, 0, 0);
    }

    var created = job.GetProperty("createdAt").GetDateTimeOffset();
    var claimed = job.GetProperty("attemptHistory")[0].GetProperty("startedAt").GetDateTimeOffset();
    var workerMs = job.GetProperty("result").GetProperty("processingSeconds").GetDouble() * 1000;
    var completedAt = job.GetProperty("completedAt").GetDateTimeOffset();
    var workerSideMs = (completedAt - claimed).TotalMilliseconds - workerMs;
    return new JobRun(status, endToEnd, Math.Max(0, (claimed - created).TotalMilliseconds), workerMs, submitMs, (created - startedAt).TotalMilliseconds, workerSideMs, (seenAt - completedAt).TotalMilliseconds);
}

/// <summary>
/// One job's timing: end to end as the client saw it; queue wait from the job's creation to its claim; the worker's own
/// decode + inference time; the POST itself; the part of it before the job exists (receiving, probing and storing
/// the audio); the worker's orchestration (claim → completed, minus its engine time); and the notification lag
/// (completed in the grain → the client's SSE stream says so). Same machine, same clock. The overhead without queue
/// wait is exactly AcceptMs + WorkerSideMs + NotifyMs.
/// </summary>
internal sealed record JobRun(string Status, double EndToEndMs, double QueueWaitMs, double WorkerMs, double SubmitMs, double AcceptMs, double WorkerSideMs, double NotifyMs);
