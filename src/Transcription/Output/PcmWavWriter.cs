using System.Buffers;
using System.Buffers.Binary;

namespace WhatsTheTab.Transcription.Output;

/// <summary>Writes mono float samples as a 16-bit PCM RIFF/WAVE file in one forward pass (no seeking needed).</summary>
internal static class PcmWavWriter
{
    private const int HeaderBytes = 44;

    public static void Write(Stream destination, ReadOnlySpan<float> samples, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        long dataBytes = (long)samples.Length * sizeof(short);
        if (dataBytes > uint.MaxValue - HeaderBytes)
        {
            throw new ArgumentException("Too many samples for a WAV file.", nameof(samples));
        }

        Span<byte> header = stackalloc byte[HeaderBytes];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(dataBytes + HeaderBytes - 8));
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], 1); // mono
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)sampleRate * sizeof(short));
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], sizeof(short));
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], (uint)dataBytes);
        destination.Write(header);

        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int perChunk = buffer.Length / sizeof(short);
            for (int offset = 0; offset < samples.Length; offset += perChunk)
            {
                ReadOnlySpan<float> chunk = samples.Slice(offset, Math.Min(perChunk, samples.Length - offset));
                for (int i = 0; i < chunk.Length; i++)
                {
                    short value = (short)Math.Round(Math.Clamp(chunk[i], -1f, 1f) * short.MaxValue);
                    BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(i * sizeof(short)), value);
                }

                destination.Write(buffer, 0, chunk.Length * sizeof(short));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
