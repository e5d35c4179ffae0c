namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>
/// What a job asks of the engine: basic-pitch's post-processing settings (Python package defaults), the MIDI output and
/// the tablature. The web tier validates them with <see cref="Validate"/> (and the tab options with the tab engine); the
/// worker maps them onto the engine's options.
/// </summary>
[GenerateSerializer, Immutable, Alias("whatsthetab.job-options")]
public sealed record JobOptions
{
    public static readonly IReadOnlyList<string> PitchBendModes = ["none", "single", "per-note"];
    public static readonly IReadOnlyList<string> Instruments = ["piano", "guitar-nylon", "guitar-steel", "guitar-electric", "bass", "bass-pick", "none"];

    [Id(0)] public double OnsetThreshold { get; init; } = 0.5;

    [Id(1)] public double FrameThreshold { get; init; } = 0.3;

    /// <summary>Shortest note kept, in milliseconds (127.70 ms = 11 model frames).</summary>
    [Id(2)] public double MinNoteLengthMs { get; init; } = 127.70;

    [Id(3)] public int EnergyTolerance { get; init; } = 11;

    [Id(4)] public bool InferOnsets { get; init; } = true;

    [Id(5)] public bool MelodiaTrick { get; init; } = true;

    [Id(6)] public double? MinFrequency { get; init; }

    [Id(7)] public double? MaxFrequency { get; init; }

    /// <summary>"none", "single" or "per-note".</summary>
    [Id(8)] public string PitchBends { get; init; } = "single";

    [Id(9)] public double TempoBpm { get; init; } = 120;

    /// <summary>"piano", "guitar-nylon", "guitar-steel", "guitar-electric", "bass", "bass-pick" or "none".</summary>
    [Id(10)] public string Instrument { get; init; } = "piano";

    /// <summary>How the notes are written as tablature; checked by the web tier, which renders the tab.</summary>
    [Id(11)] public JobTabOptions Tab { get; init; } = new();

    /// <summary>Every problem with these options, as messages a user can act on; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(OnsetThreshold is >= 0 and <= 1))
        {
            errors.Add("onset_threshold must be between 0 and 1.");
        }

        if (!(FrameThreshold is >= 0 and <= 1))
        {
            errors.Add("frame_threshold must be between 0 and 1.");
        }

        if (!(MinNoteLengthMs is >= 0 and <= 10_000))
        {
            errors.Add("min_note_length_ms must be between 0 and 10000.");
        }

        if (EnergyTolerance is < 0 or > 1000)
        {
            errors.Add("energy_tolerance must be between 0 and 1000 frames.");
        }

        if (MinFrequency is { } min && !(min is > 0 and <= 20_000))
        {
            errors.Add("min_frequency must be between 0 and 20000 Hz.");
        }

        if (MaxFrequency is { } max && !(max is > 0 and <= 20_000))
        {
            errors.Add("max_frequency must be between 0 and 20000 Hz.");
        }

        if (MinFrequency is { } lo && MaxFrequency is { } hi && lo > hi)
        {
            errors.Add("min_frequency must not be above max_frequency.");
        }

        if (!PitchBendModes.Contains(PitchBends))
        {
            errors.Add($"pitch_bends must be one of: {string.Join(", ", PitchBendModes)}.");
        }

        if (!(TempoBpm is >= 20 and <= 400))
        {
            errors.Add("tempo must be between 20 and 400 bpm.");
        }

        if (!Instruments.Contains(Instrument))
        {
            errors.Add($"instrument must be one of: {string.Join(", ", Instruments)}.");
        }

        return errors;
    }
}
