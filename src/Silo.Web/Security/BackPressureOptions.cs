namespace WhatsTheTab.Silo.Web.Security;

/// <summary>How deep the task queue may get before new jobs are refused; bound from section <c>Uploads</c>.</summary>
public sealed class BackPressureOptions
{
    public const string SectionName = "Uploads";

    /// <summary>
    /// The most tasks <c>task:queue</c> may hold: at this depth <c>POST /api/jobs</c> and <c>POST /transcribe/generate/</c>
    /// answer 503 with <c>Retry-After</c> and store nothing (default 1000).
    /// </summary>
    public long MaxQueueDepth { get; set; } = 1000;

    /// <summary>The <c>Retry-After</c> a refused upload is given, in seconds (default 30).</summary>
    public int RetryAfterSeconds { get; set; } = 30;
}
