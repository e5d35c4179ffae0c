using WhatsTheTab.Tablature.Fingering;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Tablature.Tests.Pieces;

namespace WhatsTheTab.Tablature.Tests.Fingering;

public sealed class FingeringTests
{
    private static readonly int[] CMajor = [48, 52, 55, 60, 64];

    [Fact]
    public void OpenCMajorChord_IsX32010()
    {
        TabScore score = TabTesting.Build(new BeatNotes().Play(4, CMajor));

        Assert.Equal("x32010", TabTesting.Shape(score, Assert.Single(score.Events)));
    }

    [Fact]
    public void APentatonicRun_StaysInFifthPosition()
    {
        int[] up = [57, 60, 62, 64, 67, 69, 72];
        TabScore score = TabTesting.Build(new BeatNotes().Run(0.5, up).Run(0.5, [.. up.Reverse().Skip(1)]));

        Assert.All(score.Notes, n => Assert.InRange(n.Fret, 5, 8));
    }

    [Fact]
    public void APentatonicBoxRun_StaysInFifthPosition()
    {
        // The A minor pentatonic scale from A2 to C5 up and down: the "box" between the 5th and 8th frets.
        int[] up = [45, 48, 50, 52, 55, 57, 60, 62, 64, 67, 69, 72];
        TabScore score = TabTesting.Build(new BeatNotes().Run(0.25, up).Run(0.25, [.. up.Reverse().Skip(1)]));

        Assert.Equal(up.Length * 2 - 1, score.Notes.Count);
        Assert.All(score.Notes, n => Assert.InRange(n.Fret, 5, 8));
        Assert.Equal(0, HandTravel.Of(score));
    }

    [Fact]
    public void APentatonicRunFromA3ToD5_IsPlayedWithoutMovingTheHand()
    {
        // A3 to D5 fits the pentatonic's second box (7th to 10th fret) whole, so no note needs a shift, nor an open string.
        int[] up = [57, 60, 62, 64, 67, 69, 72, 74];
        TabScore score = TabTesting.Build(new BeatNotes().Run(0.25, up).Run(0.25, [.. up.Reverse().Skip(1)]));

        Assert.Equal(0, HandTravel.Of(score));
        Assert.All(score.Notes, n => Assert.NotEqual(0, n.Fret));
    }

    [Fact]
    public void DropD_ChangesOnlyTheLowStringsFrets()
    {
        // An open-position riff on the low strings: E2 G2 A2 D3 E3 G3 A3 and back.
        int[] riff = [40, 43, 45, 50, 52, 55, 57, 55, 52, 50, 45, 43, 40];
        var notes = new BeatNotes().Run(0.5, riff);
        (int String, int Fret)[] standard = TabTesting.Positions(TabTesting.Build(notes));
        (int String, int Fret)[] dropD = TabTesting.Positions(TabTesting.Build(notes, new TabOptions { Tuning = "drop-d" }));

        Assert.Equal(riff.Length, standard.Length);
        Assert.Contains(standard, p => p.String == 6);
        for (int i = 0; i < riff.Length; i++)
        {
            // The sixth string is a whole tone lower, so a note kept on it is two frets higher; every other note is untouched.
            Assert.Equal(standard[i].String == 6 ? (6, standard[i].Fret + 2) : standard[i], dropD[i]);
        }
    }

    [Fact]
    public void LowD_IsTheOpenSixthStringInDropD_AndAnOctaveUpInStandard()
    {
        var notes = new BeatNotes().Play(2, 38).Play(2, 45);

        TabScore dropD = TabTesting.Build(notes, new TabOptions { Tuning = "drop-d" });
        TabScore standard = TabTesting.Build(notes);

        Assert.Equal((6, 0), TabTesting.Positions(dropD)[0]);
        Assert.Empty(dropD.Report.Transposed);
        Assert.Equal(new TransposedNote(0, 38, 50), Assert.Single(standard.Report.Transposed));
        Assert.Equal(50, standard.Notes.Single(n => n.SourceIndex == 0).Pitch);
    }

    [Fact]
    public void Capo_KeepsTheShapeOfTheTransposedChord()
    {
        // D major voiced like the open C shape, capo 2: the tab reads x32010 again, frets counted from the capo.
        TabScore score = TabTesting.Build(new BeatNotes().Play(4, [.. CMajor.Select(p => p + 2)]), new TabOptions { Capo = 2 });

        Assert.Equal("x32010", TabTesting.Shape(score, Assert.Single(score.Events)));
        Assert.All(score.Notes, n => Assert.Equal(n.Pitch, score.Instrument.OpenPitch(n.StringNumber) + 2 + n.Fret));
    }

    [Fact]
    public void Capo_TabsAMelodyAsTheSameFretsAWholeToneHigher()
    {
        int[] melody = [62, 64, 66, 67, 69, 71, 73, 74, 71, 67, 64, 62, 57, 55];
        TabScore open = TabTesting.Build(new BeatNotes().Run(0.5, melody));
        TabScore capo = TabTesting.Build(new BeatNotes().Run(0.5, [.. melody.Select(p => p + 2)]), new TabOptions { Capo = 2 });

        Assert.Equal(TabTesting.Positions(open), TabTesting.Positions(capo));
        Assert.All(capo.Notes, n => Assert.Equal(n.Pitch, capo.Instrument.PitchAt(n.StringNumber, n.Fret)));
    }

