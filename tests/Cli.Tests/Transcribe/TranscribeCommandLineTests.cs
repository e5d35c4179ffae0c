using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using WhatsTheTab.Cli.Transcribe;
using WhatsTheTab.Transcription.Model;
using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Cli.Tests.Transcribe;

/// <summary>Parsing and validation of <c>wtt transcribe</c>; none of these load the model.</summary>
public sealed class TranscribeCommandLineTests
{
    [Fact]
    public async Task ThresholdAboveOne_ExitsWithUsageCodeAndNamesTheOption()
    {
        var run = await CliRun.InvokeAsync("transcribe", "song.wav", "--onset-threshold", "1.5");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(run.ErrorLines, line => line.Contains("--onset-threshold 1.5", StringComparison.Ordinal) && line.Contains("between 0 and 1", StringComparison.Ordinal));
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task UnknownInstrument_ExitsWithUsageCodeAndListsTheInstrumentsOnOneLine()
    {
        var run = await CliRun.InvokeAsync("transcribe", "song.wav", "--instrument", "banjo");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var error = run.ErrorLines[0];
        Assert.Contains("banjo", error, StringComparison.Ordinal);
        Assert.Contains("piano, guitar-nylon, guitar-steel, guitar-electric, bass, none", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pitch-bends", "sometimes")]
    [InlineData("--device", "tpu")]
    [InlineData("--tempo", "fast")]
    [InlineData("--tempo", "500")]
    [InlineData("--batch-size", "0")]
    [InlineData("--frame-threshold", "-1")]
    [InlineData("--no-such-option", "1")]
    public async Task BadValue_ExitsWithUsageCode(string option, string value)
    {
        var run = await CliRun.InvokeAsync("transcribe", "song.wav", option, value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(run.ErrorLines, line => line.StartsWith("wtt: error:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MinFrequencyAboveMaxFrequency_ExitsWithUsageCode()
    {
        var run = await CliRun.InvokeAsync("transcribe", "song.wav", "--min-frequency", "1000", "--max-frequency", "200");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(run.ErrorLines, line => line.Contains("--min-frequency", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoFiles_ExitsWithUsageCodeAndPointsAtHelp()
    {
        var run = await CliRun.InvokeAsync("transcribe", "--out", "x");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("wtt transcribe --help", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCommand_ExitsWithUsageCode() =>
        Assert.Equal(ExitCodes.Usage, (await CliRun.InvokeAsync()).ExitCode);

    [Fact]
    public async Task Help_DescribesEveryOptionOfTranscribe()
    {
        var run = await CliRun.InvokeAsync("transcribe", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var option in CreateCommand().Command.Options)
        {
            Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{option.Name} has no description");
            Assert.Contains(option.Name, run.Output, StringComparison.Ordinal);
        }

        Assert.Contains("[default: 127.7]", run.Output, StringComparison.Ordinal);
        Assert.Contains("[default: piano]", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RootHelp_ListsTheTranscribeCommand()
    {
        var run = await CliRun.InvokeAsync("--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("transcribe", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsAVersionNumber()
    {
        var run = await CliRun.InvokeAsync("--version");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Output);
    }

    [Fact]
    public void ReadSettings_EveryOption_ReachesTheSettings()
    {
        var settings = Parse(
            "transcribe", "a.wav", "b.flac", "--out", "dir", "--onset-threshold", "0.6", "--frame-threshold", "0.25",
            "--min-note-length", "58", "--energy-tolerance", "5", "--no-melodia", "--no-infer-onsets",
            "--min-frequency", "80", "--max-frequency", "1200", "--pitch-bends", "per-note", "--tempo", "90",
            "--instrument", "guitar-steel", "--device", "cpu", "--batch-size", "8", "--threads", "2",
            "--model-dir", "m", "--sonify", "--quiet", "--verbose");

        Assert.Equal(["a.wav", "b.flac"], settings.Inputs);
        Assert.Equal("dir", settings.OutputDirectory);
        Assert.Equal(0.6, settings.OnsetThreshold);
        Assert.Equal(0.25, settings.FrameThreshold);
        Assert.Equal(58, settings.MinNoteLengthMs);
        Assert.Equal(5, settings.EnergyTolerance);
        Assert.False(settings.MelodiaTrick);
        Assert.False(settings.InferOnsets);
        Assert.Equal(80, settings.MinFrequency);
        Assert.Equal(1200, settings.MaxFrequency);
        Assert.Equal(PitchBendMode.PerNote, settings.PitchBends);
        Assert.Equal(90, settings.TempoBpm);
        Assert.Equal(InstrumentPreset.GuitarSteel, settings.Instrument);
        Assert.Equal(DevicePreference.Cpu, settings.Device);
        Assert.Equal(8, settings.BatchSize);
        Assert.Equal(2, settings.Threads);
        Assert.Equal("m", settings.ModelDirectory);
        Assert.True(settings.Sonify);
        Assert.True(settings.Quiet);
        Assert.True(settings.Verbose);
    }

    [Fact]
    public void ReadSettings_NoOptions_GivesTheDocumentedDefaults()
    {
        var settings = Parse("transcribe", "a.wav");

        Assert.Equal(new TranscribeSettings { Inputs = settings.Inputs }, settings);
        Assert.Equal(".", settings.OutputDirectory);
        Assert.Equal(PitchBendMode.SingleTrack, settings.PitchBends);
        Assert.Equal(InstrumentPreset.Piano, settings.Instrument);
        Assert.Equal(DevicePreference.Auto, settings.Device);
    }

    [Theory]
    [InlineData("none", PitchBendMode.None)]
    [InlineData("single", PitchBendMode.SingleTrack)]
    [InlineData("Per-Note", PitchBendMode.PerNote)]
    public void ReadSettings_PitchBendNames_MapToModes(string name, PitchBendMode mode) =>
        Assert.Equal(mode, Parse("transcribe", "a.wav", "--pitch-bends", name).PitchBends);

    private static TranscribeCommand CreateCommand() =>
        new(new CliConsole(TextWriter.Null, TextWriter.Null, interactive: false, NullLoggerFactory.Instance));

    private static TranscribeSettings Parse(params string[] args)
    {
        var transcribe = CreateCommand();
        var parseResult = new RootCommand { transcribe.Command }.Parse(args);
        Assert.Empty(parseResult.Errors);
        return transcribe.ReadSettings(parseResult);
    }
}
