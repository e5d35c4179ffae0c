using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using WhatsTheTab.TestSupport;
using WhatsTheTab.TestSupport.Services;

// Usage: bash bench/run-soak-bench.sh [--clients 50] [--minutes 5] [--warmup-minutes 1]
// A local deployment (redis-server, PostgreSQL, one web silo, two GPU silos on the CPU, default leases and heartbeats)
// under --clients concurrent clients that each submit a short clip, poll its status until it finishes, and start again,
// for --warmup-minutes and then --minutes; during the measured minutes one GPU silo is killed (SIGKILL) every minute and
// restarted. Afterwards every job is checked: completed exactly once, failed, lost (never finished), or duplicated (more
// than one completed attempt). Memory: every process's RSS is sampled every 30 s; the baseline is the end of the warm-up
// (model kernels, connection pools, JIT and caches set up under the same load), so growth after it is what would
// accumulate over a long run; the web silo's is also split by kind (malloc arenas, JIT code, files, GC heap and the rest).
var clients = Option("--clients", 50);
var minutes = Option("--minutes", 5);
var warmupMinutes = Option("--warmup-minutes", 1);
string Dll(string key) => typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

var clips = TestClips.All.Select(c => c.WavPath).ToList();
await using var cluster = await LocalCluster.StartAsync(Dll("SiloWebDll"), Dll("SiloGpuDll"), gpuSilos: 2, new Dictionary<string, string> { ["Worker__Threads"] = "1" });
using var http = cluster.Http();
var rssAtStartUp = Rss(cluster);
Console.Error.WriteLine($"deployment up; {clients} clients, {warmupMinutes} min warm-up, then {minutes} min with a GPU silo killed every minute");

var jobs = new ConcurrentDictionary<Guid, string>(); // id → last status seen by its client
var statusLatencies = new ConcurrentBag<double>();
var submitFailures = new ConcurrentDictionary<string, int>(StringComparer.Ordinal); // reason → count
var measuring = false;
var end = DateTime.UtcNow.AddMinutes(warmupMinutes + minutes);
var clientRuns = Enumerable.Range(0, clients).Select(ClientAsync).ToList();
await Task.Delay(TimeSpan.FromMinutes(warmupMinutes));
var rssAfterWarmUp = Rss(cluster);
var webMemoryAfterWarmUp = ResidentMemory.Of(cluster.Web.ProcessId);
var warmUpJobs = jobs.Count;
measuring = true;
Console.Error.WriteLine($"warm-up done ({warmUpJobs} jobs); RSS web {rssAfterWarmUp.Web:F0} MiB, GPU {string.Join(", ", rssAfterWarmUp.Gpus.Select(r => $"{r:F0}"))} MiB");
var samples = new List<(double Minute, double Web, double[] Gpus)> { (0, rssAfterWarmUp.Web, rssAfterWarmUp.Gpus) };
var sampler = SampleRssAsync();
var killer = KillEveryMinuteAsync();
await Task.WhenAll(clientRuns);
var recoveries = await killer;
await sampler;
var webMemoryAtEnd = ResidentMemory.Of(cluster.Web.ProcessId);

// Let what is still queued or running finish (or be recovered), then check every job once.
var drainUntil = DateTime.UtcNow.AddMinutes(3);
while (DateTime.UtcNow < drainUntil && jobs.Values.Any(s => s is "pending" or "processing"))
{
    foreach (var id in jobs.Where(j => j.Value is "pending" or "processing").Select(j => j.Key).ToList())
    {
        jobs[id] = (await StatusAsync(id))?.GetProperty("status").GetString() ?? jobs[id];
    }

    await Task.Delay(1000);
}

int completed = 0, failed = 0, lost = 0, duplicated = 0;
foreach (var id in jobs.Keys)
{
    var job = await StatusAsync(id);
    var status = job?.GetProperty("status").GetString();
    var completions = job?.GetProperty("attemptHistory").EnumerateArray().Count(a => a.GetProperty("outcome").GetString() == "completed") ?? 0;
    if (status == "completed")
    {
        completed++;
    }
    else if (status == "failed")
    {
        failed++;
    }
    else
    {
        lost++;
    }

    if (completions > 1)
    {
        duplicated++;
    }
}

