namespace WhatsTheTab.Storage.Media;

/// <summary>The sidecar <c>{guid}.json</c> that <see cref="FileSystemMediaStore"/> keeps next to each item's bytes.</summary>
internal sealed record FileSystemMediaMetadata(string Kind, string ContentType, long Size, string Sha256, DateTimeOffset CreatedAt);
