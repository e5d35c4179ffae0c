using System.Globalization;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Silo.Web.Tabs;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>
/// Reads <see cref="JobOptions"/> from an upload's snake_case form fields (<c>onset_threshold</c>, <c>min_frequency</c>,
/// <c>tuning</c>, …), then checks them with <see cref="JobOptions.Validate"/> and the tab engine (<see cref="JobTabSettings"/>). Errors are keyed by field name, for a validation problem.
/// </summary>
public static class JobOptionsForm
{
    /// <summary>Every option field, as clients send it.</summary>
    public static readonly IReadOnlyList<string> FieldNames =
    [
        "onset_threshold", "frame_threshold", "min_note_length_ms", "energy_tolerance", "infer_onsets", "melodia_trick",
        "min_frequency", "max_frequency", "pitch_bends", "tempo", "instrument",
        .. JobTabSettings.FormFields.Select(f => f.Field),
    ];

    /// <summary>
    /// Parses and validates; returns the options, or null with <paramref name="errors"/> filled. Fields other than the
    /// options are reported as unknown when <paramref name="rejectUnknown"/> (the REST API), ignored otherwise (seed clients).
    /// </summary>
    public static JobOptions? Parse(IReadOnlyDictionary<string, string> fields, bool rejectUnknown, out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!problems.TryGetValue(field, out var list))
            {
                problems[field] = list = [];
            }

            list.Add(message);
        }

        string? Text(string field) => fields.TryGetValue(field, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        double? Number(string field)
        {
            if (Text(field) is not { } text)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                return value;
            }

            Add(field, $"{field} must be a number (got '{Clip(text)}').");
            return null;
        }

        int? Integer(string field)
        {
            if (Text(field) is not { } text)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            Add(field, $"{field} must be a whole number (got '{Clip(text)}').");
            return null;
        }

        bool? Flag(string field)
        {
            if (Text(field) is not { } text)
            {
                return null;
            }

            switch (text.ToUpperInvariant())
            {
                case "TRUE" or "1" or "YES" or "ON":
                    return true;
                case "FALSE" or "0" or "NO" or "OFF":
                    return false;
                default:
                    Add(field, $"{field} must be true or false (got '{Clip(text)}').");
                    return null;
            }
        }

        var defaults = new JobOptions();
        var options = new JobOptions
        {
            OnsetThreshold = Number("onset_threshold") ?? defaults.OnsetThreshold,
            FrameThreshold = Number("frame_threshold") ?? defaults.FrameThreshold,
            MinNoteLengthMs = Number("min_note_length_ms") ?? defaults.MinNoteLengthMs,
            EnergyTolerance = Integer("energy_tolerance") ?? defaults.EnergyTolerance,
            InferOnsets = Flag("infer_onsets") ?? defaults.InferOnsets,
            MelodiaTrick = Flag("melodia_trick") ?? defaults.MelodiaTrick,
            MinFrequency = Number("min_frequency") ?? defaults.MinFrequency,
            MaxFrequency = Number("max_frequency") ?? defaults.MaxFrequency,
            PitchBends = Text("pitch_bends")?.ToLowerInvariant() ?? defaults.PitchBends,
            TempoBpm = Number("tempo") ?? defaults.TempoBpm,
            Instrument = Text("instrument")?.ToLowerInvariant() ?? defaults.Instrument,
            Tab = new JobTabOptions
            {
                Instrument = Text("tab_instrument"),
                Tuning = Text("tuning"),
                Capo = Integer("capo"),
                MaxFret = Integer("max_fret"),
                HandSpan = Integer("hand_span"),
                Quantize = Text("quantize"),
                Triplets = Flag("triplets"),
                TempoBpm = Text("tab_tempo") is { } tempo && string.Equals(tempo, "auto", StringComparison.OrdinalIgnoreCase) ? null : Number("tab_tempo"),
                TimeSignature = Text("time_signature"),
            },
        };

        // A tab for bass (or guitar) without a MIDI instrument: the MIDI sounds like the tab's instrument.
        if (Text("instrument") is null && options.Tab.Instrument is { } tabInstrument
            && InstrumentKinds.TryParse(tabInstrument, out var kind))
        {
            options = options with { Instrument = InstrumentPresets.ToName(kind.DefaultSound()) };
        }

        if (rejectUnknown)
        {
            foreach (var name in fields.Keys.Where(name => !FieldNames.Contains(name)).Order(StringComparer.Ordinal))
            {
                Add(name, $"Unknown field '{Clip(name)}'; the options are: {string.Join(", ", FieldNames)}.");
            }
        }

        // Values that did not parse already have an error; Validate() only judges the ones that did.
        if (problems.Count == 0)
        {
            foreach (var message in options.Validate())
            {
                Add(FieldOf(message), message);
            }

            foreach (var (field, messages) in JobTabSettings.Validate(options))
            {
                foreach (var message in messages)
                {
                    Add(field, message);
                }
            }
        }

        errors = problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        return errors.Count == 0 ? options : null;
    }

    // Validate()'s messages start with the field's wire name ("min_frequency must …").
    private static string FieldOf(string message)
    {
        var space = message.IndexOf(' ', StringComparison.Ordinal);
        var field = space > 0 ? message[..space] : message;
        return FieldNames.Contains(field) ? field : "options";
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
