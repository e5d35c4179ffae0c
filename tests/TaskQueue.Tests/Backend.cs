namespace WhatsTheTab.TaskQueue.Tests;

/// <summary>The Redis-protocol servers every queue test runs against.</summary>
public enum Backend
{
    /// <summary>A real <c>redis-server</c> child process.</summary>
    Redis,

    /// <summary>The in-process Garnet server with <c>--lua</c>, the embedded default.</summary>
    Garnet,
}
