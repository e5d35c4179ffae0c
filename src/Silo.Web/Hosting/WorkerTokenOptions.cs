namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>The shared secret GPU workers present on the internal endpoints; bound from section <see cref="SectionName"/>.</summary>
public sealed class WorkerTokenOptions
{
    public const string SectionName = "Worker";

    /// <summary>The shortest token accepted.</summary>
    public const int MinimumLength = 16;

    /// <summary>
    /// The token (env <c>Worker__Token</c>). Required when Redis or PostgreSQL is configured; in the embedded default an
    /// empty token is replaced by the one kept in <c>{DataDirectory}/worker-token</c> (made on first start).
    /// </summary>
    public string? Token { get; set; }
}
