using Microsoft.Extensions.Options;
using Npgsql;

namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>Checks that a configured PostgreSQL connection string parses and names a host.</summary>
public sealed class PostgresOptionsValidator : IValidateOptions<PostgresOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return string.IsNullOrWhiteSpace(parsed.Host)
                ? ValidateOptionsResult.Fail("ConnectionStrings:Postgres (ConnectionStrings__Postgres) names no Host.")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            // the message names the bad keyword, never a value, so no password reaches the log
            return ValidateOptionsResult.Fail($"ConnectionStrings:Postgres (ConnectionStrings__Postgres) is not a valid Npgsql connection string: {e.Message}");
        }
    }
}
