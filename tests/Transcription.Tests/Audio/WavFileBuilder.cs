using System.Buffers.Binary;
using System.Text;

namespace WhatsTheTab.Transcription.Tests.Audio;

/// <summary>Builds WAV files byte by byte, including the malformed and unusual ones real writers produce.</summary>
internal sealed class WavFileBuilder
{
    public int FormatTag { get; init; } = 1;

    public int Channels { get; init; } = 1;

    public int SampleRate { get; init; } = 44100;

    public int BitsPerSample { get; init; } = 16;

    /// <summary>Writes a 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk whose sub-format carries <see cref="FormatTag"/>.</summary>
    public bool Extensible { get; init; }

    public int? BlockAlign { get; init; }

    public string RiffId { get; init; } = "RIFF";

    public string FormType { get; init; } = "WAVE";

    public uint? RiffSize { get; init; }

    public uint? DataSize { get; init; }

    public bool DataBeforeFormat { get; init; }

    public bool OmitData { get; init; }

    public IReadOnlyList<(string Id, byte[] Body)> ChunksBeforeFormat { get; init; } = [];

    public IReadOnlyList<(string Id, byte[] Body)> ChunksBeforeData { get; init; } = [];

    public IReadOnlyList<(string Id, byte[] Body)> ChunksAfterData { get; init; } = [];

    /// <summary>Encodes interleaved samples in [−1, 1] for a PCM (1) or float (3) tag.</summary>
    public static byte[] Encode(ReadOnlySpan<float> interleaved, int formatTag, int bitsPerSample)
    {
        var bytesPerSample = bitsPerSample / 8;
        var data = new byte[interleaved.Length * bytesPerSample];
        for (var i = 0; i < interleaved.Length; i++)
        {
            var span = data.AsSpan(i * bytesPerSample);
            double x = interleaved[i];
            switch (formatTag, bitsPerSample)
            {
                case (1, 8):
                    span[0] = (byte)Math.Clamp(Math.Round(x * 128) + 128, 0, 255);
                    break;
                case (1, 16):
                    BinaryPrimitives.WriteInt16LittleEndian(span, (short)Math.Clamp(Math.Round(x * 32768), short.MinValue, short.MaxValue));
                    break;
                case (1, 24):
                    var v24 = (int)Math.Clamp(Math.Round(x * 8388608), -8388608, 8388607);
                    span[0] = (byte)v24;
                    span[1] = (byte)(v24 >> 8);
                    span[2] = (byte)(v24 >> 16);
                    break;
                case (1, 32):
                    BinaryPrimitives.WriteInt32LittleEndian(span, (int)Math.Clamp(Math.Round(x * 2147483648.0), int.MinValue, int.MaxValue));
                    break;
                case (3, 32):
                    BinaryPrimitives.WriteSingleLittleEndian(span, (float)x);
                    break;
                case (3, 64):
                    BinaryPrimitives.WriteDoubleLittleEndian(span, x);
                    break;
                default:
                    throw new ArgumentException($"No encoder for tag {formatTag} with {bitsPerSample} bits.");
            }
        }

        return data;
    }

    public byte[] Build(ReadOnlySpan<byte> data)
    {
        using var body = new MemoryStream();
        foreach (var (id, chunk) in ChunksBeforeFormat)
        {
            WriteChunk(body, id, chunk);
        }

        if (DataBeforeFormat)
        {
            WriteChunk(body, "data", data.ToArray(), DataSize);
            WriteChunk(body, "fmt ", FormatChunk());
        }
        else
        {
            WriteChunk(body, "fmt ", FormatChunk());
            foreach (var (id, chunk) in ChunksBeforeData)
            {
                WriteChunk(body, id, chunk);
            }

            if (!OmitData)
            {
                WriteChunk(body, "data", data.ToArray(), DataSize);
            }
        }

        foreach (var (id, chunk) in ChunksAfterData)
        {
            WriteChunk(body, id, chunk);
        }

        using var file = new MemoryStream();
        file.Write(Encoding.ASCII.GetBytes(RiffId));
        WriteUInt32(file, RiffSize ?? (uint)(body.Length + 4));
        file.Write(Encoding.ASCII.GetBytes(FormType));
        body.Position = 0;
        body.CopyTo(file);
        return file.ToArray();
    }

    private static void WriteChunk(Stream stream, string id, byte[] body, uint? declaredSize = null)
    {
        stream.Write(Encoding.ASCII.GetBytes(id));
        WriteUInt32(stream, declaredSize ?? (uint)body.Length);
        stream.Write(body);
        if ((body.Length & 1) != 0)
        {
            stream.WriteByte(0);
        }
    }

    private static void WriteUInt32(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private byte[] FormatChunk()
    {
        var blockAlign = BlockAlign ?? (Channels * BitsPerSample / 8);
        var chunk = new byte[Extensible ? 40 : 16];
        BinaryPrimitives.WriteUInt16LittleEndian(chunk, (ushort)(Extensible ? 0xFFFE : FormatTag));
        BinaryPrimitives.WriteUInt16LittleEndian(chunk.AsSpan(2), (ushort)Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(8), (uint)(SampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(chunk.AsSpan(12), (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(chunk.AsSpan(14), (ushort)BitsPerSample);
        if (Extensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(chunk.AsSpan(16), 22);
            BinaryPrimitives.WriteUInt16LittleEndian(chunk.AsSpan(18), (ushort)BitsPerSample);
            BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(20), Channels == 6 ? 0x3Fu : 0u);
            BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(24), (uint)FormatTag);
            byte[] tail = [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
            tail.CopyTo(chunk.AsSpan(28));
        }

        return chunk;
    }
}
