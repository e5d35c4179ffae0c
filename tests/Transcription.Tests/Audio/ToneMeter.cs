namespace WhatsTheTab.Transcription.Tests.Audio;

/// <summary>Measures levels and tone amplitudes of test output.</summary>
internal static class ToneMeter
{
    public static double Rms(ReadOnlySpan<float> samples)
    {
        var sum = 0.0;
        foreach (var sample in samples)
        {
            sum += (double)sample * sample;
        }

        return Math.Sqrt(sum / samples.Length);
    }

    public static double Decibels(double ratio) => 20 * Math.Log10(ratio);

    /// <summary>Amplitude of the sinusoid at <paramref name="frequency"/> (Goertzel over a Hann window, so off-bin tones still read true).</summary>
    public static double Amplitude(ReadOnlySpan<float> samples, double frequency, int sampleRate)
    {
        var omega = 2 * Math.PI * frequency / sampleRate;
        var coefficient = 2 * Math.Cos(omega);
        double previous = 0, beforePrevious = 0, windowSum = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var window = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / (samples.Length - 1)));
            windowSum += window;
            var current = (samples[i] * window) + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        var real = previous - (beforePrevious * Math.Cos(omega));
        var imaginary = beforePrevious * Math.Sin(omega);
        return 2 * Math.Sqrt((real * real) + (imaginary * imaginary)) / windowSum;
    }
}
