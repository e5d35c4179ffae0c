using WhatsTheTab.Tablature.Export;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Tablature.Rhythm;
using WhatsTheTab.Tablature.Tests.Pieces;
using Xunit.Abstractions;

namespace WhatsTheTab.Tablature.Tests.Export;

public sealed class AsciiTabWriterTests(ITestOutputHelper output)
{
    public static TheoryData<string> PieceNames() => [.. HandMovementPieces.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(PieceNames))]
    public void ReadBack_GivesTheScoresStringsFretsAndOrder(string name)
    {
        TabPiece piece = HandMovementPieces.All.Single(p => p.Name == name);
        TabScore score = TablatureBuilder.Build(piece.Notes, piece.Options);

        string text = AsciiTabWriter.ToText(score);
        List<AsciiTabParser.ReadFret> read = AsciiTabParser.Read(text, out List<string> names);

        var expected = score.Measures
            .SelectMany(m => m.Events.SelectMany(e => e.Notes.Select(n => (Bar: m.Number - 1, e.StartTick, n.StringNumber, n.Fret))))
            .OrderBy(x => x.Bar).ThenBy(x => x.StartTick).ThenBy(x => x.StringNumber)
            .Select(x => (x.Bar, x.StringNumber, x.Fret))
            .ToList();
        var actual = read.OrderBy(r => r.Bar).ThenBy(r => r.Column).ThenBy(r => r.StringNumber).Select(r => (r.Bar, r.StringNumber, r.Fret)).ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(score.Instrument.StringCount, names.Count);
    }

    [Fact]
    public void Columns_AreProportionalToGridSteps_AndTwoDigitFretsAlign()
    {
        TabPiece piece = HandMovementPieces.All.Single(p => p.Name == "high-riff");
        TabScore score = TablatureBuilder.Build(piece.Notes, piece.Options);
        Assert.Contains(score.Notes, n => n.Fret >= 10);

        string text = AsciiTabWriter.ToText(score);
        var read = AsciiTabParser.Read(text, out _).OrderBy(r => r.Bar).ThenBy(r => r.Column).ThenBy(r => r.StringNumber).ToList();
        var expected = score.Measures
            .SelectMany(m => m.Events.SelectMany(e => e.Notes.Select(n => (Bar: m.Number - 1, Offset: e.StartTick - m.StartTick, n.StringNumber))))
            .OrderBy(x => x.Bar).ThenBy(x => x.Offset).ThenBy(x => x.StringNumber)
            .ToList();

        // Sixteenth steps three columns wide (two-digit frets plus a dash), after one leading '-'.
        Assert.Equal(expected.Select(x => 1 + (x.Offset / 6 * 3)), read.Select(r => r.Column));
        var lines = text.Split('\n').Where(l => l.Length > 1 && l[1] == '|').ToList();
        Assert.All(lines.Chunk(score.Instrument.StringCount), system => Assert.Single(system.Select(l => l.Length).Distinct()));
    }

    [Fact]
    public void Header_NamesTuningCapoTempoAndTimeSignature()
    {
        TabScore score = TabTesting.Build(new BeatNotes().Play(4, 50, 54, 57), new TabOptions { Title = "Hymn", Capo = 3, Tuning = "drop-d", TimeSignature = new TimeSignature(3, 4), TempoBpm = 72 });

        string text = AsciiTabWriter.ToText(score);
        output.WriteLine(text);

        Assert.StartsWith("Hymn\nGuitar, tuning drop-d (D2 A2 D3 G3 B3 E4), capo 3 (frets counted from the capo)\nTempo 72 bpm (given), time 3/4\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\ne|", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\nD|", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Systems_WrapToTheWidth()
    {
        TabPiece piece = HandMovementPieces.All.Single(p => p.Name == "a-minor-pentatonic-box");
        foreach (int width in (int[])[40, 80, 120])
        {
            TabScore score = TablatureBuilder.Build(piece.Notes, piece.Options with { Width = width });
            var stringLines = AsciiTabWriter.ToText(score).Split('\n').Where(l => l.StartsWith("e|", StringComparison.Ordinal)).ToList();

            // One bar of sixteenths is 34 columns here, so a line holds max(1, (width - 2) / 34) bars.
            Assert.All(stringLines, l => Assert.True(l.Length <= Math.Max(width, 36), $"{l.Length} > {width}"));
            Assert.Equal((int)Math.Ceiling(score.Measures.Count / (double)Math.Max(1, (width - 2) / 34)), stringLines.Count);
        }
    }

    [Fact]
    public void SevenStringAndBass_NameEveryString()
    {
        TabScore seven = TabTesting.Build(new BeatNotes().Play(1, 35), new TabOptions { Instrument = InstrumentKind.SevenStringGuitar });
        TabScore bass = TabTesting.Build(new BeatNotes().Play(1, 28), new TabOptions { Instrument = InstrumentKind.Bass });

        AsciiTabParser.Read(AsciiTabWriter.ToText(seven), out List<string> sevenNames);
        AsciiTabParser.Read(AsciiTabWriter.ToText(bass), out List<string> bassNames);

        Assert.Equal(["e", "B", "G", "D", "A", "E", "B"], sevenNames);
        Assert.Equal(["G", "D", "A", "E"], bassNames);
    }

    [Fact]
    public void TripletBeats_TakeThreeSteps()
    {
        var notes = new BeatNotes().Run(1.0 / 3, 64, 65, 67).Run(1, 67, 65, 64);
        TabScore score = TabTesting.Build(notes);

        string top = AsciiTabWriter.ToText(score).Split('\n').First(l => l.StartsWith("e|", StringComparison.Ordinal));

        Assert.True(score.Grid.IsTriplet(0));
        Assert.StartsWith("e|-0-1-3-3-------1-------0-------|", top, StringComparison.Ordinal);
    }
}
