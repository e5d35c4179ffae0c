using WhatsTheTab.Cli.Transcribe;

namespace WhatsTheTab.Cli.Tests.Transcribe;

public sealed class OutputNamesTests
{
    [Fact]
    public void Assign_DistinctNames_KeepsEachFileName() =>
        Assert.Equal(["intro", "verse", "solo.take2"], OutputNames.Assign(["intro.wav", "music/verse.mp3", "solo.take2.flac"]));

    [Fact]
    public void Assign_SharedBaseName_AppendsACounterFromTwo() =>
        Assert.Equal(["take", "take-2", "take-3"], OutputNames.Assign(["a/take.wav", "b/take.wav", "take.mp3"]));

    [Fact]
    public void Assign_CounterNameThatAnotherInputHas_IsSkipped() =>
        Assert.Equal(["a", "a-3", "a-2"], OutputNames.Assign(["a.wav", "a.mp3", "a-2.wav"]));

    [Fact]
    public void Assign_NamesDifferingOnlyInCase_AreKeptApart() =>
        Assert.Equal(["Song", "song-2"], OutputNames.Assign(["Song.wav", "song.wav"]));

    [Fact]
    public void Assign_SameFileTwice_GetsTwoNames() =>
        Assert.Equal(["x", "x-2"], OutputNames.Assign(["x.wav", "x.wav"]));

    [Theory]
    [InlineData("/music/riff.wav", "riff")]
    [InlineData("riff", "riff")]
    [InlineData("live.2024.ogg", "live.2024")]
    [InlineData(".wav", "output")]
    public void BaseName_StripsFolderAndLastExtension(string input, string expected) =>
        Assert.Equal(expected, OutputNames.BaseName(input));

    [Fact]
    public void OutputPaths_For_NamesEveryOutputInTheFolder()
    {
        var paths = OutputPaths.For("out", "riff");
        Assert.Equal(Path.Combine("out", "riff.mid"), paths.Midi);
        Assert.Equal(Path.Combine("out", "riff.notes.json"), paths.NotesJson);
        Assert.Equal(Path.Combine("out", "riff.notes.csv"), paths.NotesCsv);
        Assert.Equal(Path.Combine("out", "riff.sonified.wav"), paths.SonifiedWav);
    }
}
