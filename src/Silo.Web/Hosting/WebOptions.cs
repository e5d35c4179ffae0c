namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>Where Kestrel listens; bound from section <see cref="SectionName"/>.</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>The port used when no URL is configured.</summary>
    public const int DefaultPort = 8008;

    /// <summary>
    /// Semicolon-separated URLs (<c>Web__Urls</c>, else <c>ASPNETCORE_URLS</c>). Unset: <c>http://localhost:8008</c>
    /// (loopback only) in the embedded default, <c>http://+:8008</c> when Redis is configured.
    /// </summary>
    public string? Urls { get; set; }
}
