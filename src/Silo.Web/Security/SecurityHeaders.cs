namespace WhatsTheTab.Silo.Web.Security;

/// <summary>
/// Adds the security headers to every response (set when the response starts, so error pages get them too):
/// nosniff, no framing, no referrer, and a Content-Security-Policy: nothing at all for the API's JSON, and for the
/// dashboard (a React app served from this origin, no frames) scripts, styles, images and XHR from this origin only.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy for API responses: they load nothing and may not be framed.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The policy for <c>/dashboard</c>; inline styles are allowed because the dashboard sets style attributes.</summary>
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>Adds the headers middleware; put it first so every response, errors included, carries them.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/dashboard", StringComparison.OrdinalIgnoreCase)
                    ? DashboardPolicy
                    : ApiPolicy;
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
    }
}
