namespace WhatsTheTab.Storage.Media;

/// <summary>A stored media item: what <see cref="IMediaStore.SaveAsync"/> returns and grain state keeps.</summary>
/// <param name="Key">The store-generated key, <c>{kind}/{32 hex digits}</c>.</param>
/// <param name="Kind">The kind it was saved under (<c>audio</c>, <c>midi</c>, <c>notes</c>, …).</param>
/// <param name="ContentType">The media type given when saving.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Sha256">SHA-256 of the content, 64 lower-case hex digits.</param>
/// <param name="CreatedAt">When it was stored.</param>
public sealed record MediaRef(string Key, string Kind, string ContentType, long Size, string Sha256, DateTimeOffset CreatedAt);
