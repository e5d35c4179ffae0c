using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace WhatsTheTab.Silo.Web.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> against the <see cref="ApiKeyRing"/>: the user's name is the
/// key's id. No header → anonymous; an unknown key → failure. A challenge answers 401 problem+json with
/// <c>WWW-Authenticate: Bearer</c>. Keys are never logged or echoed.
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    private const string BearerPrefix = "Bearer ";
    private const string Realm = "whatsthetab";

    private readonly ApiKeyRing _keys;
    private readonly IProblemDetailsService _problems;

    public ApiKeyAuthenticationHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing keys, IProblemDetailsService problems)
        : base(options, logger, encoder)
    {
        _keys = keys;
        _problems = problems;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers.Count == 0 || string.IsNullOrEmpty(headers[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var header = headers[0]!;
        if (headers.Count != 1 || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            LogRefused(Logger, Request.Path, "not a bearer key");
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header must be 'Bearer <key>'."));
        }

        var id = _keys.Find(header[BearerPrefix.Length..].Trim());
        if (id is null)
        {
            LogRefused(Logger, Request.Path, "unknown key");
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, id), new Claim(ClaimTypes.NameIdentifier, id)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = Request.Headers.Authorization.Count > 0;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = presented
            ? $"Bearer realm=\"{Realm}\", error=\"invalid_token\""
            : $"Bearer realm=\"{Realm}\"";
        await _problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = presented ? "API key refused" : "API key required",
                Detail = presented
                    ? "The API key in the Authorization header is not valid for this deployment."
                    : "This endpoint needs an API key: send 'Authorization: Bearer <key>'.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API request to {Path} not authenticated: {Problem}")]
    private static partial void LogRefused(ILogger logger, PathString path, string problem);
}
