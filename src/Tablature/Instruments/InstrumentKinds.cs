using System.Diagnostics.CodeAnalysis;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Tablature.Instruments;

/// <summary>Names, string counts and default sounds of the <see cref="InstrumentKind"/>s.</summary>
public static class InstrumentKinds
{
    /// <summary>The canonical names <see cref="TryParse"/> accepts, in enum order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<InstrumentKind>().Select(k => k.ToName())];

    /// <summary>The canonical name: "guitar", "7-string", "bass" or "bass-5".</summary>
    public static string ToName(this InstrumentKind kind) => kind switch
    {
        InstrumentKind.Guitar => "guitar",
        InstrumentKind.SevenStringGuitar => "7-string",
        InstrumentKind.Bass => "bass",
        InstrumentKind.FiveStringBass => "bass-5",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown instrument kind."),
    };

    /// <summary>A name for people: "Guitar", "7-string guitar", "Bass", "5-string bass".</summary>
    public static string DisplayName(this InstrumentKind kind) => kind switch
    {
        InstrumentKind.Guitar => "Guitar",
        InstrumentKind.SevenStringGuitar => "7-string guitar",
        InstrumentKind.Bass => "Bass",
        InstrumentKind.FiveStringBass => "5-string bass",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown instrument kind."),
    };

    public static int StringCount(this InstrumentKind kind) => kind switch
    {
        InstrumentKind.Guitar => 6,
        InstrumentKind.SevenStringGuitar => 7,
        InstrumentKind.Bass => 4,
        InstrumentKind.FiveStringBass => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown instrument kind."),
    };

    public static bool IsBass(this InstrumentKind kind) => kind is InstrumentKind.Bass or InstrumentKind.FiveStringBass;

    /// <summary>The General MIDI sound used when the options name none: steel-string for guitar, clean electric for 7-string, finger bass for basses.</summary>
    public static InstrumentPreset DefaultSound(this InstrumentKind kind) => kind switch
    {
        InstrumentKind.Guitar => InstrumentPreset.GuitarSteel,
        InstrumentKind.SevenStringGuitar => InstrumentPreset.GuitarElectric,
        InstrumentKind.Bass or InstrumentKind.FiveStringBass => InstrumentPreset.Bass,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown instrument kind."),
    };

    /// <summary>The instrument a recording made with a General MIDI sound is tabbed for when none is named: bass for the bass sounds, else guitar.</summary>
    public static InstrumentKind ForSound(InstrumentPreset sound) =>
        sound is InstrumentPreset.Bass or InstrumentPreset.BassPicked ? InstrumentKind.Bass : InstrumentKind.Guitar;

    /// <summary>
    /// Parses a kind name, case-insensitive, with "-", "_" and spaces ignored; also accepts "6-string", "guitar-7",
    /// "seven-string", "bass-4", "4-string-bass" and "5-string-bass".
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out InstrumentKind kind)
    {
        kind = default;
        if (name is null)
        {
            return false;
        }

        string key = Normalized(name);
        foreach ((string alias, InstrumentKind value) in Aliases)
        {
            if (string.Equals(key, alias, StringComparison.Ordinal))
            {
                kind = value;
                return true;
            }
        }

        return false;
    }

    private static readonly (string Alias, InstrumentKind Kind)[] Aliases =
    [
        ("guitar", InstrumentKind.Guitar),
        ("6string", InstrumentKind.Guitar),
        ("guitar6", InstrumentKind.Guitar),
        ("7string", InstrumentKind.SevenStringGuitar),
        ("guitar7", InstrumentKind.SevenStringGuitar),
        ("sevenstring", InstrumentKind.SevenStringGuitar),
        ("7stringguitar", InstrumentKind.SevenStringGuitar),
        ("bass", InstrumentKind.Bass),
        ("bass4", InstrumentKind.Bass),
        ("4stringbass", InstrumentKind.Bass),
        ("bass5", InstrumentKind.FiveStringBass),
        ("5stringbass", InstrumentKind.FiveStringBass),
        ("5string", InstrumentKind.FiveStringBass),
    ];

    internal static string Normalized(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        foreach (char c in name.Trim())
        {
            if (c is not ('-' or '_' or ' '))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
