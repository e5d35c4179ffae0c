namespace WhatsTheTab.Transcription.Audio;

/// <summary>Interleaved float frames at a file's native rate and channel count: what a decoder hands to the downmix/resample stage.</summary>
internal interface IFrameSource : IDisposable
{
    int SampleRate { get; }

    int Channels { get; }

    /// <summary>Fills whole frames into <paramref name="destination"/> (interleaved); returns the frame count, 0 only at the end.</summary>
    int ReadFrames(Span<float> destination);
}
