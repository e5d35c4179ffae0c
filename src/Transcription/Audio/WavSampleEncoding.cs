namespace WhatsTheTab.Transcription.Audio;

/// <summary>Sample encodings the native WAV reader decodes.</summary>
internal enum WavSampleEncoding
{
    PcmUnsigned8,
    PcmSigned16,
    PcmSigned24,
    PcmSigned32,
    Float32,
    Float64,
    MuLaw,
    ALaw,
}
