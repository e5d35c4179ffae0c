using System.Globalization;
using Microsoft.Extensions.Options;

namespace WhatsTheTab.Silo.Web.Security;

/// <summary>API keys, rate limits and back-pressure, read and validated once at start-up like <see cref="Hosting.WebSiloSettings"/>.</summary>
public sealed class SecuritySettings
{
    public required AuthOptions Auth { get; init; }

    public required RateLimitOptions RateLimits { get; init; }

    public required BackPressureOptions BackPressure { get; init; }

    /// <summary>Reads every setting; throws <see cref="OptionsValidationException"/> listing every problem.</summary>
    public static SecuritySettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var failures = new List<string>();
        var auth = ReadAuth(configuration, failures);
        var rates = new RateLimitOptions();
        configuration.GetSection(RateLimitOptions.SectionName).Bind(rates);
        var backPressure = new BackPressureOptions();
        configuration.GetSection(BackPressureOptions.SectionName).Bind(backPressure);

        if (rates.UploadsPerMinute <= 0)
        {
            failures.Add("RateLimits:UploadsPerMinute (RateLimits__UploadsPerMinute) must be a positive number of uploads per minute.");
        }

        if (rates.ReadsPerMinute <= 0)
        {
            failures.Add("RateLimits:ReadsPerMinute (RateLimits__ReadsPerMinute) must be a positive number of requests per minute.");
        }

        if (backPressure.MaxQueueDepth <= 0)
        {
            failures.Add("Uploads:MaxQueueDepth (Uploads__MaxQueueDepth) must be a positive number of queued jobs.");
        }

        if (backPressure.RetryAfterSeconds <= 0)
        {
            failures.Add("Uploads:RetryAfterSeconds (Uploads__RetryAfterSeconds) must be a positive number of seconds.");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(nameof(SecuritySettings), typeof(SecuritySettings), failures);
        }

        return new SecuritySettings { Auth = auth, RateLimits = rates, BackPressure = backPressure };
    }

    private static AuthOptions ReadAuth(IConfiguration configuration, List<string> failures)
    {
        var section = configuration.GetSection(AuthOptions.SectionName);
        var keys = new List<ApiKey>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in section.GetSection("ApiKeys").GetChildren())
        {
            var where = $"Auth:ApiKeys:{entry.Key} (Auth__ApiKeys__{entry.Key})";
            string? id;
            string? key;
            if (entry.Value is { } text)
            {
                var separator = text.IndexOfAny([':', '=']);
                id = separator > 0 ? text[..separator].Trim() : null;
                key = separator > 0 ? text[(separator + 1)..].Trim() : null;
            }
            else
            {
                id = entry["Id"]?.Trim();
                key = entry["Key"]?.Trim();
            }

            // Never echo the secret in a message.
            if (string.IsNullOrEmpty(id) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@'))
            {
                failures.Add($"{where} needs an id of letters, digits, '-', '_', '.' or '@' before the key: 'id:key', or Id and Key.");
                continue;
            }

            if (string.IsNullOrEmpty(key) || key.Length < AuthOptions.MinKeyLength)
            {
                failures.Add($"{where}: the key of '{id}' must be at least {AuthOptions.MinKeyLength.ToString(CultureInfo.InvariantCulture)} characters.");
                continue;
            }

            if (!ids.Add(id))
            {
                failures.Add($"{where}: the id '{id}' is listed twice.");
                continue;
            }

            if (!secrets.Add(key))
            {
                failures.Add($"{where}: the key of '{id}' is the same as another id's key.");
                continue;
            }

            keys.Add(new ApiKey(id, ApiKeyRing.Hash(key)));
        }

        bool? requireKeys = null;
        var requireText = section["RequireKeys"];
        if (!string.IsNullOrWhiteSpace(requireText))
        {
            if (bool.TryParse(requireText.Trim(), out var parsed))
            {
                requireKeys = parsed;
            }
            else
            {
                failures.Add("Auth:RequireKeys (Auth__RequireKeys) must be true or false.");
            }
        }

        var auth = new AuthOptions { Keys = keys, RequireKeysSetting = requireKeys, Profile = configuration[AuthOptions.ProfileKey] };
        if (auth.IsProduction && requireKeys == false)
        {
            failures.Add("Auth:RequireKeys (Auth__RequireKeys) cannot be false in the production profile (Profile=Production): every public endpoint needs an API key there.");
        }

        if (auth.RequireKeys && keys.Count == 0)
        {
            var why = auth.IsProduction ? "The production profile (Profile=Production) requires API keys" : "Auth:RequireKeys is true";
            failures.Add($"{why}, but no key is configured: set Auth__ApiKeys__0=<id>:<key> (a key of {AuthOptions.MinKeyLength.ToString(CultureInfo.InvariantCulture)}+ characters) or Auth__ApiKeys__0__Id and Auth__ApiKeys__0__Key.");
        }

        return auth;
    }
}
