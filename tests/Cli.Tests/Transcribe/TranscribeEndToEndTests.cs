using System.Text.Json;

namespace WhatsTheTab.Cli.Tests.Transcribe;

/// <summary>
/// Runs <c>wtt transcribe</c> in-process with the real model on generated sine tones. The model is found by walking up
/// from the test binaries to model/node_modules (or the copy the build puts beside them).
/// </summary>
public sealed class TranscribeEndToEndTests : IDisposable
{
    private const int A4 = 69;
    private const int E5 = 76;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task SineAt440Hz_WritesMidiAndNoteListsWithA4()
    {
        var input = SineWav.Write(_folder.File("a440.wav"), 2.0, 440);
        var output = _folder.File("out");

        var run = await CliRun.InvokeAsync("transcribe", input, "--out", output);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(run.Error);
        Assert.Equal("MThd"u8.ToArray(), File.ReadAllBytes(Path.Combine(output, "a440.mid"))[..4]);
        var pitches = JsonPitches(Path.Combine(output, "a440.notes.json"));
        Assert.Contains(A4, pitches);
        Assert.All(pitches, pitch => Assert.InRange(pitch, A4 - 1, A4 + 1));
        var csv = File.ReadAllLines(Path.Combine(output, "a440.notes.csv"));
        Assert.StartsWith("start_s,end_s,pitch", csv[0], StringComparison.Ordinal);
        Assert.Equal(pitches.Count, csv.Length - 1);
    }

