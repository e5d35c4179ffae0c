namespace WhatsTheTab.TestSupport.Services;

/// <summary>How <see cref="GarnetServer"/> starts the in-process Garnet server.</summary>
public sealed class GarnetServerOptions
{
    /// <summary>Checkpoints and an append-only log in <see cref="DataDirectory"/>, recovered on start, so data survives a restart. Off by default.</summary>
    public bool Durable { get; init; }

    /// <summary>The port; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The data folder for <see cref="Durable"/>; null makes a temporary one that <see cref="GarnetServer.Dispose"/> deletes.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>More Garnet command-line arguments, appended as given.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>How long to wait for PONG.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
