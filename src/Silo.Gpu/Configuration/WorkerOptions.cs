using System.Globalization;
using System.Security.Cryptography;

namespace WhatsTheTab.Silo.Gpu.Configuration;

/// <summary>Settings of the transcription worker, bound from configuration section <see cref="SectionName"/> (env <c>Worker__…</c>).</summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Worker";

    /// <summary>The shortest worker token accepted.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>The worker's id in the queue (<c>worker:{id}</c>, task ownership); empty picks <c>{host}-{pid}-{random}</c> at start.</summary>
    public string? WorkerId { get; set; }

    /// <summary>The web tier's base address (absolute http or https URL); the only host the worker ever sends requests to.</summary>
    public string WebBaseAddress { get; set; } = string.Empty;

    /// <summary>The shared worker token the web tier's internal endpoints require.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>Jobs run at once by this process (they share the one engine; the model serialises its forward passes).</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>"auto" (CUDA when available), "cpu" or "cuda".</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Windows per forward pass; empty picks the engine's default (4 on the CPU, 64 on a GPU).</summary>
    public int? BatchSize { get; set; }

    /// <summary>Intra-op CPU threads for libtorch; empty leaves its default (one per core).</summary>
    public int? Threads { get; set; }

    /// <summary>
    /// How the engine threads are scheduled: <see cref="EnginePriority.Idle"/> (default; Linux <c>SCHED_IDLE</c>, so the
    /// control path never waits behind inference) or <see cref="EnginePriority.Normal"/>.
    /// </summary>
    public EnginePriority EnginePriority { get; set; } = EnginePriority.Idle;

    /// <summary>Folder holding basic-pitch's model.json; empty searches the usual places (WTT_MODEL_DIR, beside the binaries).</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>
    /// How long a job may keep running after shutdown begins before it is cancelled and handed back; empty takes the
    /// host's shutdown timeout minus a margin (5 s, or a quarter of it when shorter) for the hand-back itself.
    /// </summary>
    public TimeSpan? ShutdownGrace { get; set; }

    /// <summary>How long one claim waits on an empty queue before it looks again (a <c>task:new</c> notification wakes it sooner).</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest audio download accepted; a bigger file fails the job permanently.</summary>
    public long MaxAudioBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The longest an audio download may take before the attempt fails (transient).</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest a result upload may take before the attempt fails (transient).</summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Where downloaded audio is kept while a job runs; empty uses the system temp folder.</summary>
    public string? TempDirectory { get; set; }

    /// <summary>A fresh default worker id: host name, process id and a random suffix, unique per process start.</summary>
    public static string NewWorkerId() =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");

    /// <summary>The web base address as a URI whose path ends in '/', so relative endpoint paths keep any path prefix.</summary>
    public Uri WebBaseUri()
    {
        var uri = new Uri(WebBaseAddress, UriKind.Absolute);
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
    }

    /// <summary>The folder for downloaded audio.</summary>
    public string ResolveTempDirectory() =>
        string.IsNullOrWhiteSpace(TempDirectory) ? Path.Combine(Path.GetTempPath(), "whatsthetab-worker") : TempDirectory;
}
