using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace WhatsTheTab.Silo.Web.Security;

/// <summary>
/// Refuses new work while the queue is full: <c>POST /api/jobs</c> and <c>POST /transcribe/generate/</c> answer 503
/// problem+json with <c>Retry-After</c> before their body is read, so nothing is stored or queued.
/// </summary>
public static partial class QueueBackPressure
{
    /// <summary>Adds the check; put it after routing and authorization.</summary>
    public static IApplicationBuilder UseQueueBackPressure(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(static async (context, next) =>
        {
            var endpoint = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            if (endpoint is "SubmitJob" or "SeedGenerate")
            {
                var gate = context.RequestServices.GetRequiredService<QueueDepthGate>();
                if (await gate.RefuseAsync(context.RequestAborted) is { } depth)
                {
                    await RefuseAsync(context, gate.Limit, depth);
                    return;
                }
            }

            await next(context);
        });
    }

    private static async Task RefuseAsync(HttpContext context, long limit, long depth)
    {
        var options = context.RequestServices.GetRequiredService<BackPressureOptions>();
        var seconds = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        LogRefused(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(QueueBackPressure)), depth, limit);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers[HeaderNames.RetryAfter] = seconds;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Queue full",
                Detail = $"The queue holds {depth.ToString(CultureInfo.InvariantCulture)} jobs (at most {limit.ToString(CultureInfo.InvariantCulture)}); nothing was stored. Try again in {seconds} s.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "New job refused: the queue holds {Depth} jobs (limit {Limit})")]
    private static partial void LogRefused(ILogger logger, long depth, long limit);
}