    [Fact]
    public void Capo_FretsOfTheSamePitchesAreTwoLowerWhereTheStringIsKept()
    {
        int[] melody = [66, 68, 69, 71, 73, 74, 76, 78];
        TabScore open = TabTesting.Build(new BeatNotes().Run(0.5, melody));
        TabScore capo = TabTesting.Build(new BeatNotes().Run(0.5, melody), new TabOptions { Capo = 2 });

        Assert.All(capo.Notes, n => Assert.Equal(n.Pitch, 2 + capo.Instrument.OpenPitch(n.StringNumber) + n.Fret));
        var pairs = TabTesting.Positions(open).Zip(TabTesting.Positions(capo)).Where(p => p.First.String == p.Second.String).ToList();
        Assert.NotEmpty(pairs);
        Assert.All(pairs, p => Assert.Equal(p.First.Fret - 2, p.Second.Fret));
    }

    [Fact]
    public void BassOpenStrings_AreTheStringsInOrder()
    {
        TabScore score = TabTesting.Build(new BeatNotes().Run(1, 28, 33, 38, 43), new TabOptions { Instrument = InstrumentKind.Bass });

        Assert.Equal([(4, 0), (3, 0), (2, 0), (1, 0)], TabTesting.Positions(score));
    }

    [Fact]
    public void FiveStringBass_PlaysLowBOnItsFifthString()
    {
        TabScore score = TabTesting.Build(new BeatNotes().Run(1, 23, 26, 28), new TabOptions { Instrument = InstrumentKind.FiveStringBass });

        Assert.Equal([(5, 0), (5, 3), (4, 0)], TabTesting.Positions(score));
        Assert.Empty(score.Report.Transposed);
    }

    [Fact]
    public void SevenStringGuitar_PlaysLowBOpen_AndMovesLowerNotesUpAnOctave()
    {
        TabScore score = TabTesting.Build(new BeatNotes().Run(1, 35, 33, 40), new TabOptions { Instrument = InstrumentKind.SevenStringGuitar });

        Assert.Equal((7, 0), TabTesting.Positions(score)[0]);
        Assert.Equal(new TransposedNote(1, 33, 45), Assert.Single(score.Report.Transposed));
        Assert.Equal(12, score.Notes.Single(n => n.SourceIndex == 1).OctaveShift);
    }

    [Fact]
    public void ChordWithMoreNotesThanStrings_DropsTheFewestInnerNotes()
    {
        int[] cluster = [40, 47, 52, 55, 59, 64, 67, 71];
        TabScore score = TabTesting.Build(new BeatNotes().Play(4, cluster));

        Assert.Equal(2, score.Report.Dropped.Count);
        Assert.All(score.Report.Dropped, d => Assert.Equal(DropReason.Unplayable, d.Reason));
        Assert.Equal(6, score.Notes.Count);
        Assert.Contains(score.Notes, n => n.Pitch == 40);
        Assert.Contains(score.Notes, n => n.Pitch == 71);
    }

    [Fact]
    public void ChordWiderThanTheHand_DropsANote()
    {
        // F2 exists only at the first fret of the low E string and F5 not below the 13th fret: one of them must go
        // (F2, the bass, goes after the inner A#3 fails to help), and A#3 with F5 fit at the 13th fret.
        TabScore score = TabTesting.Build(new BeatNotes().Play(4, 41, 58, 77));

        DroppedNote dropped = Assert.Single(score.Report.Dropped);
        Assert.Equal(DropReason.Unplayable, dropped.Reason);
        Assert.Equal(2, score.Notes.Count);
    }

    [Fact]
    public void NotesOutOfRange_AreMovedByOctaves_OrDroppedWhenNoOctaveFits()
    {
        TabScore score = TabTesting.Build(new BeatNotes().Run(1, 108, 10, 64));

        Assert.Equal([new TransposedNote(0, 108, 84), new TransposedNote(1, 10, 46)], score.Report.Transposed);
        Assert.Empty(score.Report.Dropped);
        Assert.Equal(3, score.Notes.Count);
    }

    [Fact]
    public void SustainedBassNote_KeepsItsString()
    {
        // A4 melody notes over an A2 held for the whole bar: no melody note may take the A string while it rings.
        var melody = new BeatNotes().Play(4, 45).Seek(0).Run(0.5, 57, 59, 60, 62, 64, 62, 60, 59);
        TabScore score = TabTesting.Build(melody);

        PlacedNote bass = Assert.Single(score.Notes, n => n.Pitch == 45 && n.SourceIndex == 0);
        Assert.All(score.Notes.Where(n => n != bass), n => Assert.NotEqual(bass.StringNumber, n.StringNumber));
        Assert.Empty(score.Report.Shortened);
    }
}
