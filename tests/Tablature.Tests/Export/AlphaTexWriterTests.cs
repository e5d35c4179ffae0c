using Xunit.Abstractions;
using System.Text.RegularExpressions;
using WhatsTheTab.Tablature.Export;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Tablature.Rhythm;
using WhatsTheTab.Tablature.Tests.Pieces;

namespace WhatsTheTab.Tablature.Tests.Export;

public sealed partial class AlphaTexWriterTests(ITestOutputHelper output)
{
    public static TheoryData<string> PieceNames() => [.. HandMovementPieces.All.Select(p => p.Name)];

    [Fact]
    public void Header_HasTitleTrackStaffInstrumentTuningCapoTempoAndTime()
    {
        TabScore score = TabTesting.Build(new BeatNotes().Play(4, 50, 57, 62), new TabOptions { Title = "A \"quoted\" \\ title", Capo = 2, Tuning = "drop-d", TimeSignature = new TimeSignature(3, 4) });

        string[] lines = AlphaTexWriter.ToText(score).ReplaceLineEndings("\n").Split('\n');

        Assert.Equal(
            [
                "\\title \"A \\\"quoted\\\" \\\\ title\"",
                "\\track \"Guitar\"",
                "\\staff {score tabs}",
                "\\instrument 25",
                "\\tuning (E4 B3 G3 D3 A2 D2)",
                "\\capo 2",
                "\\tempo 100",
                "\\ts (3 4)",
            ],
            lines[..8]);
    }

    [Fact]
    public void Beats_AreFretDotStringWithDurations_ChordsInParentheses_TiesAsDash()
    {
        // A whole-note C chord in 4/4, then a note held over the bar line, then a triplet and a dotted quarter.
        var notes = new BeatNotes().Play(4, 48, 52, 55, 60, 64).Rest(3).Play(2, 67).Run(1.0 / 3, 64, 65, 67).Play(1.5, 69).Play(0.5, 67);
        TabScore score = TabTesting.Build(notes);

        string[] bars = [.. Bars(AlphaTexWriter.ToText(score))];
        output.WriteLine(string.Join(Environment.NewLine, bars));

        Assert.Equal("(0.1 1.2 0.3 2.4 3.5).1", bars[0]);
        Assert.Equal("r.2 {d} 3.1.4", bars[1]);
        Assert.Matches(@"^-\.1\.4 0\.1\.8 \{tu 3\} 1\.1\.8 \{tu 3\} 3\.1\.8 \{tu 3\} 5\.1\.4 \{d\} 3\.1\.8$", bars[2]);
    }

    [Theory]
    [MemberData(nameof(PieceNames))]
    public void EveryBar_AddsUpToItsLength(string name)
    {
        TabPiece piece = HandMovementPieces.All.Single(p => p.Name == name);
        TabScore score = TablatureBuilder.Build(piece.Notes, piece.Options);

        var bars = Bars(AlphaTexWriter.ToText(score)).ToList();

        Assert.Equal(score.Measures.Count, bars.Count);
        int barTicks = score.TimeSignature.TicksPerMeasure;
        Assert.All(bars, bar => Assert.Equal(barTicks, Ticks(bar)));
    }

    [Fact]
    public void Bass_UsesItsStringsAndProgram()
    {
        TabScore score = TabTesting.Build(new BeatNotes().Run(1, 23, 28), new TabOptions { Instrument = InstrumentKind.FiveStringBass });

        string text = AlphaTexWriter.ToText(score);

        Assert.Contains("\\instrument 33", text, StringComparison.Ordinal);
        Assert.Contains("\\tuning (G2 D2 A1 E1 B0)", text, StringComparison.Ordinal);
        Assert.StartsWith("0.5.4 0.4.4", Bars(text).First(), StringComparison.Ordinal);
    }

    /// <summary>The bar texts after the metadata lines.</summary>
    private static IEnumerable<string> Bars(string text) =>
        string.Join(' ', text.ReplaceLineEndings("\n").Split('\n').Where(l => l.Length > 0 && l[0] != '\\'))
            .Split('|')
            .Select(b => b.Trim());

    /// <summary>Sum of the beat durations of one bar, read from the text.</summary>
    private static int Ticks(string bar)
    {
        int ticks = 0;
        foreach (Match beat in Beat().Matches(bar))
        {
            int denominator = int.Parse(beat.Groups["duration"].Value, System.Globalization.CultureInfo.InvariantCulture);
            int value = 4 * BeatGrid.TicksPerQuarter / denominator;
            string effects = beat.Groups["effects"].Value;
            ticks += effects.Contains("tu 3", StringComparison.Ordinal) ? value * 2 / 3 : effects.Contains('d', StringComparison.Ordinal) ? value * 3 / 2 : value;
        }

        return ticks;
    }

    [GeneratedRegex(@"(?:r|\([^)]*\)|[-0-9]+\.[0-9]+)\.(?<duration>[0-9]+)(?: \{(?<effects>[^}]*)\})?")]
    private static partial Regex Beat();
}
