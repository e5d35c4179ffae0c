using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Fault.Tests;

/// <summary>Starts a <see cref="LocalCluster"/> with short leases, heartbeats and supervisor passes on every silo, so recoveries take seconds.</summary>
internal static class FaultCluster
{
    /// <summary>The lease and heartbeat TTL the scenarios run with (defaults are 30 s).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(6);

    /// <summary>Starts the cluster; <paramref name="gpuSettings"/> are extra settings for every GPU silo.</summary>
    public static Task<LocalCluster> StartAsync(int gpuSilos, IReadOnlyDictionary<string, string>? gpuSettings = null)
    {
        var queue = new Dictionary<string, string>
        {
            ["Queue__LeaseDuration"] = "00:00:06",
            ["Queue__HeartbeatTtl"] = "00:00:06",
            ["Queue__HeartbeatInterval"] = "00:00:02",
        };
        var web = new Dictionary<string, string>(queue) { ["Supervisor__Interval"] = "00:00:01" };
        var gpu = new Dictionary<string, string>(queue);
        foreach (var (key, value) in gpuSettings ?? new Dictionary<string, string>())
        {
            gpu[key] = value;
        }

        return LocalCluster.StartAsync(BuiltSilos.WebDll, BuiltSilos.GpuDll, gpuSilos, gpu, web);
    }

    /// <summary>The GPU silo with queue worker id <paramref name="workerId"/>.</summary>
    public static SiloProcess Gpu(this LocalCluster cluster, string workerId) =>
        cluster.Gpus.Single(g => g.Environment["Worker__WorkerId"] == workerId);
}
