namespace WhatsTheTab.Grains.Abstractions.Internal;

/// <summary>
/// The web tier's internal HTTP endpoints that GPU silos call, guarded by the worker token. GPU silos only ever call
/// the configured web base address with these paths (never a URL from a task payload).
/// </summary>
public static class InternalApi
{
    /// <summary>Header carrying the shared worker token (compared in constant time by the web tier).</summary>
    public const string TokenHeader = "X-Worker-Token";

    /// <summary>Header naming the worker (its queue worker id), so the web tier can tell a late result from the owner's.</summary>
    public const string WorkerHeader = "X-Worker-Id";

    /// <summary>GET: the job's uploaded audio as stored (application/octet-stream). 404 for an unknown job.</summary>
    public static string AudioPath(Guid jobId) => $"/internal/jobs/{jobId:D}/audio";

    /// <summary>
    /// PUT multipart/form-data with the files <c>midi</c> (audio/midi) and <c>notes</c> (application/json, the note list)
    /// and the field <c>summary</c> (JSON <see cref="Jobs.JobResultSummary"/>). Idempotent: the first result of the
    /// worker that owns the job wins; answers 200 with <c>{"applied":true|false,"status":"…","reason":…}</c>.
    /// </summary>
    public static string ResultPath(Guid jobId) => $"/internal/jobs/{jobId:D}/result";

    public const string AudioRoute = "/internal/jobs/{id:guid}/audio";
    public const string ResultRoute = "/internal/jobs/{id:guid}/result";
}
