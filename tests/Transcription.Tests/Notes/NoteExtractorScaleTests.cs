using System.Diagnostics;
using WhatsTheTab.Transcription.Notes;
using Xunit.Abstractions;

namespace WhatsTheTab.Transcription.Tests.Notes;

public sealed class NoteExtractorScaleTests(ITestOutputHelper output)
{
    private const int Pitches = Activations.PitchBins;

    [Fact]
    public void SixtyMinutesOfSparseActivations_AreExtractedExactly()
    {
        // ≈ 60 minutes at 86.13 frames/s. Twenty voices four semitones apart (so neighbour clearing never touches
        // another voice) play notes of constant level separated by gaps longer than the energy tolerance, over sparse
        // sub-threshold noise. Half the notes have an onset peak (found by the onset pass, frames [start, end)); the
        // others have none and are found by the melodia trick, which ends them one frame early ([start, end - 1)).
        const int frameCount = 310_000;
        var random = new Random(20240611);
        float[] notes = new float[frameCount * Pitches];
        float[] onsets = new float[frameCount * Pitches];
        for (int i = 0; i < 2_000_000; i++)
        {
            int cell = random.Next(notes.Length);
            notes[cell] = 0.1f;
            onsets[random.Next(onsets.Length)] = 0.2f;
        }

        var expected = new List<(int Start, int End, int Pitch, float Level)>();
        for (int voice = 0; voice < 20; voice++)
        {
            int column = 5 + (voice * 4);
            int t = random.Next(2, 40);
            while (true)
            {
                int length = random.Next(15, 80);
                if (t + length + 20 >= frameCount)
                {
                    break;
                }

                float level = 0.4f + (0.1f * random.Next(7));
                bool withOnset = random.Next(2) == 0;
                for (int i = t - 1; i < t + length + 1; i++)
                {
                    // Quiet borders so noise cannot lengthen or shorten a note.
                    notes[(i * Pitches) + column] = i >= t && i < t + length ? level : 0;
                }

                if (withOnset)
                {
                    onsets[(t * Pitches) + column] = 0.9f;
                    onsets[((t - 1) * Pitches) + column] = 0;
                    onsets[((t + 1) * Pitches) + column] = 0;
                }

                expected.Add((t, withOnset ? t + length : t + length - 1, column + 21, level));
                t += length + random.Next(15, 40);
            }
        }

        var activations = new Activations(frameCount, notes, onsets, null);
        var options = new NoteOptions { InferOnsets = false };

        var stopwatch = Stopwatch.StartNew();
        IReadOnlyList<NoteEvent> found = NoteExtractor.Extract(activations, options);
        stopwatch.Stop();
        output.WriteLine($"{frameCount} frames: {found.Count} notes in {stopwatch.ElapsedMilliseconds} ms");

        Assert.Equal(expected.Count, found.Count);
        var ordered = expected.OrderBy(n => n.Start).ThenBy(n => n.Pitch).ToList();
        for (int i = 0; i < ordered.Count; i++)
        {
            (int start, int end, int pitch, float level) = ordered[i];
            NoteEvent note = found[i];
            Assert.Equal(ModelFrameTime.Seconds(start), note.StartSeconds);
            Assert.Equal(ModelFrameTime.Seconds(end), note.EndSeconds);
            Assert.Equal(pitch, note.Pitch);
            Assert.Equal(level, note.Amplitude, 6);
        }
    }
}
