using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Tablature;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Silo.Web.Tabs;

/// <summary>
/// Turns a job's options (and a request's overrides) into the tab engine's <see cref="TabOptions"/>, and checks the tab
/// options of an upload field by field.
/// </summary>
public static class JobTabSettings
{
    /// <summary>The upload form's tab fields and the tab engine's name for each.</summary>
    public static IReadOnlyList<(string Field, string Option)> FormFields { get; } =
    [
        ("tab_instrument", "instrument"), ("tuning", "tuning"), ("capo", "capo"), ("max_fret", "max-fret"), ("hand_span", "hand-span"),
        ("quantize", "quantize"), ("triplets", "triplets"), ("tab_tempo", "tempo"), ("time_signature", "time-signature"),
    ];

    /// <summary>The key cross-field problems are reported under.</summary>
    public const string CrossFieldKey = "tab";

    /// <summary>
    /// The tab options for <paramref name="job"/>: the job's own (the tab instrument follows the job's instrument when not
    /// given), then <paramref name="overrides"/> (tab engine names), and the title when none was given.
    /// </summary>
    public static bool TryBuild(
        JobOptions job, IEnumerable<KeyValuePair<string, string?>> overrides, string? title, out TabOptions? options, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(overrides);
        var defaults = new TabOptions { Title = title };
        return TabOptionsParser.TryParse([.. JobPairs(job), .. overrides], out options, out errors, defaults);
    }

    /// <summary>Problems with an upload's tab options, keyed by form field (<see cref="CrossFieldKey"/> for combinations).</summary>
    public static Dictionary<string, string[]> Validate(JobOptions job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var given = job.Tab.ToPairs().ToList();
        KeyValuePair<string, string?>[] instrument = [.. InstrumentPairs(job)];

        // Each value on its own (on top of the instrument, which decides which tunings exist), so a message names its field.
        foreach (var pair in given)
        {
            var field = FormFields.Single(f => f.Option == pair.Key).Field;
            KeyValuePair<string, string?>[] alone = pair.Key == "instrument" ? [pair] : [.. instrument, pair];
            if (!TabOptionsParser.TryParse(alone, out _, out var problems))
            {
                errors[field] = [.. problems];
            }
        }

        if (errors.Count == 0 && !TryBuild(job, [], null, out _, out var combined))
        {
            errors[CrossFieldKey] = [.. combined];
        }

        return errors;
    }

    private static IEnumerable<KeyValuePair<string, string?>> JobPairs(JobOptions job) => [.. ImpliedInstrument(job), .. job.Tab.ToPairs()];

    private static IEnumerable<KeyValuePair<string, string?>> InstrumentPairs(JobOptions job) =>
        job.Tab.Instrument is { } given ? [new("instrument", given)] : ImpliedInstrument(job);

    // A bass job is tabbed for bass unless it says otherwise; everything else for guitar.
    private static IEnumerable<KeyValuePair<string, string?>> ImpliedInstrument(JobOptions job) =>
        InstrumentPresets.TryParse(job.Instrument, out InstrumentPreset sound) ? [new("instrument", InstrumentKinds.ForSound(sound).ToName())] : [];
}
