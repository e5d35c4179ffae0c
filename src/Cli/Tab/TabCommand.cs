using Spectre.Console;
using System.CommandLine;
using WhatsTheTab.Cli.Transcribe;
using WhatsTheTab.Tablature;
using WhatsTheTab.Tablature.Import;

namespace WhatsTheTab.Cli.Tab;

/// <summary>
/// <c>wtt tab FILE... [options]</c>: tablature from notes that already exist (a note list from <c>wtt transcribe</c> or
/// the API, or a MIDI file), without audio and without the model.
/// </summary>
public sealed class TabCommand
{
    private readonly CliConsole _console;
    private readonly TabOptionSet _tab = new();

    private readonly Argument<string[]> _files = new("FILE")
    {
        Description = "Note lists (NAME.notes.json or NAME.notes.csv, as wtt transcribe and the API write them) or MIDI files.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> _out = new("--out", "-o")
    {
        Description = "Folder for the outputs, created if missing. Each FILE gives NAME.tab.txt, NAME.musicxml and NAME.alphatex (see --tab-formats).",
        HelpName = "DIR",
        DefaultValueFactory = _ => ".",
    };

    private readonly Option<bool> _quiet = new("--quiet", "-q")
    {
        Description = "Print only errors.",
    };

    public TabCommand(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
        Command = new Command(
            "tab",
            "Write guitar or bass tablature (text, MusicXML, alphaTex) for notes that already exist: a note list or a MIDI file. " +
            "Exit codes: 0 all files done, 1 some failed (one error line each), 2 bad command line.")
        {
            _files,
            _out,
            _quiet,
        };
        foreach (var option in _tab.All)
        {
            Command.Options.Add(option);
        }

        Command.SetAction(Invoke);
        FileArguments.RejectOptionLookalikes(_files);
    }

    public Command Command { get; }

    private int Invoke(ParseResult parseResult)
    {
        var settings = _tab.Read(parseResult, defaultInstrument: "guitar");
        var outputDirectory = parseResult.GetValue(_out) ?? ".";
        var quiet = parseResult.GetValue(_quiet);
        if (settings.Options is null)
        {
            foreach (var error in settings.Errors)
            {
                WriteError(error);
            }

            _console.Error.WriteLine("Run 'wtt tab --help' to see the options.");
            return ExitCodes.Usage;
        }

        try
        {
            Directory.CreateDirectory(outputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            WriteError($"cannot create the output folder {outputDirectory}: {e.Message}");
            return ExitCodes.Failure;
        }

        var inputs = parseResult.GetValue(_files) ?? [];
        var names = OutputNames.Assign([.. inputs.Select(WithoutNotesSuffix)]);
        var failed = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            try
            {
                var file = NoteFileReader.Read(inputs[i]);
                var options = ForFile(settings, file, names[i]);
                var score = TablatureBuilder.Build(file.Notes, options);
                TabFiles.Write(score, outputDirectory, names[i], settings.Formats);
                if (!quiet)
                {
                    _console.Out.WriteLine(
                        $"{inputs[i]}: {score.Notes.Count} notes in {score.Measures.Count} bars at {score.NotatedTempoBpm} bpm -> {TabFiles.Pattern(outputDirectory, names[i], settings.Formats)}");
                    if (TabFiles.ReportLine(score) is { } report)
                    {
                        _console.Out.WriteLine($"{inputs[i]}: {report}");
                    }
                }
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                failed++;
                WriteError($"{inputs[i]}: {e.Message}");
            }
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>The file's name as the title, a MIDI file's time signature when none was given, and its tempo when asked for.</summary>
    private static TabOptions ForFile(TabSettings settings, MidiNoteFile file, string name)
    {
        var options = settings.Options!;
        return options with
        {
            Title = options.Title ?? name,
            TimeSignature = options.TimeSignature ?? file.TimeSignature,
            TempoBpm = settings.UseMidiTempo && file.TempoBpm is { } bpm
                ? Math.Clamp(bpm, TabOptions.MinTempoBpm, TabOptions.MaxTempoBpm)
                : options.TempoBpm,
        };
    }

    /// <summary>"song.notes.json" is named like "song.json": its tab is song.tab.txt, not song.notes.tab.txt.</summary>
    private static string WithoutNotesSuffix(string input)
    {
        var name = Path.GetFileNameWithoutExtension(input);
        return name.EndsWith(".notes", StringComparison.OrdinalIgnoreCase)
            ? Path.Combine(Path.GetDirectoryName(input) ?? string.Empty, name[..^".notes".Length] + Path.GetExtension(input))
            : input;
    }

    private void WriteError(string message) => _console.WriteError(message);
}
