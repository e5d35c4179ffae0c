using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Transcription.Tests.Notes;

public sealed class NoteExtractorTests
{
    private static readonly NoteOptions Defaults = new();

    [Fact]
    public void SustainedNoteWithOnsetPeak_GivesOneNoteWithItsFramesAndTimes()
    {
        Activations activations = new ActivationsBuilder(100).Frames(60, 10, 40, 0.8f).Onset(60, 10, 0.9f).Build(withContours: false);

        NoteEvent note = Assert.Single(NoteExtractor.Extract(activations, Defaults));

        Assert.Equal(60, note.Pitch);
        Assert.Equal(10 * 256 / 22050.0, note.StartSeconds, 12);
        Assert.Equal(40 * 256 / 22050.0, note.EndSeconds, 12);
        Assert.Equal(0.8f, note.Amplitude, 6);
        Assert.Equal(102, note.Velocity);
        Assert.Null(note.PitchBends);
        FrameNote frames = Assert.Single(NoteExtractor.ExtractFrameNotes(activations, Defaults));
        Assert.Equal(new FrameNote(10, 40, 60, 0.8f), frames);
    }

    [Theory]
    [InlineData(11, 0)]
    [InlineData(12, 1)]
    public void NoteLength_MustExceedMinimumFrames(int length, int expectedNotes)
    {
        Activations activations = new ActivationsBuilder(100).Frames(64, 20, 20 + length, 0.7f).Onset(64, 20, 0.9f).Build();

        IReadOnlyList<NoteEvent> notes = NoteExtractor.Extract(activations, Defaults);

        Assert.Equal(expectedNotes, notes.Count);
    }

    [Fact]
    public void GapShorterThanEnergyTolerance_IsBridged()
    {
        Activations activations = new ActivationsBuilder(120)
            .Frames(50, 10, 30, 0.8f).Frames(50, 40, 60, 0.8f).Onset(50, 10, 0.9f).Build();

        FrameNote note = Assert.Single(NoteExtractor.ExtractFrameNotes(activations, Defaults with { InferOnsets = false, MelodiaTrick = false }));

        Assert.Equal((10, 60), (note.StartFrame, note.EndFrame));
        Assert.Equal(40 * 0.8f / 50, note.Amplitude, 6);
    }

    [Fact]
    public void GapOfEnergyToleranceFrames_EndsTheNote()
    {
        Activations activations = new ActivationsBuilder(120)
            .Frames(50, 10, 30, 0.8f).Frames(50, 41, 60, 0.8f).Onset(50, 10, 0.9f).Build();

        FrameNote note = Assert.Single(NoteExtractor.ExtractFrameNotes(activations, Defaults with { InferOnsets = false, MelodiaTrick = false }));

        Assert.Equal((10, 30), (note.StartFrame, note.EndFrame));
    }

    [Theory]
    [InlineData(true, 40)]
    [InlineData(false, 80)]
    public void FrequencyLimits_DropPitchesOutsideThem(bool limitAbove, int survivingPitch)
    {
        Activations activations = new ActivationsBuilder(100)
            .Frames(40, 10, 40, 0.8f).Onset(40, 10, 0.9f)
            .Frames(80, 10, 40, 0.8f).Onset(80, 10, 0.9f)
            .Build();
        float[] notesBefore = (float[])activations.Notes.Clone();
        float[] onsetsBefore = (float[])activations.Onsets.Clone();
        double middleC = 440 * Math.Pow(2, (60 - 69) / 12.0);
        NoteOptions options = limitAbove ? Defaults with { MaxFrequency = middleC } : Defaults with { MinFrequency = middleC };

        NoteEvent note = Assert.Single(NoteExtractor.Extract(activations, options));

        Assert.Equal(survivingPitch, note.Pitch);
        Assert.Equal(notesBefore, activations.Notes);
        Assert.Equal(onsetsBefore, activations.Onsets);
    }

