using WhatsTheTab.Transcription.Inference;
using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Transcription.Output;

/// <summary>Renders notes to audio for listening checks: additive sines (3 harmonics), short attack and release, velocity-scaled, pitch bends followed.</summary>
public static class Sonifier
{
    public const int DefaultSampleRate = Framing.SampleRate;

    private const double AttackSeconds = 0.005;
    private const double ReleaseSeconds = 0.05;

    // Headroom per note so a few simultaneous notes rarely need the final normalisation.
    private const double NoteGain = 0.25;
    private const float Ceiling = 0.99f;

    private static readonly double[] Harmonics = [1.0, 0.5, 0.25];

    /// <summary>Mono samples in [-1, 1], long enough for the last note's release; notes whose end is not after their start are silent.</summary>
    public static float[] Render(IReadOnlyList<NoteEvent> notes, int sampleRate = DefaultSampleRate)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 768_000);

        double duration = 0;
        foreach (NoteEvent note in notes)
        {
            if (IsAudible(note))
            {
                duration = Math.Max(duration, note.EndSeconds + ReleaseSeconds);
            }
        }

        double length = Math.Ceiling(duration * sampleRate);
        if (length > Array.MaxLength)
        {
            throw new ArgumentException("The notes are too long to render into one buffer.", nameof(notes));
        }

        float[] output = new float[(int)length];
        foreach (NoteEvent note in notes)
        {
            if (IsAudible(note))
            {
                RenderNote(output, note, sampleRate);
            }
        }

        float peak = 0;
        foreach (float sample in output)
        {
            peak = Math.Max(peak, Math.Abs(sample));
        }

        if (peak > Ceiling)
        {
            float scale = Ceiling / peak;
            for (int i = 0; i < output.Length; i++)
            {
                output[i] *= scale;
            }
        }

        return output;
    }

    public static void WriteWav(string path, IReadOnlyList<NoteEvent> notes, int sampleRate = DefaultSampleRate)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = File.Create(path);
        WriteWav(stream, notes, sampleRate);
    }

    /// <summary>Renders and writes a 16-bit PCM mono WAV to <paramref name="destination"/>, leaving it open.</summary>
    public static void WriteWav(Stream destination, IReadOnlyList<NoteEvent> notes, int sampleRate = DefaultSampleRate)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Audio.WavWriter.Write(destination, Render(notes, sampleRate), sampleRate);
    }

    private static bool IsAudible(NoteEvent note) =>
        double.IsFinite(note.StartSeconds) && double.IsFinite(note.EndSeconds) && note.EndSeconds > note.StartSeconds && note.StartSeconds >= 0;

    private static void RenderNote(float[] output, NoteEvent note, int sampleRate)
    {
        int start = (int)Math.Round(note.StartSeconds * sampleRate);
        int sustain = Math.Max(1, (int)Math.Round(note.EndSeconds * sampleRate) - start);
        int release = Math.Max(1, (int)Math.Round(ReleaseSeconds * sampleRate));
        int attack = Math.Max(1, (int)Math.Round(AttackSeconds * sampleRate));
        int length = Math.Min(sustain + release, output.Length - start);
        double gain = NoteGain * note.Velocity / 127.0 / Harmonics.Sum();
        double nyquist = sampleRate / 2.0;
        IReadOnlyList<int>? bends = note.PitchBends is { Count: > 0 } b ? b : null;
        double steadyFrequency = PitchGrid.MidiToHz(note.Pitch);

        Span<float> target = output.AsSpan(start, length);
        double phase = 0;
        for (int n = 0; n < target.Length; n++)
        {
            double frequency = bends is null ? steadyFrequency : BentFrequency(note.Pitch, bends, (double)n / sustain);
            double envelope = Math.Min(1.0, (double)n / attack);
            if (n >= sustain)
            {
                envelope *= 1.0 - ((double)(n - sustain) / release);
            }

            // sin 2φ and sin 3φ from sin φ and cos φ: one SinCos per sample instead of three sines.
            (double sin, double cos) = Math.SinCos(phase);
            double value = Harmonics[0] * sin;
            if (2 * frequency < nyquist)
            {
                value += Harmonics[1] * 2 * sin * cos;
            }

            if (3 * frequency < nyquist)
            {
                value += Harmonics[2] * sin * (3 - (4 * sin * sin));
            }

            target[n] += (float)(gain * envelope * value);
            phase += 2 * Math.PI * frequency / sampleRate;
            if (phase >= 2 * Math.PI)
            {
                phase -= 2 * Math.PI;
            }
        }
    }

    /// <summary>Frequency at a fraction of the note's length, bends (thirds of a semitone, spread evenly over the note) interpolated linearly.</summary>
    private static double BentFrequency(int pitch, IReadOnlyList<int> bends, double position)
    {
        double bend;
        if (bends.Count == 1 || position <= 0)
        {
            bend = bends[0];
        }
        else if (position >= 1)
        {
            bend = bends[^1];
        }
        else
        {
            double index = position * (bends.Count - 1);
            int below = (int)index;
            double fraction = index - below;
            bend = (bends[below] * (1 - fraction)) + (bends[below + 1] * fraction);
        }

        return PitchGrid.MidiToHz(pitch + (bend / PitchGrid.ContourBinsPerSemitone));
    }
}
