using WhatsTheTab.Tablature.Export;
using WhatsTheTab.Tablature.Tests.Pieces;
using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Tablature.Tests;

public sealed class TablatureBuilderTests
{
    [Fact]
    public void NoNotes_GiveAValidEmptyTab()
    {
        TabScore score = TablatureBuilder.Build([], new TabOptions());

        TabMeasure measure = Assert.Single(score.Measures);
        Assert.Empty(measure.Events);
        Assert.Empty(score.Notes);
        Assert.Equal(120, score.NotatedTempoBpm);
        Assert.Equal(0, score.Grid.Confidence);
        Assert.Contains("e|---------------------------------|", AsciiTabWriter.ToText(score), StringComparison.Ordinal);
        Assert.EndsWith("r.1" + Environment.NewLine, AlphaTexWriter.ToText(score), StringComparison.Ordinal);
        using var midi = new MemoryStream();
        TabMidiWriter.Write(score, midi);
        Assert.True(midi.Length > 0);
    }

    [Fact]
    public void OneNote_IsOneBar()
    {
        TabScore score = TablatureBuilder.Build([new NoteEvent(0.2, 0.7, 64, 0.8)], new TabOptions());

        PlacedNote note = Assert.Single(score.Notes);
        Assert.Equal(0, note.StartTick);
        Assert.Single(score.Measures);
    }

    [Fact]
    public void BrokenNotes_AreDroppedAsInvalid()
    {
        NoteEvent[] notes =
        [
            new(double.NaN, 1, 60, 0.5),
            new(0, double.PositiveInfinity, 60, 0.5),
            new(0, 1, 128, 0.5),
            new(0, 1, -1, 0.5),
            new(0, 1, 64, double.NaN),
            new(0, 1, 64, 0.5),
        ];

        TabScore score = TablatureBuilder.Build(notes, new TabOptions());

        Assert.Equal([0, 1, 2, 3, 4], score.Report.Dropped.Select(d => d.SourceIndex));
        Assert.All(score.Report.Dropped, d => Assert.Equal(DropReason.Invalid, d.Reason));
        Assert.Equal(5, Assert.Single(score.Notes).SourceIndex);
    }

    [Fact]
    public void SamePitchTwiceAtOnce_KeepsOne_AndOverlapsAreCut()
    {
        NoteEvent[] notes =
        [
            new(0, 1, 64, 0.5),
            new(0.005, 0.5, 64, 0.5),
            new(1.2, 2.4, 67, 0.5),
            new(1.8, 2.4, 67, 0.5),
        ];

        TabScore score = TablatureBuilder.Build(notes, new TabOptions { TempoBpm = 60 });

        Assert.Equal(new DroppedNote(1, notes[1], DropReason.DuplicatePitch), Assert.Single(score.Report.Dropped));
        PlacedNote first = score.Notes.Single(n => n.SourceIndex == 2);
        PlacedNote second = score.Notes.Single(n => n.SourceIndex == 3);
        Assert.Equal(second.StartTick, first.EndTick);
        Assert.Contains(score.Report.Shortened, s => s.SourceIndex == 2);
    }

    [Fact]
    public void NullNotes_OrOptions_AreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => TablatureBuilder.Build(null!, new TabOptions()));
        Assert.Throws<ArgumentNullException>(() => TablatureBuilder.Build([], null!));
        Assert.Throws<ArgumentException>(() => TablatureBuilder.Build([null!], new TabOptions()));
    }

    [Fact]
    public void NotesFromANoteList_Tab()
    {
        var notes = new BeatNotes().Run(0.5, 60, 62, 64, 65, 67, 69, 71, 72).At(110);
        using var json = new MemoryStream();
        NoteListWriter.WriteJson(json, notes);
        json.Position = 0;

        TabScore score = TablatureBuilder.Build(NoteListReader.ReadJson(json), new TabOptions());

        Assert.Equal(8, score.Notes.Count);
        Assert.InRange(score.Grid.EstimatedTempoBpm, 107, 113);
    }

    [Fact]
    public void Measures_HoldTheirEventsInOrder()
    {
        TabPiece piece = HandMovementPieces.All[0];
        TabScore score = TablatureBuilder.Build(piece.Notes, piece.Options);

        Assert.Equal(score.Events, score.Measures.SelectMany(m => m.Events));
        Assert.All(score.Measures, m => Assert.All(m.Events, e => Assert.InRange(e.StartTick, m.StartTick, m.EndTick - 1)));
        Assert.All(score.Events.Zip(score.Events.Skip(1)), p => Assert.True(p.First.EndTick <= p.Second.StartTick));
        Assert.Equal(Enumerable.Range(1, score.Measures.Count), score.Measures.Select(m => m.Number));
    }
}
