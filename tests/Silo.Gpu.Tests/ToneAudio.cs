using WhatsTheTab.Transcription.Audio;

namespace WhatsTheTab.Silo.Gpu.Tests;

/// <summary>Audio files written by the tests themselves: a pure tone as 16-bit WAV, and bytes that are no audio at all.</summary>
internal static class ToneAudio
{
    public const int SampleRate = 22050;

    /// <summary>A sine of <paramref name="hertz"/> for <paramref name="seconds"/>, with 10 ms fades so it starts and ends cleanly.</summary>
    public static byte[] Wav(double hertz, double seconds)
    {
        var samples = new float[(int)(seconds * SampleRate)];
        var fade = SampleRate / 100;
        for (var i = 0; i < samples.Length; i++)
        {
            var envelope = Math.Min(1.0, Math.Min(i, samples.Length - 1 - i) / (double)fade);
            samples[i] = (float)(0.5 * envelope * Math.Sin(2 * Math.PI * hertz * i / SampleRate));
        }

        using var stream = new MemoryStream();
        WavWriter.Write(stream, samples, SampleRate);
        return stream.ToArray();
    }

    /// <summary>Random bytes (seeded, so every run sends the same ones) that no decoder accepts.</summary>
    public static byte[] Garbage(int length = 64 * 1024)
    {
        var bytes = new byte[length];
        new Random(20240611).NextBytes(bytes);
        return bytes;
    }
}
