using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Transcription.Tests.Output;

public sealed class SonifierTests
{
    [Fact]
    public void SingleNote_SoundsAtItsPitch()
    {
        float[] samples = Sonifier.Render([new NoteEvent(0.1, 1.1, 69, 0.8)]);

        Assert.Equal((int)Math.Ceiling(1.15 * 22050), samples.Length);
        float[] sustained = samples[(int)(0.2 * 22050)..(int)(1.0 * 22050)];
        Assert.True(Rms(sustained) > 0.05, "non-silent");
        double at440 = Goertzel(sustained, 440, 22050);
        Assert.True(at440 > 20 * Goertzel(sustained, 415.3, 22050));
        Assert.True(at440 > 20 * Goertzel(sustained, 466.2, 22050));
        Assert.True(Goertzel(sustained, 880, 22050) > 20 * Goertzel(sustained, 660, 22050), "second harmonic present");
        Assert.All(samples[..(int)(0.09 * 22050)], s => Assert.Equal(0f, s));
    }

    [Fact]
    public void PitchBends_MoveTheFrequency()
    {
        // +3 thirds of a semitone throughout: A4 bent up to A#4.
        float[] samples = Sonifier.Render([new NoteEvent(0, 1, 69, 0.8, [3, 3, 3, 3])]);
        float[] sustained = samples[(int)(0.1 * 22050)..(int)(0.9 * 22050)];

        Assert.True(Goertzel(sustained, 466.16, 22050) > 20 * Goertzel(sustained, 440, 22050));
    }

    [Fact]
    public void LouderNotes_AreLouder_AndManyNotesDoNotClip()
    {
        float[] soft = Sonifier.Render([new NoteEvent(0, 1, 60, 0.2)]);
        float[] loud = Sonifier.Render([new NoteEvent(0, 1, 60, 0.9)]);
        float[] chord = Sonifier.Render([.. Enumerable.Range(0, 30).Select(i => new NoteEvent(0, 1, 40 + (i * 2), 1.0))]);

        Assert.True(Rms(loud) > 3 * Rms(soft));
        Assert.All(chord, s => Assert.InRange(s, -0.99f, 0.99f));
        Assert.True(Rms(chord) > 0.05);
    }

    [Fact]
    public void WriteWav_Writes16BitMonoPcm()
    {
        NoteEvent[] notes = [new(0, 0.5, 64, 0.5)];
        using var stream = new MemoryStream();

        Sonifier.WriteWav(stream, notes, 16000);
        short[] pcm = WavTestReader.ReadPcm16(stream.ToArray(), out int rate, out int channels);

        Assert.Equal((16000, 1), (rate, channels));
        Assert.Equal(Sonifier.Render(notes, 16000).Length, pcm.Length);
        Assert.Equal(44 + (pcm.Length * 2), stream.Length);
        Assert.Contains(pcm, s => Math.Abs((int)s) > 1000);
    }

    [Fact]
    public void NoNotes_RenderNothing()
    {
        Assert.Empty(Sonifier.Render([]));
    }

    private static double Rms(float[] samples) => Math.Sqrt(samples.Average(s => (double)s * s));

    /// <summary>Power at one frequency (Goertzel's algorithm).</summary>
    private static double Goertzel(float[] samples, double frequency, int sampleRate)
    {
        double coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0;
        double beforePrevious = 0;
        foreach (float sample in samples)
        {
            double current = sample + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }
}
