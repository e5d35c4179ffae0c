namespace WhatsTheTab.Storage.Media;

/// <summary>
/// An opened media item: a read-only, seekable <see cref="Content"/> stream plus what an HTTP response needs
/// (length, content type, SHA-256 for an ETag). Owns the stream: dispose this (or the stream) when done.
/// </summary>
public sealed class MediaContent : IDisposable, IAsyncDisposable
{
    /// <summary>Wraps an opened stream; <paramref name="content"/> is disposed with this object.</summary>
    public MediaContent(string key, string contentType, long length, string sha256, Stream content)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentNullException.ThrowIfNull(sha256);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Key = key;
        ContentType = contentType;
        Length = length;
        Sha256 = sha256;
        Content = content;
    }

    /// <summary>The key it was opened by.</summary>
    public string Key { get; }

    /// <summary>The media type given when it was saved.</summary>
    public string ContentType { get; }

    /// <summary>Length in bytes.</summary>
    public long Length { get; }

    /// <summary>SHA-256 recorded when it was saved (64 lower-case hex digits).</summary>
    public string Sha256 { get; }

    /// <summary>The bytes: readable and seekable, positioned at 0.</summary>
    public Stream Content { get; }

    /// <inheritdoc />
    public void Dispose() => Content.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
