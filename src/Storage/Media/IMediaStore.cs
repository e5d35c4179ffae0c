namespace WhatsTheTab.Storage.Media;

/// <summary>
/// Where uploaded audio and results (MIDI, notes JSON) live. Content streams in and out with bounded memory; the store
/// generates every key (<c>{kind}/{32 hex digits}</c>, see <see cref="MediaKey"/>) and rejects any other key on read,
/// so a key taken from a request can never reach outside the store.
/// </summary>
public interface IMediaStore
{
    /// <summary>
    /// Streams <paramref name="content"/> (read to its end) into a new item of <paramref name="kind"/>
    /// (lower-case letters, digits and '-', for example <c>audio</c>) and returns its key, size and SHA-256.
    /// Nothing is visible under the key unless the whole stream was stored.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> or <paramref name="contentType"/> is not valid.</exception>
    Task<MediaRef> SaveAsync(string kind, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>Opens the item for streaming reads (seekable, with its length and content type); null when there is none.</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not a key this store could have generated.</exception>
    Task<MediaContent?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the item; false when there was none.</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not a key this store could have generated.</exception>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Whether the item exists.</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not a key this store could have generated.</exception>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);
}
