using System.Buffers.Binary;
using WhatsTheTab.Transcription.Audio;

namespace WhatsTheTab.Transcription.Tests.Audio;

public sealed class WavDecodingTests : IDisposable
{
    private const int Target = AudioReader.ModelSampleRate;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(1, 8, 44100, 1, false, "pcm_u8")]
    [InlineData(1, 16, 44100, 1, false, "pcm_s16le")]
    [InlineData(1, 24, 44100, 1, false, "pcm_s24le")]
    [InlineData(1, 32, 44100, 1, false, "pcm_s32le")]
    [InlineData(3, 32, 44100, 1, false, "pcm_f32le")]
    [InlineData(3, 64, 44100, 1, false, "pcm_f64le")]
    [InlineData(1, 16, 48000, 2, false, "pcm_s16le")]
    [InlineData(1, 16, 8000, 1, false, "pcm_s16le")]
    [InlineData(1, 24, 96000, 2, true, "pcm_s24le")]
    [InlineData(3, 32, 16000, 1, true, "pcm_f32le")]
    [InlineData(1, 16, 22050, 1, false, "pcm_s16le")]
    public void Open_PcmVariant_DecodesLengthRateAndTone(int tag, int bits, int rate, int channels, bool extensible, string codec)
    {
        var frames = rate;
        var tone = TestSignals.Sine(440, rate, frames);
        var interleaved = Interleave(tone, channels);
        var file = new WavFileBuilder { FormatTag = tag, BitsPerSample = bits, SampleRate = rate, Channels = channels, Extensible = extensible }
            .Build(WavFileBuilder.Encode(interleaved, tag, bits));
        var path = _temp.Write($"tone-{tag}-{bits}-{rate}-{channels}.wav", file);

        using var stream = AudioReader.Open(path);
        var samples = stream.ReadAll();

        Assert.Equal(Target, stream.SampleRate);
        Assert.Equal(Math.Round((double)frames * Target / rate, MidpointRounding.AwayFromZero), samples.Length);
        Assert.Equal(samples.Length, stream.LengthHint);
        Assert.Equal(new AudioInfo(AudioContainer.Wav, rate, channels, bits, 1.0, codec), stream.Source);
        AssertTone(samples, 440, 0.5, bits == 8 ? 0.1 : 0.02);
    }

    [Fact]
    public void Open_SixChannelExtensible_AveragesTheChannels()
    {
        const int rate = 48000;
        var tone = TestSignals.Sine(440, rate, rate, amplitude: 0.6);
        var interleaved = new float[rate * 6];
        for (var i = 0; i < rate; i++)
        {
            interleaved[(i * 6) + 2] = tone[i];
        }

        var file = new WavFileBuilder { FormatTag = 1, BitsPerSample = 16, SampleRate = rate, Channels = 6, Extensible = true }
            .Build(WavFileBuilder.Encode(interleaved, 1, 16));
        var path = _temp.Write("surround.wav", file);

        using var stream = AudioReader.Open(path);
        var samples = stream.ReadAll();

        Assert.Equal(6, stream.Source.Channels);
        Assert.Equal(Target, samples.Length);
        AssertTone(samples, 440, 0.1, 0.02);
    }

    [Fact]
    public void Open_StereoAtNativeRate_IsTheExactAverageOfTheChannels()
    {
        var file = new WavFileBuilder { Channels = 2, SampleRate = 8000 }
            .Build(WavFileBuilder.Encode([0.5f, -0.25f, 1f, 1f, -1f, 0f], 1, 16));
        var path = _temp.Write("stereo.wav", file);

        Assert.Equal([0.125f, 0.99996948f, -0.5f], MonoAudioStreamExtensions.ReadAll(path, 8000));
    }

    [Fact]
    public void Open_IntegerPcm_ScalesToUnitRangeExactly()
    {
        byte[] pcm8 = [0, 128, 255];
        byte[] pcm24 = [0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF];
        var pcm32 = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(pcm32, int.MinValue);
        BinaryPrimitives.WriteInt32LittleEndian(pcm32.AsSpan(4), 1 << 30);

        Assert.Equal([-1f, 0f, 127f / 128], Decode(new WavFileBuilder { BitsPerSample = 8, SampleRate = 8000 }, pcm8));
        Assert.Equal([-1f, 8388607f / 8388608, -1f / 8388608], Decode(new WavFileBuilder { BitsPerSample = 24, SampleRate = 8000 }, pcm24));
        Assert.Equal([-1f, 0.5f], Decode(new WavFileBuilder { BitsPerSample = 32, SampleRate = 8000 }, pcm32));
    }

    [Fact]
    public void Open_MuLawAndALaw_DecodeTheG711Tables()
    {
        byte[] codes = [0xFF, 0x80, 0x00];
        Assert.Equal([0f, 32124f / 32768, -32124f / 32768], Decode(new WavFileBuilder { FormatTag = 7, BitsPerSample = 8, SampleRate = 8000 }, codes));
        byte[] aLaw = [0xD5, 0x55, 0xAA];
        Assert.Equal([8f / 32768, -8f / 32768, 32256f / 32768], Decode(new WavFileBuilder { FormatTag = 6, BitsPerSample = 8, SampleRate = 8000 }, aLaw));
    }

    [Theory]
    [InlineData("pcm_mulaw", "pcm_mulaw")]
    [InlineData("pcm_alaw", "pcm_alaw")]
    public void Open_G711FileFromFfmpeg_KeepsTheTone(string ffmpegCodec, string codec)
    {
        var source = _temp.File("tone.wav");
        WavWriter.Write(source, TestSignals.Sine(440, 8000, 8000), 8000);
        var path = FfmpegEncoder.Encode(source, _temp.File($"{codec}.wav"), "-c:a", ffmpegCodec);

        using var stream = AudioReader.Open(path);
        var samples = stream.ReadAll();

        Assert.Equal(codec, stream.Source.Codec);
        Assert.Equal(Target, samples.Length);
        AssertTone(samples, 440, 0.5, 0.03);
    }

    [Fact]
    public void Open_FloatFileAtTargetRate_IsBitExact()
    {
        var input = TestSignals.Noise(5000, seed: 3);
        var path = _temp.File("float.wav");
        WavWriter.Write(path, input, Target, bitsPerSample: 32);

        Assert.Equal(input, MonoAudioStreamExtensions.ReadAll(path));
    }

    [Fact]
    public void Open_UnknownAndOddSizedChunks_AreSkipped()
    {
        var tone = TestSignals.Sine(440, Target, 1000);
        var file = new WavFileBuilder
        {
            SampleRate = Target,
            ChunksBeforeFormat = [("JUNK", new byte[27])],
            ChunksBeforeData = [("LIST", new byte[13]), ("bext", new byte[3])],
            ChunksAfterData = [("id3 ", new byte[101])],
        }.Build(WavFileBuilder.Encode(tone, 1, 16));
        var path = _temp.Write("chunks.wav", file);

        var samples = MonoAudioStreamExtensions.ReadAll(path);

        Assert.Equal(1000, samples.Length);
        Assert.Equal(tone[500], samples[500], 1e-4f);
    }

    [Fact]
    public void Open_DataBeforeFormat_StillDecodes()
    {
        var tone = TestSignals.Sine(440, Target, 1000);
        var file = new WavFileBuilder { SampleRate = Target, DataBeforeFormat = true }.Build(WavFileBuilder.Encode(tone, 1, 16));
        var path = _temp.Write("data-first.wav", file);

        Assert.Equal(1000, MonoAudioStreamExtensions.ReadAll(path).Length);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(0xFFFFFFFFu)]
    public void Open_StreamingWriterDataSize_ReadsToTheEndOfTheFile(uint declared)
    {
        var tone = TestSignals.Sine(440, 44100, 44100);
        var file = new WavFileBuilder { RiffSize = declared, DataSize = declared }.Build(WavFileBuilder.Encode(tone, 1, 16));
        var path = _temp.Write("streamed.wav", file);

        using var stream = AudioReader.Open(path);
        var samples = stream.ReadAll();

        Assert.Equal(Target, samples.Length);
        Assert.Equal(Target, stream.LengthHint);
        Assert.False(stream.Source.Truncated);
        AssertTone(samples, 440, 0.5, 0.02);
    }

    [Fact]
    public void Open_DeclaredDataLongerThanTheFile_DecodesWhatIsThereAndFlagsTruncated()
    {
        var tone = TestSignals.Sine(440, 44100, 22050);
        var file = new WavFileBuilder { DataSize = 44100 * 2 }.Build(WavFileBuilder.Encode(tone, 1, 16));
        var path = _temp.Write("cut.wav", file);

        using var stream = AudioReader.Open(path);
        var samples = stream.ReadAll();

        Assert.True(stream.Source.Truncated);
        Assert.Equal(0.5, stream.Source.DurationSeconds);
        Assert.Equal(Target / 2, samples.Length);
    }

    [Fact]
    public void Open_OddTrailingByte_IsIgnored()
    {
        var data = WavFileBuilder.Encode(TestSignals.Sine(440, Target, 100), 1, 16).Append((byte)7).ToArray();
        var path = _temp.Write("odd.wav", new WavFileBuilder { SampleRate = Target }.Build(data));

        Assert.Equal(100, MonoAudioStreamExtensions.ReadAll(path).Length);
    }

    [Fact]
    public void Open_Rf64WithDs64Chunk_Decodes()
    {
        var data = WavFileBuilder.Encode(TestSignals.Sine(440, Target, 2000), 1, 16);
        var ds64 = new byte[28];
        BinaryPrimitives.WriteInt64LittleEndian(ds64, 4 + 36 + 8 + 8 + data.Length);
        BinaryPrimitives.WriteInt64LittleEndian(ds64.AsSpan(8), data.Length);
        BinaryPrimitives.WriteInt64LittleEndian(ds64.AsSpan(16), 2000);
        var file = new WavFileBuilder
        {
            RiffId = "RF64",
            RiffSize = uint.MaxValue,
            DataSize = uint.MaxValue,
            SampleRate = Target,
            ChunksBeforeFormat = [("ds64", ds64)],
            ChunksAfterData = [("LIST", new byte[40])],
        }.Build(data);
        var path = _temp.Write("big.wav", file);

        using var stream = AudioReader.Open(path);
        Assert.Equal(2000, stream.LengthHint);
        Assert.Equal(2000, stream.ReadAll().Length);
    }

    [Fact]
    public void Read_InTinyBlocks_GivesTheSameSamplesAsLargeBlocks()
    {
        var tone = TestSignals.Sine(440, 48000, 48000);
        var path = _temp.Write("blocks.wav", new WavFileBuilder { SampleRate = 48000 }.Build(WavFileBuilder.Encode(tone, 1, 16)));

        using var small = AudioReader.Open(path);
        Assert.Equal(MonoAudioStreamExtensions.ReadAll(path), small.ReadAll(blockSize: 7));
    }

    [Fact]
    public void Read_LongFile_StreamsWithoutHoldingTheWholeFile()
    {
        // Two minutes of 48 kHz stereo: 23 MB on disk, 11.5 MB as 22.05 kHz floats. Decoding must allocate neither.
        const int rate = 48000;
        var path = _temp.File("long.wav");
        var second = WavFileBuilder.Encode(Interleave(TestSignals.Sine(440, rate, rate), 2), 1, 16);
        var header = new WavFileBuilder { Channels = 2, SampleRate = rate }.Build([]);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)(header.Length - 8 + (second.Length * 120)));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(header.Length - 4), (uint)(second.Length * 120));
        using (var file = File.Create(path))
        {
            file.Write(header);
            for (var i = 0; i < 120; i++)
            {
                file.Write(second);
            }
        }

        var buffer = new float[16384];
        long total = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var stream = AudioReader.Open(path))
        {
            int got;
            while ((got = stream.Read(buffer)) > 0)
            {
                total += got;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(120L * Target, total);
        Assert.True(allocated < 4 * 1024 * 1024, $"Decoding allocated {allocated / 1024} KiB.");
    }

    [Fact]
    public void Open_CancelledToken_Throws()
    {
        var path = _temp.File("tone.wav");
        WavWriter.Write(path, TestSignals.Sine(440, Target, 1000), Target);
        Assert.Throws<OperationCanceledException>(() => AudioReader.Open(path, cancellationToken: new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Read_AfterCancellation_Throws()
    {
        var path = _temp.File("tone.wav");
        WavWriter.Write(path, TestSignals.Sine(440, 44100, 441000), 44100);
        using var cancellation = new CancellationTokenSource();
        using var stream = AudioReader.Open(path, cancellationToken: cancellation.Token);
        stream.Read(new float[1000]);
        cancellation.Cancel();
        Assert.Throws<OperationCanceledException>(() => stream.ReadAll());
    }

    internal static void AssertTone(float[] samples, double frequency, double amplitude, double toleranceDb)
    {
        var middle = samples.AsSpan(samples.Length / 10, samples.Length * 8 / 10);
        var measured = ToneMeter.Amplitude(middle, frequency, Target);
        Assert.InRange(ToneMeter.Decibels(measured / amplitude), -toleranceDb, toleranceDb);

        // The energy is at the tone, not elsewhere: a wrong rate or channel layout would move it.
        Assert.InRange(ToneMeter.Rms(middle) * Math.Sqrt(2) / measured, 0.97, 1.03);
    }

    private static float[] Interleave(float[] mono, int channels)
    {
        var result = new float[mono.Length * channels];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = mono[i / channels];
        }

        return result;
    }

    private float[] Decode(WavFileBuilder builder, byte[] data)
    {
        var path = _temp.Write(Guid.NewGuid().ToString("N") + ".wav", builder.Build(data));
        return MonoAudioStreamExtensions.ReadAll(path, builder.SampleRate);
    }
}
