using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Net.Http.Headers;
using WhatsTheTab.Silo.Web.Jobs;

namespace WhatsTheTab.Silo.Web.Security;

/// <summary>
/// The ASP.NET Core rate limiter's partitions: per API key id (or per remote IP when anonymous), a token bucket for
/// uploads and a fixed one-minute window for everything else; health probes and worker endpoints are not limited.
/// A refusal is 429 problem+json with <c>Retry-After</c>.
/// </summary>
public static class ApiRateLimits
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>Configures the global limiter from <paramref name="rates"/>.</summary>
    public static void Configure(RateLimiterOptions options, RateLimitOptions rates)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rates);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, rates));
        options.OnRejected = OnRejectedAsync;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions rates)
    {
        if (OpenPaths.IsOpen(context.Request.Path))
        {
            return RateLimitPartition.GetNoLimiter("open");
        }

        string caller;
        if (JobOwner.Of(context) is { } keyId)
        {
            caller = "key:" + keyId;
        }
        else
        {
            var address = context.Connection.RemoteIpAddress;
            if (address is null || (rates.ExemptLoopback && IPAddress.IsLoopback(address)))
            {
                return RateLimitPartition.GetNoLimiter("loopback");
            }

            caller = "ip:" + address;
        }

        var endpoint = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (endpoint is "SubmitJob" or "SeedUpload")
        {
            var uploads = rates.UploadsPerMinute;
            return RateLimitPartition.GetTokenBucketLimiter("upload|" + caller, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = uploads,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = Minute / uploads,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }

        var reads = rates.ReadsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter("read|" + caller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = reads,
            Window = Minute,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Minute;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This caller has sent too many requests; try again in {seconds.ToString(CultureInfo.InvariantCulture)} s.",
            },
        });
    }
}
