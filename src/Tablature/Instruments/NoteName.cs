using System.Globalization;

namespace WhatsTheTab.Tablature.Instruments;

/// <summary>Reads and writes note names in scientific pitch notation ("E2", "F#3", "Bb1"; C4 = MIDI 60).</summary>
internal static class NoteName
{
    private static readonly string[] SharpNames = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    // Semitones above C of the natural notes A..G.
    private static readonly int[] LetterSemitones = [9, 11, 0, 2, 4, 5, 7];

    /// <summary>"C#" for 61; sharps only, as <see cref="Transcription.Output.PitchName"/> spells them.</summary>
    public static string PitchClass(int pitch) => SharpNames[((pitch % 12) + 12) % 12];

    /// <summary>"C#4" for 61.</summary>
    public static string WithOctave(int pitch) => string.Create(CultureInfo.InvariantCulture, $"{PitchClass(pitch)}{Octave(pitch)}");

    public static int Octave(int pitch) => (int)Math.Floor(pitch / 12.0) - 1;

    /// <summary>The letter A–G of the sharp spelling (for MusicXML steps).</summary>
    public static char Step(int pitch) => PitchClass(pitch)[0];

    /// <summary>1 when the sharp spelling has a sharp, else 0.</summary>
    public static int Alter(int pitch) => PitchClass(pitch).Length > 1 ? 1 : 0;

    /// <summary>
    /// Semitones above C of a letter with an optional '#' or 'b' (case of the letter ignored): -1 for "Cb", 12 for "B#", so
    /// that octave numbers keep their scientific meaning (Cb4 is B3).
    /// </summary>
    public static bool TrySemitones(char letter, char? accidental, out int semitones)
    {
        semitones = 0;
        char upper = char.ToUpperInvariant(letter);
        if (upper is < 'A' or > 'G' || accidental is not (null or '#' or 'b'))
        {
            return false;
        }

        semitones = LetterSemitones[upper - 'A'] + (accidental == '#' ? 1 : accidental == 'b' ? -1 : 0);
        return true;
    }
}
