using System.Diagnostics;
using WhatsTheTab.Transcription.Audio;

namespace WhatsTheTab.Transcription.Tests.Audio;

public sealed class CompressedDecodingTests(CompressedFixtures fixtures) : IClassFixture<CompressedFixtures>
{
    private const int Target = AudioReader.ModelSampleRate;

    public static TheoryData<string, AudioContainer, string, int> Formats => new()
    {
        { "mp3", AudioContainer.Mp3, "mp3", 44100 },
        { "mp3-bare", AudioContainer.Mp3, "mp3", 44100 },
        { "flac", AudioContainer.Flac, "flac", 44100 },
        { "vorbis", AudioContainer.Ogg, "vorbis", 44100 },
        { "opus", AudioContainer.Ogg, "opus", 48000 },
        { "m4a", AudioContainer.Mp4, "aac", 44100 },
        { "adts", AudioContainer.Aac, "aac", 44100 },
        { "aiff", AudioContainer.Aiff, "pcm_s16be", 44100 },
        { "webm", AudioContainer.WebM, "opus", 48000 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Open_CompressedFormat_DecodesLengthRateAndTone(string format, AudioContainer container, string codec, int nativeRate)
    {
        using var stream = AudioReader.Open(fixtures[format]);
        var samples = stream.ReadAll();

        Assert.Equal(Target, stream.SampleRate);
        Assert.Equal(container, stream.Source.Container);
        Assert.Equal(codec, stream.Source.Codec);
        Assert.Equal(nativeRate, stream.Source.SampleRate);
        Assert.Equal(2, stream.Source.Channels);

        // Lossy codecs pad by a frame or so (up to ~50 ms); the level and pitch must survive exactly enough to transcribe.
        var expected = CompressedFixtures.Seconds * Target;
        Assert.InRange(samples.Length, expected - (0.01 * Target), expected + (0.06 * Target));
        Assert.NotNull(stream.LengthHint);
        Assert.InRange(stream.LengthHint.Value, expected - (0.01 * Target), expected + (0.06 * Target));
        WavDecodingTests.AssertTone(samples, CompressedFixtures.Frequency, CompressedFixtures.Amplitude, 0.5);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Probe_CompressedFormat_ReportsRateChannelsAndDuration(string format, AudioContainer container, string codec, int nativeRate)
    {
        var info = AudioReader.Probe(fixtures[format]);

        Assert.Equal(container, info.Container);
        Assert.Equal(codec, info.Codec);
        Assert.Equal(nativeRate, info.SampleRate);
        Assert.Equal(2, info.Channels);
        Assert.NotNull(info.DurationSeconds);
        Assert.InRange(info.DurationSeconds.Value, 1.99, 2.06);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Sniff_FirstBytesOfEncodedFile_NameTheContainer(string format, AudioContainer container, string codec, int nativeRate)
    {
        _ = (codec, nativeRate);
        var header = File.ReadAllBytes(fixtures[format]).AsSpan(0, 64);

        Assert.Equal(container, AudioReader.Sniff(header));
    }

    [Fact]
    public void Open_Mp3NamedWav_IsDecodedByContentNotName()
    {
        var renamed = Path.Combine(fixtures.Folder, "actually-mp3.wav");
        File.Copy(fixtures["mp3"], renamed, overwrite: true);

        using var stream = AudioReader.Open(renamed);

        Assert.Equal(AudioContainer.Mp3, stream.Source.Container);
        WavDecodingTests.AssertTone(stream.ReadAll(), CompressedFixtures.Frequency, CompressedFixtures.Amplitude, 0.5);
    }

    [Fact]
    public void Open_PathWithSpacesColonsAndLeadingDash_IsPassedSafely()
    {
        var odd = Path.Combine(fixtures.Folder, "-i odd: name; $(touch x).flac");
        File.Copy(fixtures["flac"], odd, overwrite: true);

        using var stream = AudioReader.Open(odd);

        Assert.Equal(AudioContainer.Flac, stream.Source.Container);
        Assert.InRange(stream.ReadAll().Length, 2 * Target - 10, 2 * Target + 10);
        Assert.False(File.Exists(Path.Combine(fixtures.Folder, "x")));
    }

    [Fact]
    public void Open_FlacAtNativeRate_MatchesTheSourceSamples()
    {
        using var stream = AudioReader.Open(fixtures["flac"], 44100);
        var samples = stream.ReadAll();
        var tone = TestSignals.Sine(CompressedFixtures.Frequency, 44100, 88200, CompressedFixtures.Amplitude);

        // FLAC is lossless and the rate is native: the only difference left is 16-bit quantisation.
        Assert.Equal(tone.Length, samples.Length);
        for (var i = 0; i < tone.Length; i++)
        {
            Assert.Equal(tone[i], samples[i], 1.0f / 32768);
        }
    }

    [Fact]
    public void Dispose_MidStream_KillsFfmpeg()
    {
        var stream = (MonoResamplingStream)AudioReader.Open(fixtures["flac"]);
        stream.Read(new float[100]);
        var id = ((FfmpegFrameSource)stream.FrameSource).ProcessId;

        stream.Dispose();

        Assert.True(HasExited(id));
    }

    [Fact]
    public void Read_AfterCancellation_ThrowsAndKillsFfmpeg()
    {
        using var cancellation = new CancellationTokenSource();
        using var stream = (MonoResamplingStream)AudioReader.Open(fixtures["mp3"], cancellationToken: cancellation.Token);
        stream.Read(new float[100]);
        var id = ((FfmpegFrameSource)stream.FrameSource).ProcessId;

        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => stream.ReadAll());
        Assert.True(HasExited(id));
    }

    private static bool HasExited(int id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var process = Process.GetProcessById(id);
                if (process.HasExited)
                {
                    return true;
                }
            }
            catch (ArgumentException)
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return false;
    }
}
