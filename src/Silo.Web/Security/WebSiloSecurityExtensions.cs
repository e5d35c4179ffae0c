using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace WhatsTheTab.Silo.Web.Security;

/// <summary>The web silo's security wiring: API-key authentication, the key requirement, rate limits, back-pressure, headers.</summary>
public static class WebSiloSecurityExtensions
{
    public static IServiceCollection AddWebSiloSecurity(this IServiceCollection services, SecuritySettings security)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(security);
        var keys = new ApiKeyRing(security.Auth.Keys);
        var required = security.Auth.RequireKeys;
        services.AddSingleton(security);
        services.AddSingleton(keys);
        services.AddSingleton(security.BackPressure);
        services.AddSingleton<QueueDepthGate>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        // Every endpoint without its own authorization metadata: open paths always pass; otherwise a valid key, or, when
        // keys are not required, an anonymous caller that presented no key (a wrong key is refused either way).
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAssertion(context =>
                context.User.Identity?.IsAuthenticated == true
                || (context.Resource is HttpContext http
                    && (OpenPaths.IsOpen(http.Request.Path) || (!required && (!keys.Any || http.Request.Headers.Authorization.Count == 0)))))
            .Build());

        services.AddRateLimiter(o => ApiRateLimits.Configure(o, security.RateLimits));
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        return services;
    }

    /// <summary>
    /// The request pipeline's security steps, in order: routing (so the steps know the endpoint), authentication, the
    /// rate limiter (after authentication: it partitions by key), authorization (401 without a valid key), back-pressure.
    /// Call <see cref="SecurityHeaders.UseSecurityHeaders"/> first, before the exception handler.
    /// </summary>
    public static IApplicationBuilder UseWebSiloSecurity(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseQueueBackPressure();
        return app;
    }
}
