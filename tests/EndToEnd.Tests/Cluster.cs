using System.Globalization;
using StackExchange.Redis;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.EndToEnd.Tests;

/// <summary>
/// A whole deployment on this machine: redis-server (AOF on), a throwaway PostgreSQL 15, one web silo and
/// <c>gpuSilos</c> GPU silos, each a separate process configured by environment variables only.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    public const string WorkerToken = "end-to-end-worker-token-0123456789abcdef";

    private readonly List<SiloProcess> _gpus = [];

    private Cluster(RedisServer redis, PostgresServer postgres, string postgresConnectionString)
    {
        Redis = redis;
        Postgres = postgres;
        PostgresConnectionString = postgresConnectionString;
    }

    public RedisServer Redis { get; }

    public PostgresServer Postgres { get; }

    public string PostgresConnectionString { get; }

    public SiloProcess Web { get; private set; } = null!;

    public Uri WebAddress { get; private set; } = null!;

    public IReadOnlyList<SiloProcess> Gpus => _gpus;

    public ConnectionMultiplexer RedisClient { get; private set; } = null!;

    public static async Task<Cluster> StartAsync(int gpuSilos)
    {
        var redis = RedisServer.Start(new RedisServerOptions { AppendOnly = true });
        var postgres = PostgresServer.Start();
        var cluster = new Cluster(redis, postgres, postgres.ConnectionString(postgres.CreateDatabase()));
        try
        {
            cluster.RedisClient = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint + ",allowAdmin=true");
            await cluster.StartWebAsync();
            for (var i = 0; i < gpuSilos; i++)
            {
                await cluster.StartGpuAsync($"gpu-{i + 1}");
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public HttpClient Http() => new() { BaseAddress = WebAddress, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Starts a GPU silo and waits for its first heartbeat in Redis.</summary>
    public async Task<SiloProcess> StartGpuAsync(string workerId)
    {
        var gpu = SiloProcess.Start($"GPU silo {workerId}", BuiltSilos.GpuDll, new Dictionary<string, string>
        {
            ["Redis__ConnectionString"] = Redis.Endpoint,
            ["Worker__WebBaseAddress"] = WebAddress.ToString(),
            ["Worker__Token"] = WorkerToken,
            ["Worker__WorkerId"] = workerId,
            ["Worker__Device"] = "cpu",
            ["Worker__Threads"] = "1", // two silos share this machine's two cores
            ["Orleans__SiloPort"] = Port(),
            ["Orleans__GatewayPort"] = Port(),
        });
        _gpus.Add(gpu);
        var db = RedisClient.GetDatabase();
        await gpu.WaitUntilAsync(() => db.KeyExistsAsync($"worker:{workerId}"), TimeSpan.FromMinutes(2), "sending heartbeats");
        return gpu;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gpu in _gpus)
        {
            await gpu.DisposeAsync();
        }

        if (Web is not null)
        {
            await Web.DisposeAsync();
        }

        RedisClient?.Dispose();
        Postgres.Dispose();
        Redis.Dispose();
    }

    private static string Port() => FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture);

    private async Task StartWebAsync()
    {
        WebAddress = new Uri($"http://127.0.0.1:{Port()}");
        Web = SiloProcess.Start("web silo", BuiltSilos.WebDll, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = WebAddress.ToString().TrimEnd('/'),
            ["Redis__ConnectionString"] = Redis.Endpoint,
            ["ConnectionStrings__Postgres"] = PostgresConnectionString,
            ["Worker__Token"] = WorkerToken,
            ["Orleans__SiloPort"] = Port(),
            ["Orleans__GatewayPort"] = Port(),
        });
        await Web.WaitUntilHttpReadyAsync(WebAddress, "/readyz");
    }
}
