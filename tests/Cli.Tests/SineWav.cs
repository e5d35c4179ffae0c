using System.Buffers.Binary;

namespace WhatsTheTab.Cli.Tests;

/// <summary>Writes test audio: 16-bit PCM mono WAV files of sine tones, one tone after another.</summary>
public static class SineWav
{
    public const int SampleRate = 22_050;

    /// <summary>Writes <paramref name="frequencies"/> in turn, each for <paramref name="secondsPerTone"/>, at half of full scale.</summary>
    public static string Write(string path, double secondsPerTone, params double[] frequencies)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        var samplesPerTone = (int)(secondsPerTone * SampleRate);
        var samples = new short[samplesPerTone * frequencies.Length];
        for (var tone = 0; tone < frequencies.Length; tone++)
        {
            for (var i = 0; i < samplesPerTone; i++)
            {
                var t = (double)i / SampleRate;
                samples[(tone * samplesPerTone) + i] = (short)(0.5 * short.MaxValue * Math.Sin(2 * Math.PI * frequencies[tone] * t));
            }
        }

        var dataBytes = samples.Length * sizeof(short);
        var file = new byte[44 + dataBytes];
        var span = file.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * sizeof(short));
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], sizeof(short));
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (i * sizeof(short)))..], samples[i]);
        }

        File.WriteAllBytes(path, file);
        return path;
    }
}
