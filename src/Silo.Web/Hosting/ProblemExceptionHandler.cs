using Microsoft.AspNetCore.Diagnostics;

namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>
/// Turns unhandled exceptions into problem details without their message or stack: a request Kestrel refused
/// (body too large, malformed) keeps its status code; anything else is a 500 whose body says only that it failed
/// and carries the trace id to find the logged exception.
/// </summary>
public sealed partial class ProblemExceptionHandler : IExceptionHandler
{
    private readonly IProblemDetailsService _problems;
    private readonly ILogger<ProblemExceptionHandler> _logger;

    public ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    {
        _problems = problems;
        _logger = logger;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "Request body too large", "The request body is larger than this server accepts."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", "The request could not be read."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                (499, "Client closed request", null),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred", "The server could not complete the request; the trace id identifies it in the server's log."),
        };

        if (status >= 500)
        {
            LogUnhandled(_logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = status;
        return await _problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, PathString path, Exception exception);
}
