using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Transcription.Tests.Notes;

public sealed class OverlappingPitchBendsTests
{
    [Fact]
    public void OverlappingNotesLoseBends_TouchingAndSeparateNotesKeepThem()
    {
        int[] bends = [0, 1];
        NoteEvent[] notes =
        [
            new(2.0, 3.0, 64, 0.5, bends), // touches the next one only
            new(0.0, 1.0, 60, 0.5, bends),
            new(0.5, 1.5, 62, 0.5, bends), // overlaps the first
            new(3.0, 4.0, 65, 0.5, bends),
            new(5.0, 9.0, 67, 0.5, bends), // overlaps a note that starts long after it
            new(8.0, 8.5, 69, 0.5, bends),
        ];

        IReadOnlyList<NoteEvent> result = OverlappingPitchBends.Drop(notes);

        Assert.Equal(notes.Select(n => n.Pitch), result.Select(n => n.Pitch));
        Assert.Equal([true, false, false, true, false, false], result.Select(n => n.PitchBends is not null));
    }

    [Fact]
    public void SingleTrackExtraction_DropsBendsOfOverlappingNotes_PerNoteKeepsThem()
    {
        Activations activations = new ActivationsBuilder(200)
            .Frames(50, 10, 40, 0.8f).Onset(50, 10, 0.9f)
            .Frames(60, 30, 60, 0.8f).Onset(60, 30, 0.9f)
            .Frames(70, 100, 130, 0.8f).Onset(70, 100, 0.9f)
            .Build();

        IReadOnlyList<NoteEvent> single = NoteExtractor.Extract(activations, new NoteOptions { PitchBends = PitchBendMode.SingleTrack });
        IReadOnlyList<NoteEvent> perNote = NoteExtractor.Extract(activations, new NoteOptions { PitchBends = PitchBendMode.PerNote });

        Assert.Equal([false, false, true], single.Select(n => n.PitchBends is not null));
        Assert.All(perNote, n => Assert.NotNull(n.PitchBends));
    }
}
