using System.Globalization;
using StackExchange.Redis;

namespace WhatsTheTab.TestSupport.Services;

/// <summary>
/// A whole deployment on this machine: redis-server (AOF on), a throwaway PostgreSQL 15, one web silo and
/// <c>gpuSilos</c> GPU silos, each a separate process configured by environment variables only.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const string WorkerToken = "end-to-end-worker-token-0123456789abcdef";

    private readonly List<SiloProcess> _gpus = [];

    private readonly string _webDll;
    private readonly string _gpuDll;

    private LocalCluster(string webDll, string gpuDll, RedisServer redis, PostgresServer postgres, string postgresConnectionString)
    {
        _webDll = webDll;
        _gpuDll = gpuDll;
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

    /// <summary>
    /// Starts everything; <paramref name="webDll"/> and <paramref name="gpuDll"/> are the built silos.
    /// <paramref name="gpuSettings"/> and <paramref name="webSettings"/> are extra environment settings (over the defaults) for every GPU silo and the web silo.
    /// </summary>
    public static async Task<LocalCluster> StartAsync(
        string webDll, string gpuDll, int gpuSilos, IReadOnlyDictionary<string, string>? gpuSettings = null, IReadOnlyDictionary<string, string>? webSettings = null)
    {
        var redis = RedisServer.Start(new RedisServerOptions { AppendOnly = true });
        var postgres = PostgresServer.Start();
        var cluster = new LocalCluster(webDll, gpuDll, redis, postgres, postgres.ConnectionString(postgres.CreateDatabase()));
        try
        {
            cluster.RedisClient = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint + ",allowAdmin=true");
            await cluster.StartWebAsync(webSettings);
            for (var i = 0; i < gpuSilos; i++)
            {
                await cluster.StartGpuAsync($"gpu-{i + 1}", gpuSettings);
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
    public async Task<SiloProcess> StartGpuAsync(string workerId, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Redis__ConnectionString"] = Redis.Endpoint,
            ["Worker__WebBaseAddress"] = WebAddress.ToString(),
            ["Worker__Token"] = WorkerToken,
            ["Worker__WorkerId"] = workerId,
            ["Worker__Device"] = "cpu",
            ["Worker__Threads"] = "1", // two silos share this machine's two cores
            ["Orleans__SiloPort"] = Port(),
            ["Orleans__GatewayPort"] = Port(),
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var gpu = SiloProcess.Start($"GPU silo {workerId}", _gpuDll, settings);
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

    private async Task StartWebAsync(IReadOnlyDictionary<string, string>? extraSettings)
    {
        WebAddress = new Uri($"http://127.0.0.1:{Port()}");
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = WebAddress.ToString().TrimEnd('/'),
            ["Redis__ConnectionString"] = Redis.Endpoint,
            ["ConnectionStrings__Postgres"] = PostgresConnectionString,
            ["Worker__Token"] = WorkerToken,
            ["Orleans__SiloPort"] = Port(),
            ["Orleans__GatewayPort"] = Port(),
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        Web = SiloProcess.Start("web silo", _webDll, settings);
        await Web.WaitUntilHttpReadyAsync(WebAddress, "/readyz");
    }
}
