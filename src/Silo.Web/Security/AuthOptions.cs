namespace WhatsTheTab.Silo.Web.Security;

/// <summary>
/// API keys, read from section <see cref="SectionName"/> and the top-level <see cref="ProfileKey"/>. Keys are listed under
/// <c>Auth:ApiKeys</c> either as <c>id:key</c> (or <c>id=key</c>) strings (<c>Auth__ApiKeys__0=alice:secret…</c>) or as
/// <c>{ "Id": …, "Key": … }</c> objects (<c>Auth__ApiKeys__0__Id</c>, <c>Auth__ApiKeys__0__Key</c>).
/// </summary>
/// <remarks>
/// The rule: keys are required when <c>Auth:RequireKeys</c> is true, or when it is unset and either a key is configured
/// or <c>Profile</c> is <c>Production</c>. The production profile always requires keys (RequireKeys=false is refused) and
/// refuses to start without one. <c>ASPNETCORE_ENVIRONMENT</c> is not used for this: ASP.NET Core defaults it to
/// Production, so it cannot tell a deliberate production deployment from an unconfigured one.
/// </remarks>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The top-level setting naming the deployment profile (<c>Profile=Production</c>).</summary>
    public const string ProfileKey = "Profile";

    public const string ProductionProfile = "Production";

    /// <summary>Shortest accepted key secret.</summary>
    public const int MinKeyLength = 16;

    /// <summary>The configured keys (secrets already hashed).</summary>
    public required IReadOnlyList<ApiKey> Keys { get; init; }

    /// <summary><c>Auth:RequireKeys</c> as configured; null when unset.</summary>
    public bool? RequireKeysSetting { get; init; }

    /// <summary>The <c>Profile</c> setting; null when unset.</summary>
    public string? Profile { get; init; }

    /// <summary>Whether <c>Profile</c> is <c>Production</c> (case-insensitive).</summary>
    public bool IsProduction => string.Equals(Profile?.Trim(), ProductionProfile, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether every public endpoint needs a valid key (see the rule in the remarks).</summary>
    public bool RequireKeys => RequireKeysSetting ?? (Keys.Count > 0 || IsProduction);
}
