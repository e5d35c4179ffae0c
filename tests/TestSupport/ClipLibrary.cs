namespace WhatsTheTab.TestSupport;

/// <summary>The synthetic pieces used by transcription tests, defined in beats.</summary>
internal static class ClipLibrary
{
    public const int AcousticGrandPiano = 0;
    public const int NylonGuitar = 24;
    public const int JazzGuitar = 26;

    public static IReadOnlyList<ClipSpec> All { get; } =
    [
        CMajorScale(),
        BlockChords(),
        GuitarArpeggio(),
        FastPassage(),
    ];

    /// <summary>C4 up to C5 and back in quarter notes at 100 bpm, after one beat of rest.</summary>
    private static ClipSpec CMajorScale()
    {
        int[] pitches = [60, 62, 64, 65, 67, 69, 71, 72, 71, 69, 67, 65, 64, 62, 60];
        var notes = pitches
            .Select((p, i) => new BeatNote(p, 1 + i, 0.95, 84 + (i % 3 * 6)))
            .ToList();
        return new ClipSpec("c-major-scale", "C major scale up and down, piano quarter notes at 100 bpm", AcousticGrandPiano, 100, notes);
    }

    /// <summary>Triads and four-note chords, one second each (60 bpm), piano.</summary>
    private static ClipSpec BlockChords()
    {
        // Voiced from C4 up: an octave lower, FluidR3's grand piano makes the reference report
        // many octave-below ghosts (onset F1 0.735 instead of 0.857).
        int[][] chords =
        [
            [72, 76, 79],     // C
            [65, 69, 72, 77], // F
            [67, 71, 74, 77], // G7
            [69, 72, 76],     // Am
            [62, 65, 69, 72], // Dm7
            [64, 68, 71, 76], // E
            [69, 72, 76, 81], // Am
            [60, 67, 71, 76], // Cmaj7
            [67, 71, 74],     // G
            [60, 67, 72, 76], // C
        ];
        var notes = new List<BeatNote>();
        for (var c = 0; c < chords.Length; c++)
        {
            foreach (var p in chords[c])
            {
                notes.Add(new BeatNote(p, 0.5 + c, 0.9, 80));
            }
        }

        return new ClipSpec("block-chords", "ten piano triads and four-note chords (C4 to A5), one per second", AcousticGrandPiano, 60, notes);
    }

    /// <summary>
    /// Fingerpicked Em–C–G–D, eighth notes at 90 bpm, each sounding until the next pick, then a
    /// final Em strum. Played on FluidR3's jazz guitar (GM 27, program 26): its nylon guitar
    /// (program 24) makes the reference re-trigger the onsets of every string still sounding at
    /// each new pick (onset F1 0.57 with ringing notes, 0.72 without), far below the 0.8 a
    /// clip needs to validate anything.
    /// </summary>
    private static ClipSpec GuitarArpeggio()
    {
        int[][] voicings =
        [
            [40, 47, 52, 55, 59, 64], // Em 022000
            [48, 52, 55, 60, 64, 67], // C  x32013 (G on top)
            [43, 47, 50, 55, 59, 67], // G  320003
            [38, 45, 50, 57, 62, 66], // D  with low D and A in the bass
        ];
        int[] pattern = [0, 1, 2, 3, 4, 5, 4, 3];
        const double lead = 0.5;
        const double eighth = 0.5;
        var notes = new List<BeatNote>();
        for (var bar = 0; bar < voicings.Length; bar++)
        {
            var barStart = lead + (4 * bar);
            for (var k = 0; k < pattern.Length; k++)
            {
                var velocity = k == 0 ? 96 : 78 + (k % 2 * 6);
                notes.Add(new BeatNote(voicings[bar][pattern[k]], barStart + (eighth * k), eighth, velocity));
            }
        }

        // Final Em strum, low to high, 30 ms between strings at 90 bpm (0.045 beat), ringing.
        var strumStart = lead + (4 * voicings.Length);
        for (var s = 0; s < voicings[0].Length; s++)
        {
            notes.Add(new BeatNote(voicings[0][s], strumStart + (0.045 * s), 2.5 - (0.045 * s), 88));
        }

        return new ClipSpec("guitar-arpeggio", "guitar Em-C-G-D arpeggio in eighth notes at 90 bpm with a final strum, jazz guitar", JazzGuitar, 90, notes);
    }

    /// <summary>A single line of sixteenth notes at 140 bpm (runs and arpeggios), piano.</summary>
    private static ClipSpec FastPassage()
    {
        int[][] bars =
        [
            [60, 62, 64, 65, 67, 69, 71, 72, 74, 72, 71, 69, 67, 65, 64, 62],
            [60, 64, 67, 72, 76, 72, 67, 64, 60, 64, 67, 72, 76, 72, 67, 64],
            [67, 69, 71, 72, 74, 76, 78, 79, 78, 76, 74, 72, 71, 69, 67, 66],
            [55, 59, 62, 67, 71, 67, 62, 59, 55, 59, 62, 67, 71, 67, 62, 59],
            [60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 71, 70, 69],
            [72, 71, 69, 67, 65, 64, 62, 60, 59, 57, 55, 53, 52, 50, 48, 47],
        ];
        const double lead = 1;
        var notes = new List<BeatNote>();
        for (var b = 0; b < bars.Length; b++)
        {
            for (var k = 0; k < bars[b].Length; k++)
            {
                var velocity = k % 4 == 0 ? 96 : 84;
                notes.Add(new BeatNote(bars[b][k], lead + (4 * b) + (0.25 * k), 0.25, velocity));
            }
        }

        notes.Add(new BeatNote(48, lead + (4 * bars.Length), 1, 90));
        return new ClipSpec("fast-passage", "single-line piano sixteenth notes at 140 bpm", AcousticGrandPiano, 140, notes);
    }
}