    [Fact]
    public void MaxFrequency_ExcludesItsOwnRoundedPitch()
    {
        // basic-pitch zeroes pitch indices >= round(hz_to_midi(max) - 21): a note exactly at the limit goes too.
        Activations activations = new ActivationsBuilder(100)
            .Frames(59, 10, 40, 0.8f).Onset(59, 10, 0.9f).Frames(62, 10, 40, 0.8f).Onset(62, 10, 0.9f).Build();

        NoteEvent note = Assert.Single(NoteExtractor.Extract(activations, Defaults with { MaxFrequency = 440 * Math.Pow(2, (62 - 69) / 12.0) }));

        Assert.Equal(59, note.Pitch);
    }

    [Fact]
    public void MelodiaTrick_RecoversNoteWithoutOnset()
    {
        Activations activations = new ActivationsBuilder(100).Frames(55, 20, 50, 0.6f).Build();

        FrameNote note = Assert.Single(NoteExtractor.ExtractFrameNotes(activations, Defaults with { InferOnsets = false }));
        Assert.Empty(NoteExtractor.ExtractFrameNotes(activations, Defaults with { InferOnsets = false, MelodiaTrick = false }));

        // Its forward pass stops one frame short of an onset-led note's end, as in basic-pitch.
        Assert.Equal(new FrameNote(20, 49, 55, 0.6f), note);
    }

    [Fact]
    public void InferOnsets_TurnsARiseInFramesIntoAnOnset()
    {
        // Inferred onsets are rescaled to the strongest predicted onset, so one predicted onset must exist somewhere
        // (here an isolated one whose note is too short to keep).
        Activations activations = new ActivationsBuilder(100).Frames(70, 10, 40, 0.8f).Onset(30, 70, 0.9f).Build();
        NoteOptions noMelodia = Defaults with { MelodiaTrick = false };

        FrameNote note = Assert.Single(NoteExtractor.ExtractFrameNotes(activations, noMelodia));
        Assert.Empty(NoteExtractor.ExtractFrameNotes(activations, noMelodia with { InferOnsets = false }));

        Assert.Equal((10, 40, 70), (note.StartFrame, note.EndFrame, note.Pitch));
    }

    [Fact]
    public void NoteRunningToTheEnd_EndsOnTheLastFrame()
    {
        Activations activations = new ActivationsBuilder(50).Frames(60, 20, 50, 0.8f).Onset(60, 20, 0.9f).Build();

        FrameNote note = Assert.Single(NoteExtractor.ExtractFrameNotes(activations, Defaults));

        Assert.Equal((20, 49), (note.StartFrame, note.EndFrame));
    }

    [Fact]
    public void Notes_AreSortedByStartThenPitch()
    {
        Activations activations = new ActivationsBuilder(200)
            .Frames(70, 100, 150, 0.8f).Onset(70, 100, 0.9f)
            .Frames(60, 10, 40, 0.8f).Onset(60, 10, 0.9f)
            .Frames(50, 10, 40, 0.8f).Onset(50, 10, 0.9f)
            .Build();

        IReadOnlyList<NoteEvent> notes = NoteExtractor.Extract(activations, Defaults);

        Assert.Equal([50, 60, 70], notes.Select(n => n.Pitch));
    }

    [Fact]
    public void EmptyActivations_GiveNoNotes()
    {
        Assert.Empty(NoteExtractor.Extract(new Activations(0, [], [], []), Defaults));
        Assert.Empty(NoteExtractor.Extract(new ActivationsBuilder(100).Build(), Defaults));
    }

    [Theory]
    [InlineData(-0.1, 0.3, 11, 11)]
    [InlineData(0.5, 1.5, 11, 11)]
    [InlineData(0.5, 0.3, -1, 11)]
    [InlineData(0.5, 0.3, 11, -1)]
    public void InvalidOptions_AreRejected(double onset, double frame, int minLength, int tolerance)
    {
        var options = new NoteOptions { OnsetThreshold = onset, FrameThreshold = frame, MinNoteLengthFrames = minLength, EnergyTolerance = tolerance };

        Assert.Throws<ArgumentException>(() => NoteExtractor.Extract(new ActivationsBuilder(10).Build(), options));
    }

    [Fact]
    public void MinFrequencyAboveMax_IsRejected()
    {
        Assert.Throws<ArgumentException>(() =>
            NoteExtractor.Extract(new ActivationsBuilder(10).Build(), Defaults with { MinFrequency = 500, MaxFrequency = 400 }));
    }
}