    [Fact]
    public async Task WithTab_AlsoWritesTablature_AndTheMidiSoundsLikeTheTabInstrument()
    {
        var input = SineWav.Write(_folder.File("fifth.wav"), 1.5, 440, 660);

        var run = await CliRun.InvokeAsync("transcribe", input, "--out", _folder.Path, "--tab", "guitar", "--capo", "2");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.Contains("tab for guitar", StringComparison.Ordinal) && l.Contains("fifth.{tab.txt,musicxml,alphatex}", StringComparison.Ordinal));
        var text = File.ReadAllText(_folder.File("fifth.tab.txt"));
        Assert.Contains("Guitar, tuning standard (E2 A2 D3 G3 B3 E4), capo 2", text, StringComparison.Ordinal);
        // A4 and E5 on the top string with the capo at 2: frets 3 and 10 (or A4 on the B string, fret 8).
        Assert.Contains(text.ReplaceLineEndings("\n").Split('\n'), l => l.StartsWith("e|", StringComparison.Ordinal) && l.Contains("10", StringComparison.Ordinal));
        Assert.True(File.Exists(_folder.File("fifth.musicxml")));
        Assert.True(File.Exists(_folder.File("fifth.alphatex")));
        var midi = new NAudio.Midi.MidiFile(_folder.File("fifth.mid"), strictChecking: true);
        var program = midi.Events.SelectMany(t => t).OfType<NAudio.Midi.PatchChangeEvent>().Single();
        Assert.Equal(25, program.Patch); // steel-string guitar, the guitar tab's sound
    }

    [Fact]
    public async Task TwoTonesInTurn_GiveA4ThenE5()
    {
        var input = SineWav.Write(_folder.File("fifth.wav"), 1.5, 440, 660);

        var run = await CliRun.InvokeAsync("transcribe", input, "--out", _folder.Path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var pitches = JsonPitches(_folder.File("fifth.notes.json"));
        Assert.Equal(A4, pitches[0]);
        Assert.Equal(E5, pitches[^1]);
    }

    [Fact]
    public async Task UnreadableFileBetweenGoodOnes_ExitsOneAndStillTranscribesTheOthers()
    {
        var good = SineWav.Write(_folder.File("good.wav"), 1.0, 440);
        var bad = _folder.File("lyrics.wav");
        File.WriteAllText(bad, "These are words, not audio.\n");
        var alsoGood = SineWav.Write(_folder.File("also-good.wav"), 1.0, 660);
        var output = _folder.File("out");

        var run = await CliRun.InvokeAsync("transcribe", good, bad, alsoGood, "--out", output);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        var error = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"wtt: error: {bad}: ", error, StringComparison.Ordinal);
        Assert.Contains("not a recognised audio file", error, StringComparison.Ordinal);
        foreach (var name in new[] { "good", "also-good" })
        {
            Assert.True(File.Exists(Path.Combine(output, name + ".mid")), name);
            Assert.True(File.Exists(Path.Combine(output, name + ".notes.json")), name);
            Assert.True(File.Exists(Path.Combine(output, name + ".notes.csv")), name);
        }

        Assert.False(File.Exists(Path.Combine(output, "lyrics.mid")));
        Assert.Contains("Transcribed 2 of 3 files", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFile_IsReportedByNameWithExitCodeOne()
    {
        var missing = _folder.File("nowhere.wav");

        var run = await CliRun.InvokeAsync("transcribe", missing, "--out", _folder.Path);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.StartsWith($"wtt: error: {missing}: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedirectedOutput_PrintsPlainProgressLinesThenASummary()
    {
        var input = SineWav.Write(_folder.File("tone.wav"), 2.0, 440);

        var run = await CliRun.InvokeAsync("transcribe", input, "--out", _folder.Path, "--batch-size", "1");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var lines = run.OutputLines;
        Assert.Equal($"{input}: chunk 1/2", lines[0]);
        Assert.Equal($"{input}: chunk 2/2", lines[1]);
        Assert.Matches(@": \d+ notes?, 2\.0 s of audio in [\d.]+ s \([\d.]+x real time\) -> ", lines[2]);
        Assert.DoesNotContain('\u001b', run.Output);
    }

    [Fact]
    public async Task InputsSharingAName_GetNumberedOutputs()
    {
        Directory.CreateDirectory(_folder.File("take1"));
        Directory.CreateDirectory(_folder.File("take2"));
        var first = SineWav.Write(Path.Combine(_folder.File("take1"), "riff.wav"), 1.0, 440);
        var second = SineWav.Write(Path.Combine(_folder.File("take2"), "riff.wav"), 1.0, 660);
        var output = _folder.File("out");

        var run = await CliRun.InvokeAsync("transcribe", first, second, "--out", output);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(A4, JsonPitches(Path.Combine(output, "riff.notes.json")));
        Assert.Contains(E5, JsonPitches(Path.Combine(output, "riff-2.notes.json")));
    }

    [Fact]
    public async Task Sonify_AlsoWritesAWav()
    {
        var input = SineWav.Write(_folder.File("hum.wav"), 1.0, 440);

        var run = await CliRun.InvokeAsync("transcribe", input, "--out", _folder.Path, "--sonify");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var wav = File.ReadAllBytes(_folder.File("hum.sonified.wav"));
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.True(wav.Length > 44 + 1000, "the sonified file holds audio");
    }

    [Fact]
    public async Task Quiet_PrintsNothingWhenAllGoesWell()
    {
        var input = SineWav.Write(_folder.File("quiet.wav"), 1.0, 440);

        var run = await CliRun.InvokeAsync("transcribe", input, "--out", _folder.Path, "--quiet");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Empty(run.Error);
        Assert.True(File.Exists(_folder.File("quiet.mid")));
    }

    [Fact]
    public async Task ModelDirectoryWithoutTheModel_ExitsOneAndSaysHowToInstallIt()
    {
        var input = SineWav.Write(_folder.File("tone.wav"), 1.0, 440);
        Directory.CreateDirectory(_folder.File("empty-model"));

        var run = await CliRun.InvokeAsync("transcribe", input, "--out", _folder.Path, "--model-dir", _folder.File("empty-model"));

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        var error = Assert.Single(run.ErrorLines);
        Assert.Contains("model", error, StringComparison.Ordinal);
        Assert.Contains("npm ci --prefix model", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("tone.mid")));
    }

    [Fact]
    public async Task OutputPathThatIsAFile_ExitsOneWithAMessage()
    {
        var input = SineWav.Write(_folder.File("tone.wav"), 1.0, 440);
        var notAFolder = _folder.File("taken");
        File.WriteAllText(notAFolder, "a file, not a folder");

        var run = await CliRun.InvokeAsync("transcribe", input, "--out", notAFolder);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains($"cannot create the output folder {notAFolder}", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelledRun_ExitsWith130AndWritesNothing()
    {
        var input = SineWav.Write(_folder.File("tone.wav"), 1.0, 440);
        var output = _folder.File("out");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var run = await CliRun.InvokeAsync(["transcribe", input, "--out", output], cancelled.Token);

        Assert.Equal(ExitCodes.Cancelled, run.ExitCode);
        Assert.Empty(Directory.GetFiles(output));
    }

    private static List<int> JsonPitches(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.GetProperty("notes").EnumerateArray().Select(note => note.GetProperty("pitch").GetInt32())];
    }
}
