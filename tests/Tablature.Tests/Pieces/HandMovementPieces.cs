using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.TestSupport;
using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Tablature.Tests.Pieces;

/// <summary>
/// Pieces for comparing hand movement with the naive lowest-fret assignment: scales, arpeggios, riffs and melodies across
/// the neck, for guitar and bass. Shared by the tests and bench/Tablature.Bench (linked source).
/// </summary>
public static class HandMovementPieces
{
    private static readonly TabOptions Guitar = new() { TempoBpm = 100 };

    public static IReadOnlyList<TabPiece> All { get; } =
    [
        OpenPositionScale(),
        PentatonicBox(),
        ArpeggiosUpTheNeck(),
        HighRiff(),
        MelodyAcrossTheNeck(),
        ChordMelody(),
        WalkingBass(),
        Clip("guitar-arpeggio"),
        Clip("fast-passage"),
    ];

    /// <summary>The truth notes of a synthetic test clip from tests/TestSupport (no rendering needed).</summary>
    private static TabPiece Clip(string name) =>
        new(
            $"clip {name}",
            [.. TestClips.TruthOf(name).Select(n => new NoteEvent(n.Start, n.End, n.Pitch, n.Velocity / 127.0))],
            new TabOptions());

    /// <summary>C major, C3 to C5 and back in eighths: an open-position piece where the naive choice is also good.</summary>
    private static TabPiece OpenPositionScale()
    {
        int[] up = [48, 50, 52, 53, 55, 57, 59, 60, 62, 64, 65, 67, 69, 71, 72];
        var notes = new BeatNotes().Run(0.5, up).Run(0.5, [.. up.Reverse().Skip(1)]);
        return new TabPiece("c-major-scale-open", notes.At(100), Guitar);
    }

    /// <summary>A-minor pentatonic in the 5th-position box, up and down twice in sixteenths.</summary>
    private static TabPiece PentatonicBox()
    {
        int[] box = [45, 48, 50, 52, 55, 57, 60, 62, 64, 67, 69, 72];
        var notes = new BeatNotes();
        for (int i = 0; i < 2; i++)
        {
            notes.Run(0.25, box).Run(0.25, [.. box.Reverse().Skip(1).SkipLast(1)]);
        }

        notes.Play(1, 45);
        return new TabPiece("a-minor-pentatonic-box", notes.At(100), Guitar);
    }

    /// <summary>Am (5th fret), Dm (5th fret, A-string shape), E (7th fret, A shape) and Am again, arpeggiated up and down.</summary>
    private static TabPiece ArpeggiosUpTheNeck()
    {
        int[][] chords =
        [
            [45, 52, 57, 60, 64, 69],
            [50, 57, 62, 65, 69],
            [52, 59, 64, 68, 71],
            [57, 64, 69, 72, 76],
        ];
        var notes = new BeatNotes();
        foreach (int[] chord in chords)
        {
            notes.Run(0.5, chord).Run(0.5, [.. chord.Reverse().Skip(1).SkipLast(1)]);
        }

        return new TabPiece("arpeggios-up-the-neck", notes.At(100), Guitar);
    }

    /// <summary>An E-minor lick around the 12th fret with bends of position, repeated.</summary>
    private static TabPiece HighRiff()
    {
        int[] lick = [76, 74, 71, 69, 67, 69, 71, 74, 76, 79, 76, 74, 71, 74, 71, 69];
        var notes = new BeatNotes();
        for (int i = 0; i < 3; i++)
        {
            notes.Run(0.25, lick).Play(1, 64);
        }

        return new TabPiece("high-riff", notes.At(100), Guitar);
    }

    /// <summary>Ode to Joy in G (G3 octave), then an octave up, then two octaves up where it runs to D6.</summary>
    private static TabPiece MelodyAcrossTheNeck()
    {
        int[] phrase = [59, 59, 60, 62, 62, 60, 59, 57, 55, 55, 57, 59, 59, 57, 57];
        var notes = new BeatNotes();
        foreach (int octave in (int[])[0, 12, 24])
        {
            notes.Run(1, [.. phrase.Select(p => p + octave)]).Rest(1);
        }

        return new TabPiece("melody-across-the-neck", notes.At(100), Guitar with { MaxFret = 24 });
    }

    /// <summary>A chord melody: melody notes in the 7th–10th position over triads.</summary>
    private static TabPiece ChordMelody()
    {
        var notes = new BeatNotes()
            .Play(1, 55, 59, 62, 67).Run(0.5, 69, 71).Play(1, 60, 64, 67, 72).Run(0.5, 71, 69)
            .Play(1, 62, 66, 69, 74).Run(0.5, 72, 71).Play(2, 55, 59, 62, 67)
            .Play(1, 57, 60, 64, 69).Run(0.5, 71, 72).Play(1, 62, 65, 69, 74).Run(0.5, 72, 71)
            .Play(1, 64, 67, 71, 76).Run(0.5, 74, 72).Play(2, 57, 60, 64, 69);
        return new TabPiece("chord-melody", notes.At(90), Guitar with { TempoBpm = 90 });
    }

    /// <summary>A walking bass line in G over two choruses of four bars, some of it up the neck.</summary>
    private static TabPiece WalkingBass()
    {
        int[] line = [31, 35, 38, 40, 43, 40, 38, 35, 36, 40, 43, 45, 48, 45, 43, 40, 38, 42, 45, 48, 50, 48, 45, 42, 43, 47, 50, 52, 55, 52, 50, 47];
        var notes = new BeatNotes().Run(1, line).Run(1, line);
        return new TabPiece("walking-bass", notes.At(120), new TabOptions { Instrument = InstrumentKind.Bass, TempoBpm = 120 });
    }
}