var rssAtEnd = samples[^1];
var latencies = statusLatencies.Order().ToArray();
var gpuPeak = Enumerable.Range(0, rssAfterWarmUp.Gpus.Length).Select(g => samples.Max(x => x.Gpus[g])).ToArray();
Console.WriteLine();
Console.WriteLine($"| measure ({clients} clients, {warmupMinutes} min warm-up + {minutes} min with a GPU silo killed every minute, default 30 s lease and heartbeat TTL) | value |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| jobs submitted / completed / failed / lost / duplicated | {jobs.Count} / {completed} / {failed} / {lost} / {duplicated} (of which {warmUpJobs} during the warm-up) |");
Console.WriteLine($"| submissions refused | {(submitFailures.IsEmpty ? "0" : string.Join(", ", submitFailures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Value} × {f.Key}")))} |");
Console.WriteLine($"| recovery per kill (kill → the killed worker's job claimed again) | {string.Join(", ", recoveries.Select(r => r is null ? "no job in flight" : $"{r.Value.TotalSeconds:F1} s"))} |");
Console.WriteLine($"| status request latency p50 / p99 ({latencies.Length} requests) | {P(latencies, 0.50):F1} / {P(latencies, 0.99):F1} ms |");
Console.WriteLine($"| web silo RSS at start-up / after warm-up → end | {rssAtStartUp.Web:F0} / {rssAfterWarmUp.Web:F0} → {rssAtEnd.Web:F0} MiB ({Growth(rssAfterWarmUp.Web, rssAtEnd.Web)}; peak {samples.Max(x => x.Web):F0} MiB) |");
Console.WriteLine($"| web silo resident memory by kind, after warm-up → end (smaps) | {webMemoryAfterWarmUp} → {webMemoryAtEnd} |");
Console.WriteLine($"| GPU silos RSS at start-up / after warm-up → peak while measuring (each killed and restarted every other minute) | {string.Join(", ", rssAtStartUp.Gpus.Select(r => $"{r:F0}"))} / {string.Join(", ", rssAfterWarmUp.Gpus.Select(r => $"{r:F0}"))} → {string.Join(", ", gpuPeak.Select((r, g) => $"{r:F0} ({Growth(rssAfterWarmUp.Gpus[g], r)})"))} MiB |");
Console.WriteLine($"| RSS every 30 s, web; GPU silos (MiB) | {string.Join("; ", samples.Select(x => $"{x.Minute:0.#} min: {x.Web:F0}; {string.Join(", ", x.Gpus.Select(r => $"{r:F0}"))}"))} |");

// The silos' own logs, to look into anything the table shows (errors, refusals).
var logs = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "bench", "out", "soak-logs")).FullName;
File.WriteAllText(Path.Combine(logs, "web.log"), cluster.Web.Output());
foreach (var gpu in cluster.Gpus)
{
    File.WriteAllText(Path.Combine(logs, $"{gpu.Name}.log"), gpu.Output());
}

Console.Error.WriteLine($"silo logs in {logs}");
return 0;

static string ProblemTitle(string body)
{
    try
    {
        return JsonDocument.Parse(body).RootElement.GetProperty("title").GetString() ?? "no title";
    }
    catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
    {
        return body.Length > 80 ? body[..80] : body;
    }
}

static string Growth(double from, double to) => $"{(to / from - 1) * 100:+0;-0}%";

async Task SampleRssAsync()
{
    var clock = Stopwatch.StartNew();
    while (DateTime.UtcNow < end)
    {
        await Task.Delay(TimeSpan.FromSeconds(30));
        var (web, gpus) = Rss(cluster);
        lock (samples)
        {
            samples.Add((clock.Elapsed.TotalMinutes, web, gpus));
        }
    }
}

