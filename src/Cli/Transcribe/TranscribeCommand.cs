using System.CommandLine;
using Spectre.Console;
using WhatsTheTab.Cli.Tab;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Transcription.Model;
using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Cli.Transcribe;

/// <summary><c>wtt transcribe FILE... [options]</c>: the options (mirroring the engine's), their help, and the handler that validates and runs them.</summary>
public sealed class TranscribeCommand
{
    private static readonly IReadOnlyList<string> PitchBendNames = ["none", "single", "per-note"];
    private static readonly IReadOnlyList<string> DeviceNames = ["auto", "cpu", "cuda"];

    private readonly CliConsole _console;
    private readonly TabOptionSet _tab = new();

    private readonly Argument<string[]> _files = new("FILE")
    {
        Description = "Audio files to transcribe (WAV natively; MP3, FLAC, OGG, M4A, AIFF and more through ffmpeg).",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> _out = new("--out", "-o")
    {
        Description = "Folder for the outputs, created if missing. Each FILE gives NAME.mid, NAME.notes.json and NAME.notes.csv (NAME.sonified.wav with --sonify; NAME.tab.txt, NAME.musicxml and NAME.alphatex with --tab or any tab option); inputs sharing a name get -2, -3…",
        HelpName = "DIR",
        DefaultValueFactory = _ => ".",
    };

    private readonly Option<double> _onsetThreshold = new("--onset-threshold")
    {
        Description = "Minimum onset activation for a note to start, 0..1; lower finds more notes.",
        HelpName = "0..1",
        DefaultValueFactory = _ => 0.5,
    };

    private readonly Option<double> _frameThreshold = new("--frame-threshold")
    {
        Description = "Minimum frame activation for a note to continue, 0..1; lower makes notes longer.",
        HelpName = "0..1",
        DefaultValueFactory = _ => 0.3,
    };

    private readonly Option<double> _minNoteLength = new("--min-note-length")
    {
        Description = "Shortest note kept, in milliseconds (converted to 86.13 Hz model frames).",
        HelpName = "MS",
        DefaultValueFactory = _ => TranscribeSettings.DefaultMinNoteLengthMs,
    };

    private readonly Option<int> _energyTolerance = new("--energy-tolerance")
    {
        Description = "Frames below --frame-threshold tolerated inside a note before it ends.",
        HelpName = "FRAMES",
        DefaultValueFactory = _ => 11,
    };

    private readonly Option<bool> _noMelodia = new("--no-melodia")
    {
        Description = "Turn off the melodia trick (recovering notes without a detected onset from leftover energy). Default: on.",
    };

    private readonly Option<bool> _noInferOnsets = new("--no-infer-onsets")
    {
        Description = "Do not add onsets inferred from rises in the frame activations. Default: inferred.",
    };

    private readonly Option<double?> _minFrequency = new("--min-frequency")
    {
        Description = "Drop notes below this frequency, in Hz. Default: no limit.",
        HelpName = "HZ",
    };

    private readonly Option<double?> _maxFrequency = new("--max-frequency")
    {
        Description = "Drop notes above this frequency, in Hz. Default: no limit.",
        HelpName = "HZ",
    };

    private readonly Option<string> _pitchBends = OneOf(
        "--pitch-bends",
        "Pitch bends: none; single (one MIDI track, bends of overlapping notes dropped); per-note (a channel per pitch so every note keeps its bends).",
        PitchBendNames,
        "single");

    private readonly Option<double> _tempo = new("--tempo")
    {
        Description = "Tempo written to the MIDI file, in bpm (20..400); note times are kept in seconds either way.",
        HelpName = "BPM",
        DefaultValueFactory = _ => TranscribeSettings.DefaultTempoBpm,
    };

    private readonly Option<string> _instrument = OneOf(
        "--instrument",
        $"General MIDI instrument for the MIDI file: {string.Join(", ", InstrumentPresets.Names)} (none writes no program change).",
        InstrumentPresets.Names,
        InstrumentPreset.Piano.ToName(),
        helpName: "NAME");

    private readonly Option<string> _device = OneOf(
        "--device",
        "Where the network runs: auto (CUDA when available, else CPU), cpu, or cuda (fails without a GPU).",
        DeviceNames,
        "auto");

    private readonly Option<int?> _batchSize = new("--batch-size")
    {
        Description = "Audio windows (2 s each) per forward pass, 1..1024. Default: 4 on the CPU, 64 on a GPU.",
        HelpName = "N",
    };

    private readonly Option<int?> _threads = new("--threads")
    {
        Description = "CPU threads for inference, 1..256. Default: one per core.",
        HelpName = "N",
    };

    private readonly Option<string?> _modelDirectory = new("--model-dir")
    {
        Description = $"Folder holding basic-pitch's model.json. Default: ${ModelLocator.EnvironmentVariable}, then the copy beside wtt, then model/node_modules/@spotify/basic-pitch/model in a parent folder.",
        HelpName = "DIR",
    };

    private readonly Option<bool> _sonify = new("--sonify")
    {
        Description = "Also write NAME.sonified.wav, the notes rendered as sine tones, to hear what was transcribed.",
    };

    private readonly Option<bool> _quiet = new("--quiet", "-q")
    {
        Description = "Print only errors: no progress and no summary lines.",
    };

    private readonly Option<bool> _verbose = new("--verbose", "-v")
    {
        Description = "Log what the engine does (device, timings) to standard error.",
    };

    /// <summary>Builds the <c>transcribe</c> command, writing through <paramref name="console"/>.</summary>
    public TranscribeCommand(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
        Command = new Command(
            "transcribe",
            "Transcribe audio files to MIDI, note lists and (with --tab) guitar or bass tablature, locally. The model loads once for all files. " +
            "Exit codes: 0 all files transcribed, 1 some failed (one error line each), 2 bad command line.")
        {
            _files,
            _out,
            _onsetThreshold,
            _frameThreshold,
            _minNoteLength,
            _energyTolerance,
            _noMelodia,
            _noInferOnsets,
            _minFrequency,
            _maxFrequency,
            _pitchBends,
            _tempo,
            _instrument,
            _device,
            _batchSize,
            _threads,
            _modelDirectory,
            _sonify,
            _quiet,
            _verbose,
        };
        foreach (var option in _tab.All)
        {
            Command.Options.Add(option);
        }

        Command.SetAction(InvokeAsync);

        // FILE takes any number of values, so the parser hands a mistyped option (--tempoo) to it as a file name.
        FileArguments.RejectOptionLookalikes(_files);
    }

    /// <summary>The System.CommandLine command to add to the root.</summary>
    public Command Command { get; }

    /// <summary>Reads the parsed values; enumerated options were already checked by the parser.</summary>
    public TranscribeSettings ReadSettings(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);

        // With a tab asked for and no --instrument, the MIDI sounds like the tab's instrument; a bass MIDI is tabbed for bass.
        var instrument = InstrumentPresets.Parse(parseResult.GetValue(_instrument) ?? InstrumentPreset.Piano.ToName());
        var tabKind = _tab.InstrumentGiven(parseResult);
        TabSettings? tab = null;
        if (_tab.AnyGiven(parseResult))
        {
            tab = _tab.Read(parseResult, defaultInstrument: InstrumentKinds.ForSound(instrument).ToName());
            if (parseResult.GetResult(_instrument) is not { Implicit: false } && InstrumentKinds.TryParse(tabKind, out var kind))
            {
                instrument = kind.DefaultSound();
            }
        }

        return new TranscribeSettings
        {
            Inputs = parseResult.GetValue(_files) ?? [],
            OutputDirectory = parseResult.GetValue(_out) ?? ".",
            OnsetThreshold = parseResult.GetValue(_onsetThreshold),
            FrameThreshold = parseResult.GetValue(_frameThreshold),
            MinNoteLengthMs = parseResult.GetValue(_minNoteLength),
            EnergyTolerance = parseResult.GetValue(_energyTolerance),
            MelodiaTrick = !parseResult.GetValue(_noMelodia),
            InferOnsets = !parseResult.GetValue(_noInferOnsets),
            MinFrequency = parseResult.GetValue(_minFrequency),
            MaxFrequency = parseResult.GetValue(_maxFrequency),
            PitchBends = Pick(parseResult.GetValue(_pitchBends), PitchBendNames, [PitchBendMode.None, PitchBendMode.SingleTrack, PitchBendMode.PerNote]),
            TempoBpm = parseResult.GetValue(_tempo),
            Instrument = instrument,
            Device = Pick(parseResult.GetValue(_device), DeviceNames, [DevicePreference.Auto, DevicePreference.Cpu, DevicePreference.Cuda]),
            BatchSize = parseResult.GetValue(_batchSize),
            Threads = parseResult.GetValue(_threads),
            ModelDirectory = parseResult.GetValue(_modelDirectory),
            Sonify = parseResult.GetValue(_sonify),
            Quiet = parseResult.GetValue(_quiet),
            Verbose = parseResult.GetValue(_verbose),
            Tab = tab,
        };
    }

