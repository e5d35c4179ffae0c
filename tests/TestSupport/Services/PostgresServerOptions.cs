namespace WhatsTheTab.TestSupport.Services;

/// <summary>How <see cref="PostgresServer"/> creates and starts its throwaway cluster.</summary>
public sealed class PostgresServerOptions
{
    /// <summary>Folder holding <c>initdb</c>, <c>pg_ctl</c>, <c>createdb</c> and <c>pg_isready</c>.</summary>
    public string BinDirectory { get; init; } = PostgresServer.DefaultBinDirectory;

    /// <summary>The port; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// fsync and full-page writes off (the default): faster, and a <see cref="PostgresServer.Kill"/> still loses nothing
    /// committed because only the server process dies, not the machine's page cache. (Synchronous commit stays on:
    /// turning it off would lose the last commits' WAL, still in shared memory, on a kill.)
    /// </summary>
    public bool Fast { get; init; } = true;

    /// <summary>More <c>-c name=value</c> server settings, appended as given (for example <c>max_connections=200</c>).</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>How long <c>initdb</c>, start and stop may take each.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}
