using System.Text.Json;
using WhatsTheTab.TestSupport.MusicXml;
using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Cli.Tests.Tab;

/// <summary><c>wtt tab</c>: tablature from note lists and MIDI files, without audio or the model.</summary>
public sealed class TabCommandTests : IDisposable
{
    // An open C major chord for two beats at 120 bpm, then E4 F4 G4.
    private static readonly NoteEvent[] ChordThenMelody =
    [
        new(0.0, 1.0, 48, 0.7), new(0.0, 1.0, 52, 0.7), new(0.0, 1.0, 55, 0.7), new(0.0, 1.0, 60, 0.7), new(0.0, 1.0, 64, 0.7),
        new(1.0, 1.5, 64, 0.7), new(1.5, 2.0, 65, 0.7), new(2.0, 2.5, 67, 0.7),
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task NoteList_GivesTextMusicXmlAndAlphaTex_NamedAfterTheSong()
    {
        var input = WriteNoteList("song.notes.json", ChordThenMelody);
        var output = _folder.File("out");

        var run = await CliRun.InvokeAsync("tab", input, "--out", output, "--tab-tempo", "120");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(run.Error);
        Assert.Contains("8 notes in 2 bars at 120 bpm", run.Output, StringComparison.Ordinal);
        var text = File.ReadAllText(Path.Combine(output, "song.tab.txt"));
        Assert.StartsWith("song\nGuitar, tuning standard (E2 A2 D3 G3 B3 E4)", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var strings = text.ReplaceLineEndings("\n").Split('\n').Where(l => l.Length > 2 && l[1] == '|').Select(l => l[..4]);
        Assert.Equal(["e|-0", "B|-1", "G|-0", "D|-2", "A|-3", "E|--"], strings);
        var errors = MusicXmlSchema.Validate(Path.Combine(output, "song.musicxml"));
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        Assert.Contains("\\tuning (E4 B3 G3 D3 A2 E2)", File.ReadAllText(Path.Combine(output, "song.alphatex")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "song.tab.mid")));
    }

    [Fact]
    public async Task MidiFile_ForBassInDropD_WritesTheAskedFormats()
    {
        // A bass riff on D1 E1 F1 G1: D1 is below a standard bass, the open low string of a drop-D one.
        NoteEvent[] riff = [new(0, 0.5, 26, 0.8), new(0.5, 1.0, 28, 0.8), new(1.0, 1.5, 29, 0.8), new(1.5, 2.0, 31, 0.8)];
        var input = _folder.File("riff.mid");
        MidiWriter.Write(input, riff, new MidiOptions { TempoBpm = 120 });

        var run = await CliRun.InvokeAsync("tab", input, "--out", _folder.Path, "--tab", "bass", "--tuning", "drop-d", "--tab-tempo", "midi", "--tab-formats", "json,midi");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(_folder.File("riff.tab.json")));
        var root = json.RootElement;
        Assert.Equal("bass", root.GetProperty("instrument").GetString());
        Assert.Equal(120, root.GetProperty("tempoBpm").GetInt32());
        var placed = root.GetProperty("measures").EnumerateArray().SelectMany(m => m.GetProperty("events").EnumerateArray())
            .SelectMany(e => e.GetProperty("notes").EnumerateArray())
            .Select(n => (n.GetProperty("stringNumber").GetInt32(), n.GetProperty("fret").GetInt32()))
            .ToList();
        Assert.Equal([(4, 0), (4, 2), (4, 3), (4, 5)], placed);
        Assert.Equal("MThd"u8.ToArray(), File.ReadAllBytes(_folder.File("riff.tab.mid"))[..4]);
        Assert.False(File.Exists(_folder.File("riff.tab.txt")));
    }

    [Fact]
    public async Task BadOptions_ExitTwo_NamingEveryProblem()
    {
        var input = WriteNoteList("song.notes.json", ChordThenMelody);

        var run = await CliRun.InvokeAsync("tab", input, "--out", _folder.File("out"), "--capo", "40", "--tuning", "nonsense", "--tab-formats", "pdf");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.Contains("Capo '40' is not a whole number in 0..12", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.Contains("Unknown tuning 'nonsense' for a guitar", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.Contains("'pdf' is not a tab format", StringComparison.Ordinal));
        Assert.False(Directory.Exists(_folder.File("out")));
    }

    [Fact]
    public async Task FileThatIsNoNotes_FailsAlone_TheOthersAreTabbed()
    {
        var good = WriteNoteList("good.notes.json", ChordThenMelody);
        var bad = _folder.File("photo.mid");
        File.WriteAllBytes(bad, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4]);
        var truncated = _folder.File("cut.notes.json");
        File.WriteAllText(truncated, "{\"version\":1,\"notes\":[{\"start\":0.1,");

        var run = await CliRun.InvokeAsync("tab", bad, good, truncated, "--out", _folder.Path);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(2, run.ErrorLines.Count);
        Assert.Contains(run.ErrorLines, l => l.StartsWith($"wtt: error: {bad}: not a MIDI file or a note list", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.StartsWith($"wtt: error: {truncated}: Not a note list", StringComparison.Ordinal));
        Assert.True(File.Exists(_folder.File("good.tab.txt")));
    }

    private string WriteNoteList(string name, IReadOnlyList<NoteEvent> notes)
    {
        var path = _folder.File(name);
        using var file = File.Create(path);
        NoteListWriter.WriteJson(file, notes);
        return path;
    }
}