    /// <summary>The value at the position of <paramref name="name"/> in <paramref name="names"/>; the validator has already rejected anything else.</summary>
    private static T Pick<T>(string? name, IReadOnlyList<string> names, IReadOnlyList<T> values)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(name, names[i], StringComparison.OrdinalIgnoreCase))
            {
                return values[i];
            }
        }

        throw new ArgumentException($"'{name}' is not one of: {string.Join(", ", names)}.", nameof(name));
    }

    /// <summary>A string option limited to <paramref name="names"/> (case-insensitive), with a one-line error naming them all.</summary>
    private static Option<string> OneOf(string name, string description, IReadOnlyList<string> names, string defaultName, string? helpName = null)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = helpName ?? string.Join('|', names),
            DefaultValueFactory = _ => defaultName,
        };
        option.CompletionSources.Add(names.ToArray());
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!names.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"{name} '{value}' is not known; expected one of: {string.Join(", ", names)}.");
            }
        });
        return option;
    }

    private async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var settings = ReadSettings(parseResult);
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                _console.WriteError(error);
            }

            _console.Error.WriteLine("Run 'wtt transcribe --help' to see the options.");
            return ExitCodes.Usage;
        }

        using var ownLoggerFactory = _console.LoggerFactory is null ? CliLogging.CreateFactory(settings.Verbose) : null;
        var loggerFactory = _console.LoggerFactory ?? ownLoggerFactory!;
        var batch = new TranscriptionBatch(settings, _console, loggerFactory);
        try
        {
            // The engine is synchronous and CPU-bound; off the caller's thread the returned task is truly asynchronous.
            // Cancellation (Ctrl+C in Program) is seen by the engine between batches.
            return await Task.Run(() => batch.Run(cancellationToken), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _console.Error.WriteLine("Cancelled.");
            return ExitCodes.Cancelled;
        }
    }
}
