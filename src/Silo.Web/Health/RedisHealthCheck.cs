using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace WhatsTheTab.Silo.Web.Health;

/// <summary>Ready when Redis (or the embedded Garnet) answers PING.</summary>
public sealed class RedisHealthCheck : IHealthCheck
{
    private readonly IConnectionMultiplexer _redis;

    public RedisHealthCheck(IConnectionMultiplexer redis) => _redis = redis;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await _redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // the exception's message may name endpoints but never a password; the exception itself is not echoed
            return HealthCheckResult.Unhealthy("Redis does not answer PING");
        }
    }
}
