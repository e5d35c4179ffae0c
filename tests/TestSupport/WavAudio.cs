using NAudio.Wave;

namespace WhatsTheTab.TestSupport;

/// <summary>Reads WAV files for test checks (channels averaged to mono).</summary>
public sealed class WavAudio
{
    private WavAudio(float[] samples, int sampleRate, int channels)
    {
        Samples = samples;
        SampleRate = sampleRate;
        Channels = channels;
    }

    /// <summary>Mono samples in [-1, 1].</summary>
    public IReadOnlyList<float> Samples { get; }

    public int SampleRate { get; }

    /// <summary>Channel count of the file (before the mono mix).</summary>
    public int Channels { get; }

    public double DurationSeconds => (double)Samples.Count / SampleRate;

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static WavAudio Read(string path)
    {
        using var reader = new WaveFileReader(path);
        var provider = reader.ToSampleProvider();
        var channels = provider.WaveFormat.Channels;
        var interleaved = new List<float>((int)Math.Min(int.MaxValue / 2, reader.SampleCount * channels));
        var buffer = new float[8192 * channels];
        int read;
        while ((read = provider.Read(buffer.AsSpan())) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                interleaved.Add(buffer[i]);
            }
        }

        var frames = interleaved.Count / channels;
        var mono = new float[frames];
        for (var f = 0; f < frames; f++)
        {
            var sum = 0f;
            for (var c = 0; c < channels; c++)
            {
                sum += interleaved[(f * channels) + c];
            }

            mono[f] = sum / channels;
        }

        return new WavAudio(mono, provider.WaveFormat.SampleRate, channels);
    }

    /// <summary>Largest absolute sample value.</summary>
    public double Peak()
    {
        var peak = 0.0;
        foreach (var s in Samples)
        {
            peak = Math.Max(peak, Math.Abs(s));
        }

        return peak;
    }

    /// <summary>Time in seconds of the first sample whose magnitude reaches <paramref name="relativeThreshold"/> × the peak, or null for silence.</summary>
    public double? FirstSoundSeconds(double relativeThreshold = 0.01)
    {
        var peak = Peak();
        if (peak <= 0)
        {
            return null;
        }

        for (var i = 0; i < Samples.Count; i++)
        {
            if (Math.Abs(Samples[i]) >= relativeThreshold * peak)
            {
                return (double)i / SampleRate;
            }
        }

        return null;
    }

    /// <summary>Time in seconds just after the last sample whose magnitude reaches <paramref name="relativeThreshold"/> × the peak.</summary>
    public double LastSoundSeconds(double relativeThreshold = 0.001)
    {
        var peak = Peak();
        for (var i = Samples.Count - 1; i >= 0; i--)
        {
            if (Math.Abs(Samples[i]) >= relativeThreshold * peak && peak > 0)
            {
                return (double)(i + 1) / SampleRate;
            }
        }

        return 0;
    }
}
