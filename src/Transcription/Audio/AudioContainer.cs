namespace WhatsTheTab.Transcription.Audio;

/// <summary>Audio container detected from a file's content (never from its name).</summary>
public enum AudioContainer
{
    /// <summary>RIFF/WAVE (also RF64/BW64); decoded natively.</summary>
    Wav,

    /// <summary>MPEG audio (layer 1/2/3), optionally behind an ID3v2 tag.</summary>
    Mp3,

    /// <summary>Native FLAC stream.</summary>
    Flac,

    /// <summary>Ogg (Vorbis, Opus or Ogg FLAC).</summary>
    Ogg,

    /// <summary>ISO base media (M4A/MP4/MOV), usually AAC or ALAC.</summary>
    Mp4,

    /// <summary>Not recognised.</summary>
    Unknown,

    /// <summary>Raw AAC in ADTS framing.</summary>
    Aac,

    /// <summary>AIFF or AIFF-C.</summary>
    Aiff,

    /// <summary>Matroska or WebM.</summary>
    WebM,
}
