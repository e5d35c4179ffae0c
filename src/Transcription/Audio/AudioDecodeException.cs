namespace WhatsTheTab.Transcription.Audio;

/// <summary>A typed audio decoding failure; <see cref="Kind"/> says what went wrong, the message says it in words a user understands.</summary>
public sealed class AudioDecodeException : Exception
{
    public AudioDecodeException(AudioErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    /// <summary>The category of the failure.</summary>
    public AudioErrorKind Kind { get; }
}
