using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Transcription.Tests.Notes;

public sealed class PitchBendTests
{
    [Theory]
    [InlineData(60, 118, 1)]
    [InlineData(60, 114, -3)]
    [InlineData(21, 2, 2)]
    [InlineData(21, 0, 0)]
    [InlineData(108, 263, 2)]
    [InlineData(108, 259, -2)]
    public void ContourPeak_GivesBendInThirdsOfASemitone(int pitch, int peakBin, int expectedBend)
    {
        float[] contours = new ActivationsBuilder(20).Contour(peakBin, 0, 20, 0.9f).Build().Contours!;

        int[] bends = PitchBendEstimator.Estimate(contours, new FrameNote(3, 15, pitch, 0.5));

        Assert.Equal(Enumerable.Repeat(expectedBend, 12), bends);
    }

    [Fact]
    public void FlatContours_PickTheFirstBinOfTheWindow()
    {
        // np.argmax returns the first maximum: all zeros give the window's first bin, 25 bins (≈8 semitones) below.
        float[] contours = new float[10 * Activations.ContourBins];

        Assert.All(PitchBendEstimator.Estimate(contours, new FrameNote(0, 5, 60, 0.5)), bend => Assert.Equal(-25, bend));
        Assert.All(PitchBendEstimator.Estimate(contours, new FrameNote(0, 5, 21, 0.5)), bend => Assert.Equal(0, bend));
    }

    [Fact]
    public void Extract_EstimatesBendsPerFrameOfTheNote()
    {
        Activations activations = new ActivationsBuilder(100)
            .Frames(60, 10, 40, 0.8f).Onset(60, 10, 0.9f)
            .Contour(117, 0, 100, 0.5f).Contour(118, 20, 40, 0.9f)
            .Build();

        NoteEvent note = Assert.Single(NoteExtractor.Extract(activations, new NoteOptions()));

        Assert.Equal([.. Enumerable.Repeat(0, 10), .. Enumerable.Repeat(1, 20)], note.PitchBends!);
    }

    [Theory]
    [InlineData(PitchBendMode.None)]
    [InlineData(PitchBendMode.SingleTrack)]
    public void NoBendsWithoutContoursOrWhenSwitchedOff(PitchBendMode mode)
    {
        Activations withContours = new ActivationsBuilder(100).Frames(60, 10, 40, 0.8f).Onset(60, 10, 0.9f).Build();
        Activations without = new ActivationsBuilder(100).Frames(60, 10, 40, 0.8f).Onset(60, 10, 0.9f).Build(withContours: false);

        Assert.Null(Assert.Single(NoteExtractor.Extract(without, new NoteOptions { PitchBends = mode })).PitchBends);
        Assert.Equal(mode == PitchBendMode.None, Assert.Single(NoteExtractor.Extract(withContours, new NoteOptions { PitchBends = mode })).PitchBends is null);
    }
}
