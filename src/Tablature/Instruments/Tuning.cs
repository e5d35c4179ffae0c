using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace WhatsTheTab.Tablature.Instruments;

/// <summary>The open-string pitches of a fretted instrument, lowest (thickest) string first, with the name it was given.</summary>
/// <remarks>
/// Tab string numbers count the other way: string 1 is the last entry of <see cref="OpenPitches"/> (the top line of a tab).
/// Custom tunings are written low string first, either with octaves ("D2 A2 D3 G3 B3 E4") or as letters ("DADGBE",
/// "EbAbDbGbBbEb"), in which case the lowest string takes the octave nearest the instrument's standard lowest string and
/// every next string the nearest pitch above the one before.
/// </remarks>
public sealed class Tuning
{
    private Tuning(string name, int[] openPitches)
    {
        Name = name;
        OpenPitches = openPitches;
    }

    /// <summary>"standard", "drop-d", … or "custom".</summary>
    public string Name { get; }

    /// <summary>MIDI pitches of the open strings, lowest string first.</summary>
    public IReadOnlyList<int> OpenPitches { get; }

    public int StringCount => OpenPitches.Count;

    /// <summary>The notes low string first with octaves: "E2 A2 D3 G3 B3 E4".</summary>
    public string Notes => string.Join(' ', OpenPitches.Select(NoteName.WithOctave));

    public override string ToString() => Name == CustomName ? Notes : string.Create(CultureInfo.InvariantCulture, $"{Name} ({Notes})");

    internal const string CustomName = "custom";

    private static readonly (InstrumentKind Kind, string Name, int[] Pitches)[] Named =
    [
        (InstrumentKind.Guitar, "standard", [40, 45, 50, 55, 59, 64]),
        (InstrumentKind.Guitar, "drop-d", [38, 45, 50, 55, 59, 64]),
        (InstrumentKind.Guitar, "dadgad", [38, 45, 50, 55, 57, 62]),
        (InstrumentKind.Guitar, "open-g", [38, 43, 50, 55, 59, 62]),
        (InstrumentKind.Guitar, "open-d", [38, 45, 50, 54, 57, 62]),
        (InstrumentKind.Guitar, "half-step-down", [39, 44, 49, 54, 58, 63]),
        (InstrumentKind.Guitar, "whole-step-down", [38, 43, 48, 53, 57, 62]),
        (InstrumentKind.Guitar, "drop-c", [36, 43, 48, 53, 57, 62]),
        (InstrumentKind.SevenStringGuitar, "standard", [35, 40, 45, 50, 55, 59, 64]),
        (InstrumentKind.SevenStringGuitar, "drop-a", [33, 40, 45, 50, 55, 59, 64]),
        (InstrumentKind.SevenStringGuitar, "half-step-down", [34, 39, 44, 49, 54, 58, 63]),
        (InstrumentKind.Bass, "standard", [28, 33, 38, 43]),
        (InstrumentKind.Bass, "drop-d", [26, 33, 38, 43]),
        (InstrumentKind.Bass, "half-step-down", [27, 32, 37, 42]),
        (InstrumentKind.FiveStringBass, "standard", [23, 28, 33, 38, 43]),
        (InstrumentKind.FiveStringBass, "half-step-down", [22, 27, 32, 37, 42]),
    ];

    /// <summary>The named tunings of an instrument, "standard" first.</summary>
    public static IReadOnlyList<string> NamesFor(InstrumentKind kind) => [.. Named.Where(t => t.Kind == kind).Select(t => t.Name)];

    /// <summary>The standard tuning of an instrument.</summary>
    public static Tuning Standard(InstrumentKind kind) => Parse("standard", kind);

    /// <summary>Parses a tuning name or custom notes for <paramref name="kind"/>; throws <see cref="ArgumentException"/> with the reason.</summary>
    public static Tuning Parse(string text, InstrumentKind kind) =>
        TryParse(text, kind, out Tuning? tuning, out string? error) ? tuning : throw new ArgumentException(error, nameof(text));

    public static bool TryParse(string? text, InstrumentKind kind, [NotNullWhen(true)] out Tuning? tuning, [NotNullWhen(false)] out string? error)
    {
        tuning = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The tuning is empty.";
            return false;
        }

