namespace WhatsTheTab.TestSupport;

/// <summary>The synthetic pieces used by transcription tests, defined in beats.</summary>
internal static class ClipLibrary
{
    public const int AcousticGrandPiano = 0;
    public const int NylonGuitar = 24;

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
        int[][] chords =
        [
            [60, 64, 67],     // C
            [53, 57, 60, 65], // F
            [55, 59, 62, 65], // G7
            [57, 60, 64],     // Am
            [50, 53, 57, 60], // Dm7
            [52, 56, 59, 64], // E
            [57, 60, 64, 69], // Am
            [48, 55, 59, 64], // Cmaj7
            [55, 59, 62],     // G
            [48, 55, 60, 64], // C
        ];
        var notes = new List<BeatNote>();
        for (var c = 0; c < chords.Length; c++)
        {
            foreach (var p in chords[c])
            {
                notes.Add(new BeatNote(p, 0.5 + c, 0.9, 80));
            }
        }

        return new ClipSpec("block-chords", "ten piano triads and four-note chords, one per second", AcousticGrandPiano, 60, notes);
    }

    /// <summary>
    /// Fingerpicked Em–C–G–D on nylon guitar: eighth notes at 90 bpm, each note ringing until the
    /// end of its bar or until its pitch is picked again, then a final Em strum.
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
        var notes = new List<BeatNote>();
        for (var bar = 0; bar < voicings.Length; bar++)
        {
            var barStart = lead + (4 * bar);
            var barEnd = barStart + 4;
            for (var k = 0; k < pattern.Length; k++)
            {
                var pitch = voicings[bar][pattern[k]];
                var start = barStart + (0.5 * k);
                var end = barEnd;
                for (var j = k + 1; j < pattern.Length; j++)
                {
                    if (voicings[bar][pattern[j]] == pitch)
                    {
                        end = barStart + (0.5 * j);
                        break;
                    }
                }

                var velocity = k == 0 ? 96 : 78 + (k % 2 * 6);
                notes.Add(new BeatNote(pitch, start, end - start, velocity));
            }
        }

        // Final Em strum, low to high, 30 ms between strings at 90 bpm (0.045 beat).
        var strumStart = lead + (4 * voicings.Length);
        for (var s = 0; s < voicings[0].Length; s++)
        {
            notes.Add(new BeatNote(voicings[0][s], strumStart + (0.045 * s), 2.5 - (0.045 * s), 88));
        }

        return new ClipSpec("guitar-arpeggio", "nylon guitar Em-C-G-D arpeggio, ringing eighth notes at 90 bpm, final strum", NylonGuitar, 90, notes);
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
