using System.Buffers.Binary;

namespace WhatsTheTab.Silo.Web.Tests.Api;

/// <summary>Audio (and not-quite-audio) bytes for upload tests, made in memory.</summary>
public static class TestAudio
{
    /// <summary>A 16-bit mono PCM WAV of a 440 Hz tone, <paramref name="seconds"/> long.</summary>
    public static byte[] Wav(double seconds, int sampleRate = 8000, double frequency = 440)
    {
        var frames = (int)Math.Round(seconds * sampleRate);
        var data = frames * 2;
        var bytes = new byte[44 + data];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + data);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], data);
        for (var i = 0; i < frames; i++)
        {
            var sample = (short)(Math.Sin(2 * Math.PI * frequency * i / sampleRate) * 8000);
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (2 * i))..], sample);
        }

        return bytes;
    }

    /// <summary>The first 20 bytes of a WAV: RIFF/WAVE magic, then the fmt chunk cut off.</summary>
    public static byte[] TruncatedWavHeader() => Wav(0.1)[..20];

    /// <summary>Plain text; whatever it is named, it is not audio.</summary>
    public static byte[] NotAudio() => "this is a shopping list, not a recording: eggs, milk, strings for the guitar\n"u8.ToArray();
}
