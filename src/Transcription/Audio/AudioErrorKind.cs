namespace WhatsTheTab.Transcription.Audio;

/// <summary>Why an audio file could not be decoded; lets callers map failures to user-facing answers (404, 415, 422…).</summary>
public enum AudioErrorKind
{
    /// <summary>The file does not exist or cannot be opened.</summary>
    NotFound,

    /// <summary>The file has zero bytes.</summary>
    Empty,

    /// <summary>The content is not a known audio container, whatever the file name says.</summary>
    UnrecognizedFormat,

    /// <summary>The container header is malformed (impossible values, missing chunks).</summary>
    InvalidHeader,

    /// <summary>The file ends before any audio sample could be read.</summary>
    Truncated,

    /// <summary>The container is known but its sample encoding is not supported.</summary>
    UnsupportedEncoding,

    /// <summary>The header is valid but there are no samples (or no audio stream).</summary>
    NoAudio,

    /// <summary>The external decoder (ffmpeg) needed for this format is not installed.</summary>
    DecoderMissing,

    /// <summary>The external decoder ran but failed; the message carries its reason.</summary>
    DecoderFailed,
}
