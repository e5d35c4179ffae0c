using System.Buffers.Binary;
using System.Text;

namespace WhatsTheTab.Transcription.Tests.Output;

/// <summary>Reads 16-bit PCM WAV files (any channel count, extra chunks skipped) for assertions; channels are mixed to mono.</summary>
internal static class WavTestReader
{
    public static short[] ReadPcm16(byte[] file, out int sampleRate, out int channels)
    {
        Assert.Equal("RIFF", Encoding.ASCII.GetString(file, 0, 4));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(file, 8, 4));
        sampleRate = 0;
        channels = 0;
        int position = 12;
        while (position + 8 <= file.Length)
        {
            string id = Encoding.ASCII.GetString(file, position, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(position + 4));
            int body = position + 8;
            if (id == "fmt ")
            {
                channels = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(body + 2));
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(body + 4));
                Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(body + 14)));
            }
            else if (id == "data")
            {
                Assert.True(channels > 0, "fmt chunk must precede data");
                int frames = Math.Min(size, file.Length - body) / (2 * channels);
                short[] mono = new short[frames];
                for (int i = 0; i < frames; i++)
                {
                    int sum = 0;
                    for (int c = 0; c < channels; c++)
                    {
                        sum += BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(body + (((i * channels) + c) * 2)));
                    }

                    mono[i] = (short)(sum / channels);
                }

                return mono;
            }

            position = body + size + (size & 1);
        }

        throw new InvalidDataException("No data chunk.");
    }
}
