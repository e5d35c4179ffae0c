using System.Buffers.Binary;
using System.Text;
using WhatsTheTab.Silo.Web.Tests.Api;

namespace WhatsTheTab.Silo.Web.Tests.BadInput;

/// <summary>Files that are not what their names say, and WAVs that are cut off, lie about their sizes or use encodings the decoder refuses.</summary>
internal static class BadFiles
{
    public static byte[] Html() => Encoding.UTF8.GetBytes("<!DOCTYPE html>\n<html><head><title>song</title></head><body><p>not audio</p></body></html>\n");

    public static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    /// <summary>An empty ZIP archive's local-file and end-of-central-directory records.</summary>
    public static byte[] Zip()
    {
        var bytes = new byte[128];
        "PK\u0003\u0004"u8.CopyTo(bytes);
        "PK\u0005\u0006"u8.CopyTo(bytes.AsSpan(100));
        return bytes;
    }

    /// <summary><paramref name="magic"/> (an audio container's signature) followed by 2 KiB of bytes that are not that container.</summary>
    public static byte[] MagicThenGarbage(string magic)
    {
        var bytes = new byte[2048 + magic.Length];
        Encoding.Latin1.GetBytes(magic).CopyTo(bytes, 0);
        for (var i = magic.Length; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((i * 7) + 3);
        }

        return bytes;
    }

    /// <summary>The first <paramref name="length"/> bytes of a valid half-second WAV.</summary>
    public static byte[] WavCutAt(int length) => TestAudio.Wav(0.5)[..length];

    /// <summary>A 44-byte WAV whose data chunk (and RIFF size) declare a second of samples that are not there.</summary>
    public static byte[] WavDataSizeLies()
    {
        var bytes = TestAudio.Wav(0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 36 + 16000);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), 16000);
        return bytes;
    }

    /// <summary>A half-second WAV whose data chunk (and RIFF size) declare 10 seconds.</summary>
    public static byte[] WavDataSizeLargerThanSamples()
    {
        var bytes = TestAudio.Wav(0.5);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 36 + 160000);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), 160000);
        return bytes;
    }

    /// <summary>A valid WAV whose RIFF size claims the file ends inside its own header.</summary>
    public static byte[] WavRiffSizeTooSmall() => With(TestAudio.Wav(0.5), 4, 4);

    /// <summary>A valid header with a data chunk of 0 samples.</summary>
    public static byte[] WavNoSamples() => TestAudio.Wav(0);

    /// <summary>A WAV whose fmt chunk says IMA ADPCM (format tag 0x11), which the decoder does not support.</summary>
    public static byte[] WavAdpcm()
    {
        var bytes = TestAudio.Wav(0.5);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(20), 0x11);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(34), 4);
        return bytes;
    }

    /// <summary>A WAV whose fmt chunk declares 0 channels.</summary>
    public static byte[] WavZeroChannels()
    {
        var bytes = TestAudio.Wav(0.5);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(22), 0);
        return bytes;
    }

    /// <summary>A WAV whose fmt chunk declares a sample rate of 0 Hz.</summary>
    public static byte[] WavZeroSampleRate() => With(TestAudio.Wav(0.5), 24, 0);

    private static byte[] With(byte[] bytes, int offset, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), value);
        return bytes;
    }
}
