namespace WhatsTheTab.TestSupport.Services;

/// <summary>
/// One <c>redis-server</c> and one in-process Garnet per test process, started on first use and stopped when the
/// process exits. Tests that share them isolate themselves with unique key prefixes.
/// </summary>
public static class SharedTestServers
{
    private static readonly Lazy<RedisServer> LazyRedis = new(() => RedisServer.Start(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<GarnetServer> LazyGarnet = new(() => GarnetServer.Start(), LazyThreadSafetyMode.ExecutionAndPublication);

    static SharedTestServers()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (LazyRedis.IsValueCreated)
            {
                LazyRedis.Value.Dispose();
            }

            if (LazyGarnet.IsValueCreated)
            {
                LazyGarnet.Value.Dispose();
            }
        };
    }

    /// <summary>The shared <c>redis-server</c> (no persistence).</summary>
    public static RedisServer Redis => LazyRedis.Value;

    /// <summary>The shared Garnet server (Lua on, no persistence).</summary>
    public static GarnetServer Garnet => LazyGarnet.Value;
}
