using StackExchange.Redis;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.TaskQueue.Tests;

/// <summary>One multiplexer per backend for the whole test run, on the shared servers.</summary>
internal static class BackendConnections
{
    private static readonly Lazy<ConnectionMultiplexer> LazyRedis = new(() => Connect(SharedTestServers.Redis.Endpoint));
    private static readonly Lazy<ConnectionMultiplexer> LazyGarnet = new(() => Connect(SharedTestServers.Garnet.Endpoint));

    public static ConnectionMultiplexer Get(Backend backend) => backend switch
    {
        Backend.Redis => LazyRedis.Value,
        Backend.Garnet => LazyGarnet.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, null),
    };

    /// <summary>A separate connection (its own socket), for tests that need two independent clients.</summary>
    public static ConnectionMultiplexer Open(Backend backend) => Connect(backend == Backend.Redis ? SharedTestServers.Redis.Endpoint : SharedTestServers.Garnet.Endpoint);

    private static ConnectionMultiplexer Connect(string endpoint)
    {
        var options = ConfigurationOptions.Parse(endpoint);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 10_000;
        options.SyncTimeout = 30_000;
        options.AsyncTimeout = 30_000;
        return ConnectionMultiplexer.Connect(options);
    }
}
