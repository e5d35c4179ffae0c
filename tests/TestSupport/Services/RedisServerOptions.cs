namespace WhatsTheTab.TestSupport.Services;

/// <summary>How <see cref="RedisServer"/> starts <c>redis-server</c>.</summary>
public sealed class RedisServerOptions
{
    /// <summary>Append-only file on (fsync every second), so data survives a kill and restart. Off by default: no persistence at all.</summary>
    public bool AppendOnly { get; init; }

    /// <summary>The port; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The data folder; null (the default) makes a temporary one that <see cref="RedisServer.Dispose"/> deletes.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>More <c>--name value</c> arguments, appended as given.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>How long to wait for PONG.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
