using CsCheck;
using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Transcription.Tests.Notes;

/// <summary>The fast extractor (pre-sorted melodia queue, row-at-a-time onsets) must give exactly the naive port's notes.</summary>
public sealed class NoteExtractorPropertyTests
{
    // Few distinct values so that ties (equal maxima, equal neighbours, values exactly at thresholds) are common.
    private static readonly float[] Palette = [0f, 0f, 0f, 0.1f, 0.29f, 0.3f, 0.31f, 0.5f, 0.7f, 0.7f, 1f];

    private static readonly Gen<(Activations Activations, NoteOptions Options)> Cases =
        Gen.Select(Gen.Int[0, 48], Gen.Int, Gen.Int[0, 5], Gen.Int[0, 4], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 15])
            .Select((frames, seed, minLength, tolerance, onsetLevel, frameLevel, switches) =>
                (Random(frames, seed), new NoteOptions
                {
                    OnsetThreshold = new[] { 0.5, 0.3, 0.7, 0.0 }[onsetLevel],
                    FrameThreshold = new[] { 0.3, 0.5, 0.29, 0.0 }[frameLevel],
                    MinNoteLengthFrames = minLength,
                    EnergyTolerance = tolerance,
                    InferOnsets = (switches & 1) != 0,
                    MelodiaTrick = (switches & 2) != 0,
                    MinFrequency = (switches & 4) != 0 ? 100 : null,
                    MaxFrequency = (switches & 8) != 0 ? 1000 : null,
                    PitchBends = (PitchBendMode)Math.Abs(seed % 3),
                }));

    [Fact]
    public void FrameNotes_MatchTheNaivePortInOrder()
    {
        Cases.Sample(c =>
        {
            List<NaiveNoteExtractor.Note> expected = NaiveNoteExtractor.Extract(c.Activations, c.Options);
            List<FrameNote> actual = NoteExtractor.ExtractFrameNotes(c.Activations, c.Options);

            Assert.Equal(
                expected.Select(n => (n.Start, n.End, n.Pitch, n.Amplitude)),
                actual.Select(n => (n.StartFrame, n.EndFrame, n.Pitch, n.Amplitude)));
        }, iter: 1000);
    }

    [Fact]
    public void Notes_MatchTheNaivePortWithTimesAndBends()
    {
        Cases.Sample(c =>
        {
            var expected = NaiveNoteExtractor.Extract(c.Activations, c.Options)
                .Select(n => (Start: ModelFrameTime.Seconds(n.Start), End: ModelFrameTime.Seconds(n.End), n.Pitch, n.Amplitude, Bends: Show(n.Bends)))
                .OrderBy(n => n.Start).ThenBy(n => n.Pitch).ThenBy(n => n.End);
            IReadOnlyList<NoteEvent> actual = NoteExtractor.Extract(c.Activations, c.Options);

            Assert.Equal(expected, actual.Select(n => (n.StartSeconds, n.EndSeconds, n.Pitch, n.Amplitude, Show(n.PitchBends))));
        }, iter: 1000);
    }

    [Fact]
    public void FastMelodia_MatchesNaiveOnLargeTiedPlateaus()
    {
        // Wide blocks of one value: every melodia step is a tie broken by row-major order.
        Gen.Select(Gen.Int[20, 80], Gen.Int, Gen.Int[0, 3]).Sample((frames, seed, tolerance) =>
        {
            var random = new System.Random(seed);
            var builder = new ActivationsBuilder(frames);
            for (int block = 0; block < 6; block++)
            {
                int pitch = random.Next(21, 109);
                int start = random.Next(frames);
                builder.Frames(pitch, start, Math.Min(frames, start + random.Next(1, 30)), random.Next(2) == 0 ? 0.7f : 0.9f);
            }

            Activations activations = builder.Build();
            var options = new NoteOptions { InferOnsets = false, MinNoteLengthFrames = random.Next(4), EnergyTolerance = tolerance };

            Assert.Equal(
                NaiveNoteExtractor.Extract(activations, options).Select(n => (n.Start, n.End, n.Pitch, n.Amplitude)),
                NoteExtractor.ExtractFrameNotes(activations, options).Select(n => (n.StartFrame, n.EndFrame, n.Pitch, n.Amplitude)));
        }, iter: 500);
    }

    private static string Show(IReadOnlyList<int>? bends) => bends is null ? "null" : string.Join(' ', bends);

    private static Activations Random(int frames, int seed)
    {
        var random = new System.Random(seed);
        float[] notes = new float[frames * Activations.PitchBins];
        float[] onsets = new float[frames * Activations.PitchBins];
        float[] contours = new float[frames * Activations.ContourBins];

        // A handful of active pitch columns, adjacent ones and the range edges included, so neighbour clearing matters.
        int[] columns = [.. Enumerable.Range(0, 6).Select(_ => random.Next(6) switch
        {
            0 => 0,
            1 => 87,
            _ => random.Next(40, 46),
        })];
        foreach (int column in columns)
        {
            int t = 0;
            while (t < frames)
            {
                int run = random.Next(1, 16);
                float level = Palette[random.Next(Palette.Length)];
                for (int i = t; i < Math.Min(frames, t + run); i++)
                {
                    notes[(i * Activations.PitchBins) + column] = random.Next(4) == 0 ? Palette[random.Next(Palette.Length)] : level;
                    if (random.Next(5) == 0)
                    {
                        onsets[(i * Activations.PitchBins) + column] = Palette[random.Next(Palette.Length)];
                    }
                }

                t += run;
            }
        }

        for (int i = 0; i < contours.Length; i++)
        {
            if (random.Next(8) == 0)
            {
                contours[i] = Palette[random.Next(Palette.Length)];
            }
        }

        return new Activations(frames, notes, onsets, contours);
    }
}
