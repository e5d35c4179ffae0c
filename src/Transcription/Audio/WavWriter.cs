using System.Buffers;
using System.Buffers.Binary;

namespace WhatsTheTab.Transcription.Audio;

/// <summary>Writes mono audio as a canonical WAV file: 16-bit PCM or 32-bit float.</summary>
public static class WavWriter
{
    private const int HeaderBytes = 44;
    private const int BlockSamples = 16 * 1024;

    /// <summary>Writes <paramref name="mono"/> to <paramref name="path"/>, replacing any existing file.</summary>
    public static void Write(string path, ReadOnlySpan<float> mono, int sampleRate, int bitsPerSample = 16)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024);
        Write(stream, mono, sampleRate, bitsPerSample);
    }

    /// <summary>Writes <paramref name="mono"/> to <paramref name="stream"/> (which stays open).</summary>
    public static void Write(Stream stream, ReadOnlySpan<float> mono, int sampleRate, int bitsPerSample = 16)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (bitsPerSample is not (16 or 32))
        {
            throw new ArgumentOutOfRangeException(nameof(bitsPerSample), bitsPerSample, "Use 16 (PCM) or 32 (float).");
        }

        var bytesPerSample = bitsPerSample / 8;
        var dataBytes = (long)mono.Length * bytesPerSample;
        if (dataBytes > uint.MaxValue - HeaderBytes)
        {
            throw new ArgumentException("Too many samples for a RIFF file (4 GiB limit).", nameof(mono));
        }

        Span<byte> header = stackalloc byte[HeaderBytes];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(dataBytes + HeaderBytes - 8));
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], (ushort)(bitsPerSample == 16 ? 1 : 3));
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)(sampleRate * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)bytesPerSample);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], (ushort)bitsPerSample);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], (uint)dataBytes);
        stream.Write(header);

        var buffer = ArrayPool<byte>.Shared.Rent(BlockSamples * bytesPerSample);
        try
        {
            while (!mono.IsEmpty)
            {
                var block = mono[..Math.Min(BlockSamples, mono.Length)];
                var bytes = buffer.AsSpan(0, block.Length * bytesPerSample);
                for (var i = 0; i < block.Length; i++)
                {
                    if (bitsPerSample == 16)
                    {
                        // Clip rather than wrap: an over-range sample becomes full scale, not a loud click of the opposite sign.
                        var value = Math.Clamp(MathF.Round(block[i] * 32768f), short.MinValue, short.MaxValue);
                        BinaryPrimitives.WriteInt16LittleEndian(bytes[(2 * i)..], (short)(float.IsNaN(value) ? 0 : value));
                    }
                    else
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(bytes[(4 * i)..], block[i]);
                    }
                }

                stream.Write(bytes);
                mono = mono[block.Length..];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
