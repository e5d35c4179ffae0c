using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace WhatsTheTab.Tablature.Rhythm;

/// <summary>A time signature such as 4/4, 3/4 or 6/8.</summary>
/// <remarks>
/// Compound meters (6/8, 9/8, 12/8) are counted in dotted quarters: two, three or four beats a bar; all others in the
/// note value below the line. Beat types 2, 4, 8 and 16 are supported.
/// </remarks>
public readonly record struct TimeSignature
{
    public TimeSignature(int beats, int beatType)
    {
        if (!TryValidate(beats, beatType, out string? error))
        {
            throw new ArgumentException(error);
        }

        Beats = beats;
        BeatType = beatType;
    }

    /// <summary>The number above the line.</summary>
    public int Beats { get; }

    /// <summary>The number below the line.</summary>
    public int BeatType { get; }

    public static TimeSignature Common { get; } = new(4, 4);

    /// <summary>6/8, 9/8, 12/8 (and 6/16 …): beats of three of the lower value.</summary>
    public bool IsCompound => Beats % 3 == 0 && Beats > 3 && BeatType >= 8;

    /// <summary>Counted beats per bar (2 for 6/8).</summary>
    public int BeatsPerMeasure => IsCompound ? Beats / 3 : Beats;

    /// <summary>Length of a counted beat in ticks (<see cref="BeatGrid.TicksPerQuarter"/> per quarter note).</summary>
    public int TicksPerBeat => (IsCompound ? 3 : 1) * 4 * BeatGrid.TicksPerQuarter / BeatType;

    public int TicksPerMeasure => Beats * 4 * BeatGrid.TicksPerQuarter / BeatType;

    /// <summary>Quarter notes in a counted beat (1.5 in 6/8), to turn beats per minute into quarter notes per minute.</summary>
    public double QuartersPerBeat => TicksPerBeat / (double)BeatGrid.TicksPerQuarter;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Beats}/{BeatType}");

    /// <summary>Parses "3/4" (spaces allowed, "C" for 4/4).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TimeSignature signature, [NotNullWhen(false)] out string? error)
    {
        signature = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The time signature is empty.";
            return false;
        }

        string trimmed = text.Trim();
        if (string.Equals(trimmed, "C", StringComparison.OrdinalIgnoreCase) || string.Equals(trimmed, "common", StringComparison.OrdinalIgnoreCase))
        {
            signature = Common;
            error = null;
            return true;
        }

        string[] parts = trimmed.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int beats)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int beatType))
        {
            error = $"Time signature '{trimmed}' is not of the form beats/beat-type such as 4/4, 3/4 or 6/8.";
            return false;
        }

        if (!TryValidate(beats, beatType, out error))
        {
            return false;
        }

        signature = new TimeSignature(beats, beatType);
        return true;
    }

    public static TimeSignature Parse(string text) =>
        TryParse(text, out TimeSignature signature, out string? error) ? signature : throw new ArgumentException(error, nameof(text));

    private static bool TryValidate(int beats, int beatType, [NotNullWhen(false)] out string? error)
    {
        if (beats is < 1 or > 32)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"Time signature {beats}/{beatType}: the beats must lie in 1..32.");
            return false;
        }

        if (beatType is not (2 or 4 or 8 or 16))
        {
            error = string.Create(CultureInfo.InvariantCulture, $"Time signature {beats}/{beatType}: the beat type must be 2, 4, 8 or 16.");
            return false;
        }

        error = null;
        return true;
    }
}
