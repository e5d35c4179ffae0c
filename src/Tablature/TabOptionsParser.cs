using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Tablature.Rhythm;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Tablature;

/// <summary>Builds <see cref="TabOptions"/> from name/value pairs (query strings, job options, command-line flags), with messages people can act on.</summary>
/// <remarks>
/// Names are case-insensitive and ignore '-', '_' and spaces ("max-fret", "maxFret", "MAX_FRET"). An empty value keeps the
/// default. Later pairs override earlier ones.
/// </remarks>
public static class TabOptionsParser
{
    /// <summary>The option names, as the CLI and the API spell them.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["instrument", "tuning", "capo", "max-fret", "hand-span", "quantize", "triplets", "tempo", "time-signature", "width", "title", "sound"];

    private static readonly (string Alias, string Key)[] Aliases =
    [
        ("tab-instrument", "instrument"),
        ("tab-tempo", "tempo"),
        ("quantization", "quantize"),
        ("bpm", "tempo"),
        ("time", "time-signature"),
        ("meter", "time-signature"),
        ("ts", "time-signature"),
        ("span", "hand-span"),
        ("frets", "max-fret"),
        ("program", "sound"),
        ("midi-instrument", "sound"),
    ];

    /// <summary>Parses the pairs on top of <paramref name="defaults"/> (or <see cref="TabOptions"/>' defaults); throws <see cref="ArgumentException"/> listing every problem.</summary>
    public static TabOptions Parse(IEnumerable<KeyValuePair<string, string?>> values, TabOptions? defaults = null) =>
        TryParse(values, out TabOptions? options, out IReadOnlyList<string> errors, defaults)
            ? options
            : throw new ArgumentException(string.Join(" ", errors), nameof(values));

    public static bool TryParse(
        IEnumerable<KeyValuePair<string, string?>> values,
        [NotNullWhen(true)] out TabOptions? options,
        out IReadOnlyList<string> errors,
        TabOptions? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var problems = new List<string>();
        TabOptions result = defaults ?? new TabOptions();
        foreach ((string rawName, string? rawValue) in values)
        {
            string? key = KeyOf(rawName);
            string value = rawValue?.Trim() ?? string.Empty;
            if (key is null)
            {
                problems.Add($"Unknown tab option '{rawName}'; known options: {string.Join(", ", Keys)}.");
                continue;
            }

            if (value.Length == 0)
            {
                continue;
            }

            result = Apply(result, key, value, problems);
        }

        // Cross-field checks (tuning against instrument, capo against max fret) need the whole set; values refused above
        // were never applied, so nothing is reported twice.
        problems.AddRange(result.Validate());

        errors = problems;
        options = problems.Count == 0 ? result : null;
        return options is not null;
    }

    private static TabOptions Apply(TabOptions options, string key, string value, List<string> problems)
    {
        switch (key)
        {
            case "instrument":
                if (InstrumentKinds.TryParse(value, out InstrumentKind kind))
                {
                    return options with { Instrument = kind };
                }

                problems.Add($"Unknown instrument '{value}'; expected one of: {string.Join(", ", InstrumentKinds.Names)}.");
                return options;
            case "tuning":
                return options with { Tuning = value };
            case "capo":
                return Integer(value, "Capo", 0, TabOptions.MaxCapo, problems) is int capo ? options with { Capo = capo } : options;
            case "max-fret":
                return Integer(value, "Max fret", TabOptions.MinMaxFret, TabOptions.MaxMaxFret, problems) is int maxFret ? options with { MaxFret = maxFret } : options;
            case "hand-span":
                return Integer(value, "Hand span", TabOptions.MinHandSpan, TabOptions.MaxHandSpan, problems) is int span ? options with { HandSpan = span } : options;
            case "width":
                return Integer(value, "Width", TabOptions.MinWidth, TabOptions.MaxWidth, problems) is int width ? options with { Width = width } : options;
            case "quantize":
                if (TryQuantize(value, out QuantizeMode mode))
                {
                    return options with { Quantize = mode };
                }

                problems.Add($"Unknown quantization '{value}'; expected sixteenth, eighth or none.");
                return options;
            case "triplets":
                if (TryBoolean(value, out bool triplets))
                {
                    return options with { Triplets = triplets };
                }

                problems.Add($"Triplets must be true or false, not '{value}'.");
                return options;
            case "tempo":
                if (string.Equals(value, "auto", StringComparison.OrdinalIgnoreCase))
                {
                    return options with { TempoBpm = null };
                }

                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double bpm)
                    && double.IsFinite(bpm) && bpm >= TabOptions.MinTempoBpm && bpm <= TabOptions.MaxTempoBpm)
                {
                    return options with { TempoBpm = bpm };
                }

                problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Tempo '{value}' is not a number of quarter notes per minute in {TabOptions.MinTempoBpm}..{TabOptions.MaxTempoBpm} (or 'auto')."));
                return options;
            case "time-signature":
                if (string.Equals(value, "auto", StringComparison.OrdinalIgnoreCase))
                {
                    return options with { TimeSignature = null };
                }

                if (TimeSignature.TryParse(value, out TimeSignature signature, out string? error))
                {
                    return options with { TimeSignature = signature };
                }

                problems.Add(error);
                return options;
            case "title":
                return options with { Title = value };
            case "sound":
                if (InstrumentPresets.TryParse(value, out InstrumentPreset preset))
                {
                    return options with { Sound = preset };
                }

                problems.Add($"Unknown sound '{value}'; expected one of: {string.Join(", ", InstrumentPresets.Names)}.");
                return options;
            default:
                throw new InvalidOperationException($"Option '{key}' has no parser.");
        }
    }

    private static string? KeyOf(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        string normalized = InstrumentKinds.Normalized(name);
        foreach (string key in Keys)
        {
            if (string.Equals(normalized, InstrumentKinds.Normalized(key), StringComparison.Ordinal))
            {
                return key;
            }
        }

        foreach ((string alias, string key) in Aliases)
        {
            if (string.Equals(normalized, InstrumentKinds.Normalized(alias), StringComparison.Ordinal))
            {
                return key;
            }
        }

        return null;
    }

    private static int? Integer(string value, string what, int min, int max, List<string> problems)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number >= min && number <= max)
        {
            return number;
        }

        problems.Add(string.Create(CultureInfo.InvariantCulture, $"{what} '{value}' is not a whole number in {min}..{max}."));
        return null;
    }

    private static bool TryQuantize(string value, out QuantizeMode mode)
    {
        switch (InstrumentKinds.Normalized(value))
        {
            case "sixteenth" or "16th" or "16" or "1/16":
                mode = QuantizeMode.Sixteenth;
                return true;
            case "eighth" or "8th" or "8" or "1/8":
                mode = QuantizeMode.Eighth;
                return true;
            case "none" or "off":
                mode = QuantizeMode.None;
                return true;
            default:
                mode = default;
                return false;
        }
    }

    private static bool TryBoolean(string value, out bool result)
    {
        switch (value.ToUpperInvariant())
        {
            case "TRUE" or "YES" or "ON" or "1":
                result = true;
                return true;
            case "FALSE" or "NO" or "OFF" or "0":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }
}
