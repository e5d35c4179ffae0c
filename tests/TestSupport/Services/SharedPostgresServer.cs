namespace WhatsTheTab.TestSupport.Services;

/// <summary>
/// One throwaway PostgreSQL cluster per test process, started on first use and removed when the process exits
/// (by the server's own exit handler, which is quicker than <see cref="PostgresServer.Dispose"/>).
/// Tests isolate themselves by creating their own database (<see cref="CreateDatabase"/>).
/// </summary>
public static class SharedPostgresServer
{
    private static readonly Lazy<PostgresServer> LazyServer = new(() => PostgresServer.Start(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shared server.</summary>
    public static PostgresServer Server => LazyServer.Value;

    /// <summary>Creates a fresh database on the shared server and returns a connection string for it.</summary>
    public static string CreateDatabase() => Server.ConnectionString(Server.CreateDatabase());
}
