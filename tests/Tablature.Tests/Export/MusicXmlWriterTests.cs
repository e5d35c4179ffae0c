using System.Xml.Linq;
using WhatsTheTab.Tablature.Export;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Tablature.Rhythm;
using WhatsTheTab.Tablature.Tests.Pieces;

namespace WhatsTheTab.Tablature.Tests.Export;

public sealed class MusicXmlWriterTests
{
    public static TheoryData<string> PieceNames() => [.. HandMovementPieces.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(PieceNames))]
    public void Document_IsPartwise40WithBarsThatAddUp(string name)
    {
        TabPiece piece = HandMovementPieces.All.Single(p => p.Name == name);
        TabScore score = TablatureBuilder.Build(piece.Notes, piece.Options);

        XDocument document = XDocument.Parse(MusicXmlWriter.ToXml(score));

        MusicXmlChecks.AssertWellFormedTab(document, score);
    }

    [Fact]
    public void TripletsTiesAndThreeFour_AddUpToo()
    {
        var notes = new BeatNotes()
            .Run(1.0 / 3, 64, 65, 67).Play(2.5, 69).Run(1.0 / 3, 67, 65, 64).Play(0.5, 62)
            .Play(4, 48, 52, 55).Run(0.75, 60, 62).Play(1.5, 64);
        TabScore score = TabTesting.Build(notes, new TabOptions { TimeSignature = new TimeSignature(3, 4), Capo = 1 });

        XDocument document = XDocument.Parse(MusicXmlWriter.ToXml(score));

        MusicXmlChecks.AssertWellFormedTab(document, score);
        Assert.Contains(document.Descendants("time-modification"), e => e.Element("actual-notes")?.Value == "3");
        Assert.Contains(document.Descendants("tuplet"), e => e.Attribute("type")?.Value == "start");
        Assert.Contains(document.Descendants("tie"), e => e.Attribute("type")?.Value == "start");
        Assert.Equal("1", document.Descendants("capo").Single().Value);
    }

    [Fact]
    public void Attributes_DescribeTheInstrument()
    {
        TabScore score = TabTesting.Build(new BeatNotes().Run(1, 28, 33), new TabOptions { Instrument = InstrumentKind.Bass, Title = "Low & \"loud\"" });

        XDocument document = XDocument.Parse(MusicXmlWriter.ToXml(score));
        XElement attributes = document.Descendants("attributes").Single();

        Assert.Equal("Low & \"loud\"", document.Descendants("work-title").Single().Value);
        Assert.Equal("F", attributes.Elements("clef").First().Element("sign")!.Value);
        Assert.Equal("-1", attributes.Elements("clef").First().Element("clef-octave-change")!.Value);
        Assert.Equal("TAB", attributes.Elements("clef").Last().Element("sign")!.Value);
        Assert.Equal("4", attributes.Descendants("staff-lines").Single().Value);
        Assert.Equal(["E1", "A1", "D2", "G2"], attributes.Descendants("staff-tuning").Select(t => t.Element("tuning-step")!.Value + t.Element("tuning-octave")!.Value));
        Assert.Equal("34", document.Descendants("midi-program").Single().Value);
        Assert.Equal("100", document.Descendants("sound").Single().Attribute("tempo")!.Value);
        Assert.Equal("100", document.Descendants("per-minute").Single().Value);
    }

    [Fact]
    public void EmptyInput_IsOneBarOfRest()
    {
        TabScore score = TablatureBuilder.Build([], new TabOptions());

        XDocument document = XDocument.Parse(MusicXmlWriter.ToXml(score));

        XElement measure = Assert.Single(document.Descendants("measure"));
        Assert.Equal(2, measure.Elements("note").Count(n => n.Element("rest")?.Attribute("measure")?.Value == "yes"));
        MusicXmlChecks.AssertWellFormedTab(document, score);
    }
}