async Task ClientAsync(int client)
{
    var random = new Random(client);
    while (DateTime.UtcNow < end)
    {
        Guid id;
        try
        {
            id = await SubmitAsync(clips[random.Next(clips.Count)]);
        }
        catch (HttpRequestException ex)
        {
            submitFailures.AddOrUpdate(ex.Message, 1, (_, n) => n + 1);
            await Task.Delay(1000);
            continue;
        }

        jobs[id] = "pending";
        while (DateTime.UtcNow < end.AddMinutes(3))
        {
            await Task.Delay(500);
            var job = await StatusAsync(id);
            var status = job?.GetProperty("status").GetString();
            if (status is null)
            {
                continue;
            }

            jobs[id] = status;
            if (status is "completed" or "failed" or "cancelled")
            {
                break;
            }
        }
    }
}

async Task<JsonElement?> StatusAsync(Guid id)
{
    var clock = Stopwatch.StartNew();
    try
    {
        using var response = await http.GetAsync(new Uri($"/api/jobs/{id:D}", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var job = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        statusLatencies.Add(clock.Elapsed.TotalMilliseconds);
        return job;
    }
    catch (HttpRequestException)
    {
        return null;
    }
}

async Task<Guid> SubmitAsync(string path)
{
    using var form = new MultipartFormDataContent();
    var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
    content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    form.Add(content, "file", Path.GetFileName(path));
    using var response = await http.PostAsync(new Uri("/api/jobs", UriKind.Relative), form);
    if (!response.IsSuccessStatusCode)
    {
        throw new HttpRequestException($"POST /api/jobs answered {(int)response.StatusCode} ({ProblemTitle(await response.Content.ReadAsStringAsync())})");
    }

    return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
}

// Every minute: kill one GPU silo (alternating), restart it at once, and time until the job it held is claimed again.
async Task<List<TimeSpan?>> KillEveryMinuteAsync()
{
    var results = new List<TimeSpan?>();
    for (var kill = 0; measuring && DateTime.UtcNow.AddMinutes(1) <= end; kill++)
    {
        await Task.Delay(TimeSpan.FromMinutes(1));
        var silo = cluster.Gpus[kill % cluster.Gpus.Count];
        var workerId = silo.Environment["Worker__WorkerId"];
        var held = await HeldByAsync(workerId);
        var clock = Stopwatch.StartNew();
        silo.Kill();
        silo.Restart();
        Console.Error.WriteLine($"killed {workerId} holding {(held is null ? "nothing" : held.Value.Id.ToString())}");
        if (held is not { } job)
        {
            results.Add(null);
            continue;
        }

        // Recovered once another attempt has started (the supervisor requeued it and a worker claimed it) or it finished.
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (await StatusAsync(job.Id) is { } now
                && (now.GetProperty("status").GetString() == "completed" || now.GetProperty("attemptHistory").GetArrayLength() > job.Attempts))
            {
                break;
            }

            await Task.Delay(250);
        }

        results.Add(clock.Elapsed);
    }

    return results;
}

async Task<(Guid Id, int Attempts)?> HeldByAsync(string workerId)
{
    // Every job its client last saw unfinished: clients poll every 500 ms and a short piece runs for less than that, so
    // "processing" as last seen by the client misses most of the jobs a worker holds at any moment.
    foreach (var (id, status) in jobs.ToArray())
    {
        if (status is "pending" or "processing" && await StatusAsync(id) is { } job && job.GetProperty("workerId").GetString() == workerId
            && job.GetProperty("status").GetString() == "processing")
        {
            return (id, job.GetProperty("attemptHistory").GetArrayLength());
        }
    }

    return null;
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

static (double Web, double[] Gpus) Rss(LocalCluster cluster) => (RssOf(cluster.Web.ProcessId), cluster.Gpus.Select(g => RssOf(g.ProcessId)).ToArray());

static double RssOf(int? pid)
{
    if (pid is null || !File.Exists($"/proc/{pid}/status"))
    {
        return double.NaN;
    }

    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return long.Parse(line["VmRSS:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024.0;
}