        string key = InstrumentKinds.Normalized(text);
        foreach ((InstrumentKind namedKind, string name, int[] pitches) in Named)
        {
            if (namedKind == kind && string.Equals(key, InstrumentKinds.Normalized(name), StringComparison.Ordinal))
            {
                tuning = new Tuning(name, [.. pitches]);
                error = null;
                return true;
            }
        }

        if (!TryReadNotes(text.Trim(), out List<(int Semitones, int? Octave)>? notes))
        {
            error = UnknownTuning(text, kind);
            return false;
        }

        int strings = kind.StringCount();
        if (notes.Count != strings)
        {
            error = string.Create(
                CultureInfo.InvariantCulture,
                $"Tuning '{text.Trim()}' has {notes.Count} strings but a {kind.DisplayName().ToLowerInvariant()} has {strings}; write one note per string, low string first.");
            return false;
        }

        int referenceLow = Named.First(t => t.Kind == kind).Pitches[0];
        var open = new int[notes.Count];
        for (int i = 0; i < notes.Count; i++)
        {
            (int semitones, int? octave) = notes[i];
            int pitchClass = ((semitones % 12) + 12) % 12;
            open[i] = octave is int o
                ? ((o + 1) * 12) + semitones
                : i == 0 ? Nearest(pitchClass, referenceLow) : NextAbove(pitchClass, open[i - 1]);
            if (open[i] is < 0 or > 127)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"Tuning '{text.Trim()}': string {strings - i} is outside the MIDI range.");
                return false;
            }
        }

        tuning = new Tuning(CustomName, open);
        error = null;
        return true;
    }

    private static readonly char[] Separators = [' ', ',', '\t', ';'];

    private static string UnknownTuning(string text, InstrumentKind kind) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Unknown tuning '{text.Trim()}' for a {kind.DisplayName().ToLowerInvariant()}: expected one of {string.Join(", ", NamesFor(kind))}, or notes low string first such as \"{Standard(kind).Notes}\" or \"{string.Concat(Standard(kind).OpenPitches.Select(NoteName.PitchClass))}\".");

    /// <summary>The pitch of <paramref name="pitchClass"/> nearest <paramref name="reference"/> (the lower one on a tie).</summary>
    private static int Nearest(int pitchClass, int reference)
    {
        int below = reference - ((((reference - pitchClass) % 12) + 12) % 12);
        return reference - below <= below + 12 - reference ? below : below + 12;
    }

    /// <summary>The lowest pitch of <paramref name="pitchClass"/> strictly above <paramref name="previous"/>.</summary>
    private static int NextAbove(int pitchClass, int previous)
    {
        int step = (((pitchClass - previous) % 12) + 12) % 12;
        return previous + (step == 0 ? 12 : step);
    }

    /// <summary>Splits "D2 A2 D3", "D,A,D" or "DADGBE" into notes; false when any part is not a note.</summary>
    private static bool TryReadNotes(string text, [NotNullWhen(true)] out List<(int Semitones, int? Octave)>? notes)
    {
        notes = [];
        string[] tokens = text.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        // All-lowercase letters ("dadgbe") cannot mark flats with 'b' without ambiguity, so there 'b' is the note B.
        bool flatsAllowed = text.Any(char.IsUpper);
        foreach (string token in tokens)
        {
            int i = 0;
            while (i < token.Length)
            {
                char letter = token[i++];
                char? accidental = null;
                if (i < token.Length && (token[i] == '#' || (flatsAllowed && token[i] == 'b')))
                {
                    accidental = token[i++];
                }

                int digitsStart = i;
                if (i < token.Length && token[i] == '-' && i + 1 < token.Length && char.IsAsciiDigit(token[i + 1]))
                {
                    i++;
                }

                while (i < token.Length && char.IsAsciiDigit(token[i]))
                {
                    i++;
                }

                if (!NoteName.TrySemitones(letter, accidental, out int semitones))
                {
                    notes = null;
                    return false;
                }

                int? octave = i > digitsStart ? int.Parse(token.AsSpan(digitsStart, i - digitsStart), CultureInfo.InvariantCulture) : null;
                notes.Add((semitones, octave));
            }
        }

        return notes.Count > 0;
    }
}
