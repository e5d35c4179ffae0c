namespace WhatsTheTab.Silo.Web.Security;

/// <summary>Per-caller request rates (per API key, or per remote IP for anonymous callers); bound from section <see cref="SectionName"/>.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Uploads (<c>POST /api/jobs</c>, <c>POST /transcribe/upload/</c>) per minute: a token bucket holding this many, refilled evenly (default 30).</summary>
    public int UploadsPerMinute { get; set; } = 30;

    /// <summary>Every other public request per minute: a fixed one-minute window (default 600).</summary>
    public int ReadsPerMinute { get; set; } = 600;

    /// <summary>
    /// Anonymous requests from a loopback address are not limited (default true): the embedded default's one local
    /// user, scripts and tests on the same machine. Set false when a reverse proxy on the same host forwards the public.
    /// </summary>
    public bool ExemptLoopback { get; set; } = true;
}
