using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WhatsTheTab.Silo.Web.Health;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (Redis, PostgreSQL when configured, cluster membership).</summary>
public static class HealthEndpoints
{
    /// <summary>Tag of the checks <c>/readyz</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Registers the readiness checks; <paramref name="usesPostgres"/> adds the PostgreSQL one.</summary>
    public static IHealthChecksBuilder AddWebSiloHealthChecks(this IServiceCollection services, bool usesPostgres)
    {
        var builder = services.AddHealthChecks()
            .AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<ClusterMembershipHealthCheck>("cluster", tags: [ReadyTag]);
        if (usesPostgres)
        {
            builder.AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));
        }

        return builder;
    }

    /// <summary>Maps <c>/healthz</c> (no checks: alive) and <c>/readyz</c> (every ready check; 503 when one fails), both as JSON.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .ExcludeFromDescription();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .ExcludeFromDescription();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, durationMs = e.Value.Duration.TotalMilliseconds }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
