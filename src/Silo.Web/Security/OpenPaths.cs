namespace WhatsTheTab.Silo.Web.Security;

/// <summary>
/// The paths that never need an API key and are never rate limited: the health probes (<c>/healthz</c>, <c>/readyz</c>)
/// and the worker endpoints under <c>/internal</c>, which the worker token guards instead.
/// </summary>
public static class OpenPaths
{
    public static bool IsOpen(PathString path) =>
        path.Equals("/healthz", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/readyz", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/internal", StringComparison.OrdinalIgnoreCase);
}
