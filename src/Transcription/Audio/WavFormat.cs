namespace WhatsTheTab.Transcription.Audio;

/// <summary>A parsed WAV header: how the samples are encoded and where they lie.</summary>
/// <param name="Encoding">Sample encoding.</param>
/// <param name="Channels">Interleaved channels per frame.</param>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="BitsPerSample">Meaningful bits per sample (the valid bits of an extensible header).</param>
/// <param name="BlockAlign">Bytes per frame.</param>
/// <param name="DataOffset">Byte offset of the first sample.</param>
/// <param name="DataLength">Bytes of audio to read; null means up to the end of the stream (streaming writers).</param>
/// <param name="Truncated">The header declares more data than the file holds.</param>
internal sealed record WavFormat(
    WavSampleEncoding Encoding,
    int Channels,
    int SampleRate,
    int BitsPerSample,
    int BlockAlign,
    long DataOffset,
    long? DataLength,
    bool Truncated)
{
    /// <summary>Whole frames available, if the data length is known.</summary>
    public long? FrameCount => DataLength / BlockAlign;

    /// <summary>Codec name in ffmpeg's vocabulary.</summary>
    public string Codec => Encoding switch
    {
        WavSampleEncoding.PcmUnsigned8 => "pcm_u8",
        WavSampleEncoding.PcmSigned16 => "pcm_s16le",
        WavSampleEncoding.PcmSigned24 => "pcm_s24le",
        WavSampleEncoding.PcmSigned32 => "pcm_s32le",
        WavSampleEncoding.Float32 => "pcm_f32le",
        WavSampleEncoding.Float64 => "pcm_f64le",
        WavSampleEncoding.MuLaw => "pcm_mulaw",
        _ => "pcm_alaw",
    };

    /// <summary>Describes the file for callers.</summary>
    public AudioInfo ToInfo() =>
        new(AudioContainer.Wav, SampleRate, Channels, BitsPerSample, FrameCount is { } frames ? (double)frames / SampleRate : null, Codec)
        {
            Truncated = Truncated,
        };
}
