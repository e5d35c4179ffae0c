using System.Net;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>
/// The web tier answered an internal request with an error, or the audio broke a limit. <see cref="Permanent"/> tells
/// whether retrying can help (404 for an unknown job, an over-size file: no; 5xx, a rejected token: yes).
/// </summary>
public sealed class WebTierException : Exception
{
    public WebTierException()
    {
    }

    public WebTierException(string message)
        : base(message)
    {
    }

    public WebTierException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public WebTierException(string message, HttpStatusCode? statusCode, bool permanent)
        : base(message)
    {
        StatusCode = statusCode;
        Permanent = permanent;
    }

    /// <summary>The status the web tier answered with; null when the failure was not an HTTP status.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>True when the job should fail for good rather than be retried.</summary>
    public bool Permanent { get; }

    /// <summary>Builds the exception for an error status: 404/410/413/400/422 are permanent, the rest (401, 403, 408, 429, 5xx) transient.</summary>
    public static WebTierException ForStatus(string what, HttpStatusCode status)
    {
        var code = (int)status;
        var permanent = status is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.RequestEntityTooLarge
            or HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity;
        var hint = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? " (the web tier rejected the worker token: check Worker:Token on both tiers)"
            : string.Empty;
        return new WebTierException($"{what} failed: the web tier answered {code} {status}{hint}.", status, permanent);
    }
}
