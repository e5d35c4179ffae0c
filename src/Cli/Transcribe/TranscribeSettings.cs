using System.Globalization;
using WhatsTheTab.Cli.Tab;
using WhatsTheTab.Transcription;
using WhatsTheTab.Transcription.Model;
using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Cli.Transcribe;

/// <summary>Everything one <c>wtt transcribe</c> run was asked to do; <see cref="Validate"/> checks the values before any work starts.</summary>
public sealed record TranscribeSettings
{
    public const double DefaultMinNoteLengthMs = 127.70;
    public const double DefaultTempoBpm = 120;
    public const double MinTempoBpm = 20;
    public const double MaxTempoBpm = 400;
    public const int MaxBatchSize = 1024;
    public const int MaxThreads = 256;

    // The model's pitch range (A0..C8) with room to spare; frequencies outside it select nothing.
    public const double MaxFrequencyHz = 20_000;

    public required IReadOnlyList<string> Inputs { get; init; }

    public string OutputDirectory { get; init; } = ".";

    public double OnsetThreshold { get; init; } = 0.5;

    public double FrameThreshold { get; init; } = 0.3;

    public double MinNoteLengthMs { get; init; } = DefaultMinNoteLengthMs;

    public int EnergyTolerance { get; init; } = 11;

    public bool MelodiaTrick { get; init; } = true;

    public bool InferOnsets { get; init; } = true;

    public double? MinFrequency { get; init; }

    public double? MaxFrequency { get; init; }

    public PitchBendMode PitchBends { get; init; } = PitchBendMode.SingleTrack;

    public double TempoBpm { get; init; } = DefaultTempoBpm;

    public InstrumentPreset Instrument { get; init; } = InstrumentPreset.Piano;

    public DevicePreference Device { get; init; } = DevicePreference.Auto;

    public int? BatchSize { get; init; }

    public int? Threads { get; init; }

    public string? ModelDirectory { get; init; }

    public bool Sonify { get; init; }

    public bool Quiet { get; init; }

    public bool Verbose { get; init; }

    /// <summary>Tablature to write beside the MIDI, or null for none.</summary>
    public TabSettings? Tab { get; init; }

    /// <summary>One message per invalid value, naming the option; empty when the settings can run.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Inputs.Count == 0)
        {
            errors.Add("No input files: give at least one audio file to transcribe.");
        }

        RequireUnitInterval(errors, "--onset-threshold", OnsetThreshold);
        RequireUnitInterval(errors, "--frame-threshold", FrameThreshold);
        if (!double.IsFinite(MinNoteLengthMs) || MinNoteLengthMs < 0)
        {
            errors.Add(Invalid("--min-note-length", MinNoteLengthMs, "must be 0 ms or more"));
        }

        if (EnergyTolerance < 0)
        {
            errors.Add(Invalid("--energy-tolerance", EnergyTolerance, "must be 0 frames or more"));
        }

        RequireFrequency(errors, "--min-frequency", MinFrequency);
        RequireFrequency(errors, "--max-frequency", MaxFrequency);
        if (MinFrequency is { } low && MaxFrequency is { } high && low > high)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--min-frequency ({low} Hz) must not be above --max-frequency ({high} Hz)."));
        }

        if (!double.IsFinite(TempoBpm) || TempoBpm < MinTempoBpm || TempoBpm > MaxTempoBpm)
        {
            errors.Add(Invalid("--tempo", TempoBpm, $"must be between {MinTempoBpm} and {MaxTempoBpm} bpm"));
        }

        if (BatchSize is < 1 or > MaxBatchSize)
        {
            errors.Add(Invalid("--batch-size", BatchSize, $"must be between 1 and {MaxBatchSize} windows"));
        }

        if (Threads is < 1 or > MaxThreads)
        {
            errors.Add(Invalid("--threads", Threads, $"must be between 1 and {MaxThreads}"));
        }

        if (string.IsNullOrWhiteSpace(OutputDirectory))
        {
            errors.Add("--out must name a folder.");
        }

        if (ModelDirectory is not null && !Directory.Exists(ModelDirectory))
        {
            errors.Add($"--model-dir '{ModelDirectory}' is not a folder.");
        }

        if (Tab is not null)
        {
            errors.AddRange(Tab.Errors);
        }

        return errors;
    }

    public EngineOptions ToEngineOptions() => new()
    {
        ModelDirectory = ModelDirectory,
        Device = Device,
        BatchSize = BatchSize,
        Threads = Threads,
    };

    public NoteOptions ToNoteOptions() => new()
    {
        OnsetThreshold = OnsetThreshold,
        FrameThreshold = FrameThreshold,
        MinNoteLengthFrames = NoteOptions.MillisecondsToFrames(MinNoteLengthMs),
        EnergyTolerance = EnergyTolerance,
        InferOnsets = InferOnsets,
        MelodiaTrick = MelodiaTrick,
        MinFrequency = MinFrequency,
        MaxFrequency = MaxFrequency,
        PitchBends = PitchBends,
    };

    public MidiOptions ToMidiOptions() => new()
    {
        TempoBpm = TempoBpm,
        Instrument = Instrument,
        PitchBends = PitchBends,
    };

    private static void RequireUnitInterval(List<string> errors, string option, double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            errors.Add(Invalid(option, value, "must be between 0 and 1"));
        }
    }

    private static void RequireFrequency(List<string> errors, string option, double? value)
    {
        if (value is { } hz && !(hz > 0 && hz <= MaxFrequencyHz))
        {
            errors.Add(Invalid(option, hz, $"must be above 0 and at most {MaxFrequencyHz} Hz"));
        }
    }

    private static string Invalid<T>(string option, T value, string rule) =>
        string.Create(CultureInfo.InvariantCulture, $"{option} {value} is out of range: it {rule}.");
}
