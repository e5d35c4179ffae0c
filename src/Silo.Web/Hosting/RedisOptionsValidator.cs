using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>Checks that a configured Redis connection string parses and names at least one endpoint.</summary>
public sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            var parsed = ConfigurationOptions.Parse(options.ConnectionString);
            return parsed.EndPoints.Count == 0
                ? ValidateOptionsResult.Fail("Redis:ConnectionString (Redis__ConnectionString) names no endpoint; expected 'host:port[,password=…]'.")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"Redis:ConnectionString (Redis__ConnectionString) is not a valid StackExchange.Redis configuration string: {e.Message}");
        }
    }
}
