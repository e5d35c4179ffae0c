using System.Buffers.Binary;
using WhatsTheTab.Transcription.Audio;

namespace WhatsTheTab.Transcription.Tests.Audio;

public sealed class WavWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Write_Pcm16_WritesACanonicalHeaderAndClipsOverRange()
    {
        var path = _temp.File("out.wav");
        WavWriter.Write(path, [0f, 0.5f, -1f, 2f, -2f, float.NaN], 22050);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal(44 + 12, bytes.Length);
        Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(20)));
        Assert.Equal(22050u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(24)));
        short[] expected = [0, 16384, -32768, 32767, -32768, 0];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(44 + (2 * i))));
        }
    }

    [Fact]
    public void Write_Float32_RoundTripsThroughTheReader()
    {
        var samples = TestSignals.Noise(40000, seed: 11);
        var path = _temp.File("float.wav");
        WavWriter.Write(path, samples, 44100, bitsPerSample: 32);

        var info = AudioReader.Probe(path);
        Assert.Equal(new AudioInfo(AudioContainer.Wav, 44100, 1, 32, 40000 / 44100.0, "pcm_f32le"), info);
        Assert.Equal(samples, MonoAudioStreamExtensions.ReadAll(path, 44100));
    }

    [Fact]
    public void Write_UnsupportedBitDepth_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WavWriter.Write(_temp.File("x.wav"), [0f], 22050, bitsPerSample: 24));
    }

    [Fact]
    public void Write_IsReadableByFfmpeg()
    {
        var path = _temp.File("tone.wav");
        WavWriter.Write(path, TestSignals.Sine(440, 22050, 22050), 22050);

        var flac = FfmpegEncoder.Encode(path, _temp.File("tone.flac"));

        Assert.Equal(22050, AudioReader.Probe(flac).SampleRate);
    }
}
