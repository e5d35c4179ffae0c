using System.Diagnostics.CodeAnalysis;

namespace WhatsTheTab.Transcription.Output;

/// <summary>Maps <see cref="InstrumentPreset"/> to General MIDI programs and parses the names used on command lines and in requests.</summary>
public static class InstrumentPresets
{
    /// <summary>The canonical names <see cref="Parse"/> accepts, in enum order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<InstrumentPreset>().Select(p => p.ToName())];

    /// <summary>
    /// The zero-based General MIDI program, or null for <see cref="InstrumentPreset.None"/>. Piano is Acoustic Grand
    /// (0) rather than basic-pitch's Electric Piano 1 (4): "piano" should sound like one.
    /// </summary>
    public static int? GeneralMidiProgram(this InstrumentPreset preset) => preset switch
    {
        InstrumentPreset.Piano => 0,
        InstrumentPreset.GuitarNylon => 24,
        InstrumentPreset.GuitarSteel => 25,
        InstrumentPreset.GuitarElectric => 27,
        InstrumentPreset.Bass => 33,
        InstrumentPreset.BassPicked => 34,
        InstrumentPreset.None => null,
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Unknown instrument preset."),
    };

    /// <summary>The canonical name of a preset ("guitar-nylon").</summary>
    public static string ToName(this InstrumentPreset preset) => preset switch
    {
        InstrumentPreset.Piano => "piano",
        InstrumentPreset.GuitarNylon => "guitar-nylon",
        InstrumentPreset.GuitarSteel => "guitar-steel",
        InstrumentPreset.GuitarElectric => "guitar-electric",
        InstrumentPreset.Bass => "bass",
        InstrumentPreset.BassPicked => "bass-pick",
        InstrumentPreset.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Unknown instrument preset."),
    };

    /// <summary>Parses "piano", "guitar-nylon", "guitar-steel", "guitar-electric", "bass", "bass-pick" or "none" (case-insensitive; "_" or no separator also accepted).</summary>
    public static InstrumentPreset Parse(string name) =>
        TryParse(name, out InstrumentPreset preset)
            ? preset
            : throw new ArgumentException($"Unknown instrument '{name}'; expected one of: {string.Join(", ", Names)}.", nameof(name));

    public static bool TryParse([NotNullWhen(true)] string? name, out InstrumentPreset preset)
    {
        preset = default;
        if (name is null)
        {
            return false;
        }

        string key = WithoutSeparators(name.Trim());
        foreach (InstrumentPreset candidate in Enum.GetValues<InstrumentPreset>())
        {
            if (string.Equals(key, WithoutSeparators(candidate.ToName()), StringComparison.OrdinalIgnoreCase))
            {
                preset = candidate;
                return true;
            }
        }

        return false;
    }

    private static string WithoutSeparators(string name) =>
        name.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
}
