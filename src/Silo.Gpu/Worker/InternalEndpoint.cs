using WhatsTheTab.Silo.Gpu.Configuration;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>Builds the absolute URL of a web-tier internal endpoint: always the configured base address, never anything else.</summary>
public static class InternalEndpoint
{
    /// <summary>
    /// <paramref name="path"/> (an <c>InternalApi</c> path) under <see cref="WorkerOptions.WebBaseAddress"/>, keeping a
    /// path prefix of the base. Throws when the result would leave the configured host (it cannot with InternalApi's paths).
    /// </summary>
    public static Uri For(WorkerOptions options, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var baseUri = options.WebBaseUri();
        var uri = new Uri(baseUri, path.TrimStart('/'));
        if (!string.Equals(uri.GetLeftPart(UriPartial.Authority), baseUri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Refusing to call {uri.GetLeftPart(UriPartial.Authority)}: the worker only calls {baseUri.GetLeftPart(UriPartial.Authority)}.");
        }

        return uri;
    }
}
