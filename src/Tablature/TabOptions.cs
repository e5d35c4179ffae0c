using System.Globalization;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Tablature.Rhythm;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Tablature;

/// <summary>Everything that shapes a tab: instrument and tuning, fingering limits, rhythm, and how the text forms look.</summary>
/// <remarks>Build from name/value pairs with <see cref="TabOptionsParser"/>; <see cref="Validate"/> lists what is wrong.</remarks>
public sealed record TabOptions
{
    public const int MaxCapo = 12;
    public const int MinMaxFret = 12;
    public const int MaxMaxFret = 30;
    public const int MinHandSpan = 2;
    public const int MaxHandSpan = 8;
    public const double MinTempoBpm = 20;
    public const double MaxTempoBpm = 400;
    public const int MinWidth = 40;
    public const int MaxWidth = 1000;

    public InstrumentKind Instrument { get; init; } = InstrumentKind.Guitar;

    /// <summary>A tuning name ("standard", "drop-d", "dadgad", "open-g", "half-step-down", …) or notes low string first ("D2 A2 D3 G3 B3 E4", "DADGBE").</summary>
    public string Tuning { get; init; } = "standard";

    /// <summary>Capo fret, 0..12; tab frets are counted from the capo.</summary>
    public int Capo { get; init; }

    /// <summary>Highest fret on the neck (not counted from the capo), 12..30.</summary>
    public int MaxFret { get; init; } = 22;

    /// <summary>Frets the fretting hand covers without moving (one finger per fret): a chord's fretted notes lie within HandSpan − 1 frets of each other; open strings are free.</summary>
    public int HandSpan { get; init; } = 4;

    public QuantizeMode Quantize { get; init; } = QuantizeMode.Sixteenth;

    /// <summary>Allow eighth-note triplets in beats where they fit the onsets better (ignored for <see cref="QuantizeMode.None"/> and compound meters).</summary>
    public bool Triplets { get; init; } = true;

    /// <summary>Tempo in quarter notes per minute; null estimates it from the notes.</summary>
    public double? TempoBpm { get; init; }

    /// <summary>Time signature; null means 4/4.</summary>
    public TimeSignature? TimeSignature { get; init; }

    /// <summary>Line width of the ASCII tab in characters.</summary>
    public int Width { get; init; } = 80;

    /// <summary>Title for the headers of the text and notation forms; null or empty for none.</summary>
    public string? Title { get; init; }

    /// <summary>General MIDI sound for MIDI and notation; null picks the instrument's default (<see cref="InstrumentKinds.DefaultSound"/>).</summary>
    public InstrumentPreset? Sound { get; init; }

    /// <summary>The time signature in effect (4/4 when none was given).</summary>
    public TimeSignature Meter => TimeSignature ?? Rhythm.TimeSignature.Common;

    /// <summary>Every problem with these options, as sentences for people; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Instrument))
        {
            errors.Add("Unknown instrument.");
            return errors;
        }

        if (!Instruments.Tuning.TryParse(Tuning, Instrument, out _, out string? tuningError))
        {
            errors.Add(tuningError);
        }

        if (Capo is < 0 or > MaxCapo)
        {
            errors.Add(Invariant($"Capo {Capo} is outside 0..{MaxCapo}."));
        }

        if (MaxFret is < MinMaxFret or > MaxMaxFret)
        {
            errors.Add(Invariant($"Max fret {MaxFret} is outside {MinMaxFret}..{MaxMaxFret}."));
        }
        else if (Capo >= 0 && MaxFret - Capo < HandSpan)
        {
            errors.Add(Invariant($"Capo {Capo} leaves {MaxFret - Capo} frets below max fret {MaxFret}, fewer than the hand span of {HandSpan}."));
        }

        if (HandSpan is < MinHandSpan or > MaxHandSpan)
        {
            errors.Add(Invariant($"Hand span {HandSpan} is outside {MinHandSpan}..{MaxHandSpan} frets."));
        }

        if (!Enum.IsDefined(Quantize))
        {
            errors.Add("Unknown quantization.");
        }

        if (TempoBpm is double bpm && !(double.IsFinite(bpm) && bpm >= MinTempoBpm && bpm <= MaxTempoBpm))
        {
            errors.Add(Invariant($"Tempo {bpm} bpm is outside {MinTempoBpm}..{MaxTempoBpm}."));
        }

        if (TimeSignature is { Beats: 0 })
        {
            errors.Add("The time signature is not set (0/0).");
        }

        if (Width is < MinWidth or > MaxWidth)
        {
            errors.Add(Invariant($"Width {Width} is outside {MinWidth}..{MaxWidth} characters."));
        }

        if (Sound is InstrumentPreset sound && !Enum.IsDefined(sound))
        {
            errors.Add("Unknown sound.");
        }

        return errors;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
