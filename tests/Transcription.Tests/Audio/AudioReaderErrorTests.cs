using System.Text;
using WhatsTheTab.Transcription.Audio;

namespace WhatsTheTab.Transcription.Tests.Audio;

public sealed class AudioReaderErrorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Open_MissingFile_IsNotFound()
    {
        var error = AssertFails(_temp.File("nowhere.wav"), AudioErrorKind.NotFound);
        Assert.Contains("nowhere.wav", error.Message, StringComparison.Ordinal);
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_temp.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Folder_IsNotFound()
    {
        var error = AssertFails(_temp.Path, AudioErrorKind.NotFound);
        Assert.Contains("folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_EmptyFile_IsEmpty()
    {
        var error = AssertFails(_temp.Write("empty.mp3", []), AudioErrorKind.Empty);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("noise.wav")]
    [InlineData("noise.mp3")]
    [InlineData("noise.flac")]
    public void Open_RandomBytesWithAudioName_IsUnrecognizedFormat(string name)
    {
        var bytes = new byte[5000];
        new Random(12345).NextBytes(bytes);
        var error = AssertFails(_temp.Write(name, bytes), AudioErrorKind.UnrecognizedFormat);
        Assert.Contains("not a recognised audio file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notes.mp3", "<html><body>Not audio at all</body></html>")]
    [InlineData("notes.wav", "%PDF-1.7 pretend document with enough text to pass any length check")]
    [InlineData("tiny.wav", "hi")]
    public void Open_NonAudioWithAudioName_IsUnrecognizedFormat(string name, string content)
    {
        AssertFails(_temp.Write(name, Encoding.UTF8.GetBytes(content)), AudioErrorKind.UnrecognizedFormat);
    }

    [Fact]
    public void Open_RiffThatIsNotWave_IsUnrecognizedFormat()
    {
        var avi = new WavFileBuilder { FormType = "AVI " }.Build(new byte[100]);
        AssertFails(_temp.Write("movie.wav", avi), AudioErrorKind.UnrecognizedFormat);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(11)]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(36)]
    [InlineData(40)]
    [InlineData(44)]
    public void Open_WavCutInsideItsHeader_IsTruncated(int length)
    {
        var file = new WavFileBuilder().Build(new byte[2000]);
        var error = AssertFails(_temp.Write("cut.wav", file[..length]), AudioErrorKind.Truncated);
        Assert.Contains("cut.wav", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_DeclaredDataButNoSamplesInTheFile_IsTruncated()
    {
        var file = new WavFileBuilder { DataSize = 88200 }.Build([]);
        var error = AssertFails(_temp.Write("nothing.wav", file), AudioErrorKind.Truncated);
        Assert.Contains("88200 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ValidHeaderWithZeroSamples_IsNoAudio()
    {
        var error = AssertFails(_temp.Write("silent.wav", new WavFileBuilder().Build([])), AudioErrorKind.NoAudio);
        Assert.Contains("0 samples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_WavWithoutDataChunk_IsNoAudio()
    {
        AssertFails(_temp.Write("nodata.wav", new WavFileBuilder { OmitData = true }.Build([])), AudioErrorKind.NoAudio);
    }

    [Fact]
    public void Open_WavWithoutFormatChunk_IsInvalidHeader()
    {
        var file = Encoding.ASCII.GetBytes("RIFF\x0c\0\0\0WAVEdata\0\0\0\0");
        AssertFails(_temp.Write("nofmt.wav", file), AudioErrorKind.InvalidHeader);
    }

    [Fact]
    public void Open_PartialSampleOnly_IsNoAudio()
    {
        AssertFails(_temp.Write("half.wav", new WavFileBuilder().Build([1])), AudioErrorKind.NoAudio);
    }

    [Theory]
    [InlineData(2, 4, "ADPCM")]
    [InlineData(0x55, 0, "MP3")]
    [InlineData(1, 12, "12-bit PCM")]
    [InlineData(3, 16, "16-bit float")]
    public void Open_UnsupportedWavEncoding_IsUnsupportedEncoding(int tag, int bits, string named)
    {
        var file = new WavFileBuilder { FormatTag = tag, BitsPerSample = bits, BlockAlign = 2 }.Build(new byte[100]);
        var error = AssertFails(_temp.Write("odd.wav", file), AudioErrorKind.UnsupportedEncoding);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RealAdpcmWavFromFfmpeg_IsUnsupportedEncoding()
    {
        var source = _temp.File("tone.wav");
        WavWriter.Write(source, TestSignals.Sine(440, 22050, 22050), 22050);
        var adpcm = FfmpegEncoder.Encode(source, _temp.File("adpcm.wav"), "-c:a", "adpcm_ms");

        var error = AssertFails(adpcm, AudioErrorKind.UnsupportedEncoding);
        Assert.Contains("Microsoft ADPCM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_UnknownExtensibleSubformat_IsUnsupportedEncoding()
    {
        var file = new WavFileBuilder { FormatTag = 0x1234, Extensible = true }.Build(new byte[100]);
        AssertFails(_temp.Write("ext.wav", file), AudioErrorKind.UnsupportedEncoding);
    }

    [Theory]
    [InlineData(0, 44100, null)]
    [InlineData(1, 0, null)]
    [InlineData(1, 44100, 3)]
    [InlineData(2, 5_000_000, null)]
    public void Open_ImpossibleFormatValues_AreInvalidHeader(int channels, int rate, int? blockAlign)
    {
        var file = new WavFileBuilder { Channels = channels, SampleRate = rate, BlockAlign = blockAlign ?? 2 }.Build(new byte[100]);
        AssertFails(_temp.Write("bad.wav", file), AudioErrorKind.InvalidHeader);
    }

    [Fact]
    public void Open_OggWithGarbageInside_IsDecoderFailedWithFfmpegsReason()
    {
        var bytes = new byte[3000];
        new Random(5).NextBytes(bytes);
        "OggS"u8.CopyTo(bytes);

        var error = AssertFails(_temp.Write("broken.ogg", bytes), AudioErrorKind.DecoderFailed);
        // ffmpeg's own words follow the colon ("End of file", "Invalid data found…" depending on the bytes).
        Assert.Matches("could not be read: broken.ogg: .+", error.Message);
        Assert.Contains("broken.ogg", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_temp.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_M4aWithoutMoov_IsDecoderFailed()
    {
        var bytes = new byte[3000];
        new Random(6).NextBytes(bytes);
        byte[] ftyp = [0, 0, 0, 0x18, .. "ftypM4A "u8];
        ftyp.CopyTo(bytes, 0);

        var error = AssertFails(_temp.Write("broken.m4a", bytes), AudioErrorKind.DecoderFailed);
        Assert.Contains("moov atom not found", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" @ 0x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Id3TagWithNoAudio_IsDecoderFailed()
    {
        byte[] tagOnly = [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0x10, .. new byte[16]];
        AssertFails(_temp.Write("tag.mp3", tagOnly), AudioErrorKind.DecoderFailed);
    }

    [Fact]
    public void Open_VideoWithoutAudioTrack_IsNoAudio()
    {
        var video = FfmpegEncoder.Run(["-f", "lavfi", "-i", "testsrc=duration=1:size=64x64:rate=10", "-c:v", "mpeg4"], _temp.File("video.mp4"));

        var error = AssertFails(video, AudioErrorKind.NoAudio);
        Assert.Contains("no audio stream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TruncatedMp3_DecodesWhatIsThere()
    {
        var source = _temp.File("tone.wav");
        WavWriter.Write(source, TestSignals.Sine(440, 44100, 88200), 44100);
        var mp3 = File.ReadAllBytes(FfmpegEncoder.Encode(source, _temp.File("full.mp3"), "-c:a", "libmp3lame"));
        var cut = _temp.Write("cut.mp3", mp3[..(mp3.Length / 2)]);

        var samples = MonoAudioStreamExtensions.ReadAll(cut);

        Assert.InRange(samples.Length, 0.8 * AudioReader.ModelSampleRate, 1.2 * AudioReader.ModelSampleRate);
    }

    [Fact]
    public void Open_FfmpegMissing_IsDecoderMissingWithInstallHint()
    {
        var mp3 = MakeMp3();
        var tools = new FfmpegTools(_temp.File("no-ffmpeg"), _temp.File("no-ffprobe"));

        var error = Assert.Throws<AudioDecodeException>(() => AudioReader.Open(mp3, AudioReader.ModelSampleRate, tools, default));

        Assert.Equal(AudioErrorKind.DecoderMissing, error.Kind);
        Assert.Contains("apt-get install ffmpeg", error.Message, StringComparison.Ordinal);
        Assert.Contains("tone.mp3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FfprobePresentButFfmpegMissing_IsDecoderMissing()
    {
        var mp3 = MakeMp3();
        var tools = new FfmpegTools(_temp.File("no-ffmpeg"), "ffprobe");

        var error = Assert.Throws<AudioDecodeException>(() => AudioReader.Open(mp3, AudioReader.ModelSampleRate, tools, default));

        Assert.Equal(AudioErrorKind.DecoderMissing, error.Kind);
        Assert.Contains("no-ffmpeg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_FfmpegMissing_IsDecoderMissing()
    {
        var mp3 = MakeMp3();
        var tools = FfmpegTools.Resolve(name => name == FfmpegTools.FfmpegVariable ? _temp.File("bin/ffmpeg") : null);

        var error = Assert.Throws<AudioDecodeException>(() => AudioReader.Probe(mp3, tools, default));

        Assert.Equal(AudioErrorKind.DecoderMissing, error.Kind);
    }

    [Fact]
    public void Open_WavWithFfmpegMissing_StillDecodes()
    {
        var path = _temp.File("tone.wav");
        WavWriter.Write(path, TestSignals.Sine(440, 22050, 22050), 22050);
        var tools = new FfmpegTools(_temp.File("no-ffmpeg"), _temp.File("no-ffprobe"));

        using var stream = AudioReader.Open(path, AudioReader.ModelSampleRate, tools, default);

        Assert.Equal(22050, stream.ReadAll().Length);
    }

    [Theory]
    [InlineData("empty.wav", AudioErrorKind.Empty)]
    [InlineData("missing.wav", AudioErrorKind.NotFound)]
    [InlineData("garbage.mp3", AudioErrorKind.UnrecognizedFormat)]
    public void Probe_BadInput_FailsLikeOpen(string name, AudioErrorKind kind)
    {
        var path = _temp.File(name);
        if (kind == AudioErrorKind.Empty)
        {
            File.WriteAllBytes(path, []);
        }
        else if (kind == AudioErrorKind.UnrecognizedFormat)
        {
            File.WriteAllText(path, "plain text, not audio");
        }

        var error = Assert.Throws<AudioDecodeException>(() => AudioReader.Probe(path));
        Assert.Equal(kind, error.Kind);
    }

    private static AudioDecodeException AssertFails(string path, AudioErrorKind kind)
    {
        var error = Assert.Throws<AudioDecodeException>(() =>
        {
            using var stream = AudioReader.Open(path);
            stream.ReadAll();
        });
        Assert.True(kind == error.Kind, $"Expected {kind}, got {error.Kind}: {error.Message}");
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    private string MakeMp3()
    {
        var source = _temp.File("tone.wav");
        WavWriter.Write(source, TestSignals.Sine(440, 22050, 2205), 22050);
        return FfmpegEncoder.Encode(source, _temp.File("tone.mp3"), "-c:a", "libmp3lame");
    }
}
