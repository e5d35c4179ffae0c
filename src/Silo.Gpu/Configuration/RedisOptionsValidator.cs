using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace WhatsTheTab.Silo.Gpu.Configuration;

/// <summary>Requires a parseable Redis connection string: a GPU silo has no embedded fallback.</summary>
public sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                "Redis:ConnectionString is required (env Redis__ConnectionString), e.g. 127.0.0.1:6379: the GPU silo joins the cluster and takes tasks through Redis.");
        }

        try
        {
            var parsed = ConfigurationOptions.Parse(options.ConnectionString);
            if (parsed.EndPoints.Count == 0)
            {
                return ValidateOptionsResult.Fail("Redis:ConnectionString names no endpoint (expected host:port).");
            }
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail($"Redis:ConnectionString is not a valid StackExchange.Redis configuration string: {ex.Message}");
        }

        return ValidateOptionsResult.Success;
    }
}
