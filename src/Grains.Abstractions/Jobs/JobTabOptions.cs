using System.Globalization;

namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>
/// How a job's notes become tablature, as the user asked at upload; null keeps the tab engine's default. The web tier
/// validates them (it knows the tab engine) and renders tab from the stored notes with them, so changing them later never
/// runs the model again.
/// </summary>
[GenerateSerializer, Immutable, Alias("whatsthetab.job-tab-options")]
public sealed record JobTabOptions
{
    /// <summary>"guitar", "7-string", "bass" or "bass-5"; null follows the job's instrument (bass for "bass", else guitar).</summary>
    [Id(0)] public string? Instrument { get; init; }

    /// <summary>A tuning name ("standard", "drop-d", …) or notes low string first ("D2 A2 D3 G3 B3 E4").</summary>
    [Id(1)] public string? Tuning { get; init; }

    [Id(2)] public int? Capo { get; init; }

    /// <summary>"sixteenth", "eighth" or "none".</summary>
    [Id(3)] public string? Quantize { get; init; }

    /// <summary>Tempo of the tab's beat grid in quarter notes per minute; null estimates it from the notes.</summary>
    [Id(4)] public double? TempoBpm { get; init; }

    /// <summary>"4/4", "3/4", "6/8", …; null is 4/4.</summary>
    [Id(5)] public string? TimeSignature { get; init; }

    [Id(6)] public int? MaxFret { get; init; }

    [Id(7)] public int? HandSpan { get; init; }

    [Id(8)] public bool? Triplets { get; init; }

    /// <summary>The options that were given, by the tab engine's option names, ready for its parser.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToPairs()
    {
        if (Instrument is not null)
        {
            yield return new("instrument", Instrument);
        }

        if (Tuning is not null)
        {
            yield return new("tuning", Tuning);
        }

        if (Capo is int capo)
        {
            yield return new("capo", capo.ToString(CultureInfo.InvariantCulture));
        }

        if (Quantize is not null)
        {
            yield return new("quantize", Quantize);
        }

        if (TempoBpm is double tempo)
        {
            yield return new("tempo", tempo.ToString("R", CultureInfo.InvariantCulture));
        }

        if (TimeSignature is not null)
        {
            yield return new("time-signature", TimeSignature);
        }

        if (MaxFret is int maxFret)
        {
            yield return new("max-fret", maxFret.ToString(CultureInfo.InvariantCulture));
        }

        if (HandSpan is int handSpan)
        {
            yield return new("hand-span", handSpan.ToString(CultureInfo.InvariantCulture));
        }

        if (Triplets is bool triplets)
        {
            yield return new("triplets", triplets ? "true" : "false");
        }
    }
}
