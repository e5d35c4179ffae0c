using WhatsTheTab.Cli.Transcribe;
using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Cli.Tests.Transcribe;

public sealed class TranscribeSettingsTests
{
    private static readonly TranscribeSettings Defaults = new() { Inputs = ["song.wav"] };

    [Fact]
    public void Validate_Defaults_HasNoErrors() => Assert.Empty(Defaults.Validate());

    [Theory]
    [InlineData(-0.1, 0.3, "--onset-threshold")]
    [InlineData(1.5, 0.3, "--onset-threshold")]
    [InlineData(0.5, 1.01, "--frame-threshold")]
    [InlineData(0.5, double.NaN, "--frame-threshold")]
    public void Validate_ThresholdOutsideZeroToOne_NamesTheOption(double onset, double frame, string option)
    {
        var error = Assert.Single((Defaults with { OnsetThreshold = onset, FrameThreshold = frame }).Validate());
        Assert.StartsWith(option, error, StringComparison.Ordinal);
        Assert.Contains("between 0 and 1", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Validate_ThresholdAtTheBounds_IsAccepted(double threshold) =>
        Assert.Empty((Defaults with { OnsetThreshold = threshold, FrameThreshold = threshold }).Validate());

    [Theory]
    [InlineData(19.9)]
    [InlineData(400.1)]
    public void Validate_TempoOutside20To400_Fails(double tempo)
    {
        var error = Assert.Single((Defaults with { TempoBpm = tempo }).Validate());
        Assert.Contains("--tempo", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MinFrequencyAboveMaxFrequency_Fails()
    {
        var error = Assert.Single((Defaults with { MinFrequency = 880, MaxFrequency = 440 }).Validate());
        Assert.Contains("--min-frequency", error, StringComparison.Ordinal);
        Assert.Contains("--max-frequency", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EqualMinAndMaxFrequency_IsAccepted() =>
        Assert.Empty((Defaults with { MinFrequency = 440, MaxFrequency = 440 }).Validate());

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(1025)]
    public void Validate_BatchSizeOutOfRange_Fails(int batchSize)
    {
        var error = Assert.Single((Defaults with { BatchSize = batchSize }).Validate());
        Assert.Contains("--batch-size", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryProblem_IsReportedAtOnce()
    {
        var settings = Defaults with { OnsetThreshold = 2, TempoBpm = 1, BatchSize = 0, Threads = 0, EnergyTolerance = -1 };
        Assert.Equal(5, settings.Validate().Count);
    }

    [Fact]
    public void Validate_NoInputs_Fails() => Assert.Single((Defaults with { Inputs = [] }).Validate());

    [Fact]
    public void Defaults_MatchTheEngineDefaults()
    {
        Assert.Equal(new NoteOptions(), Defaults.ToNoteOptions());
        Assert.Equal(new MidiOptions(), Defaults.ToMidiOptions());
    }

    [Theory]
    [InlineData(127.70, 11)]
    [InlineData(58, 5)]
    [InlineData(0, 0)]
    public void ToNoteOptions_MinNoteLengthInMilliseconds_BecomesModelFrames(double milliseconds, int frames) =>
        Assert.Equal(frames, (Defaults with { MinNoteLengthMs = milliseconds }).ToNoteOptions().MinNoteLengthFrames);
}
