using System.CommandLine;
using System.Globalization;
using WhatsTheTab.Tablature;
using WhatsTheTab.Tablature.Export;
using WhatsTheTab.Tablature.Instruments;

namespace WhatsTheTab.Cli.Tab;

/// <summary>
/// The tablature options <c>wtt transcribe</c> and <c>wtt tab</c> share (instrument, tuning, capo, rhythm, which files),
/// read into the tab engine's <see cref="TabOptions"/> through its own parser, so the command line, the API and the
/// engine agree on names, defaults and messages.
/// </summary>
public sealed class TabOptionSet
{
    /// <summary>The <c>--tab-tempo</c> value that takes the tempo from the MIDI file being tabbed.</summary>
    public const string MidiTempo = "midi";

    private static readonly IReadOnlyList<TabFormat> DefaultFormats = [TabFormat.Text, TabFormat.MusicXml, TabFormat.AlphaTex];

    private readonly Option<string?> _tab = new("--tab")
    {
        Description = $"Write tablature for this instrument: {string.Join(", ", InstrumentKinds.Names)}.",
        HelpName = "INSTRUMENT",
    };

    private readonly Option<string?> _tuning = new("--tuning")
    {
        Description = "Tuning: standard, drop-d, dadgad, open-g, open-d, half-step-down, whole-step-down, drop-c (7-string: drop-a; bass: drop-d), or notes low string first (\"D2 A2 D3 G3 B3 E4\", \"DADGBE\"). Default: standard.",
        HelpName = "TUNING",
    };

    private readonly Option<int?> _capo = new("--capo")
    {
        Description = $"Capo fret, 0..{TabOptions.MaxCapo}; tab frets are counted from it. Default: 0.",
        HelpName = "FRET",
    };

    private readonly Option<int?> _maxFret = new("--max-fret")
    {
        Description = $"Highest fret on the neck, {TabOptions.MinMaxFret}..{TabOptions.MaxMaxFret}. Default: 22.",
        HelpName = "FRET",
    };

    private readonly Option<int?> _handSpan = new("--hand-span")
    {
        Description = $"Frets the hand covers without moving, {TabOptions.MinHandSpan}..{TabOptions.MaxHandSpan}; chords wider than this are not used. Default: 4.",
        HelpName = "FRETS",
    };

    private readonly Option<string?> _quantize = new("--quantize")
    {
        Description = "Grid note starts and lengths snap to: sixteenth, eighth or none (thirty-seconds, no triplets). Default: sixteenth.",
        HelpName = "sixteenth|eighth|none",
    };

    private readonly Option<bool> _noTriplets = new("--no-triplets")
    {
        Description = "Never write triplets. Default: eighth-note triplets in beats where they fit the notes better.",
    };

    private readonly Option<string?> _tabTempo = new("--tab-tempo")
    {
        Description = $"Tempo of the tab's beat grid in quarter notes per minute, 'auto' to estimate it from the notes (the default), or '{MidiTempo}' to take a MIDI input's own tempo.",
        HelpName = "BPM|auto|midi",
    };

    private readonly Option<string?> _timeSignature = new("--time-signature")
    {
        Description = "Time signature such as 4/4, 3/4, 6/8, 12/8. Default: a MIDI input's own, else 4/4.",
        HelpName = "N/D",
    };

    private readonly Option<int?> _width = new("--width")
    {
        Description = $"Line width of the text tab, {TabOptions.MinWidth}..{TabOptions.MaxWidth} characters. Default: 80.",
        HelpName = "CHARS",
    };

    private readonly Option<string?> _formats = new("--tab-formats")
    {
        Description = $"Tab files to write, comma-separated: {string.Join(", ", TabFormats.Names)} (NAME.tab.txt, NAME.musicxml, NAME.alphatex, NAME.tab.mid, NAME.tab.json). Default: text,musicxml,alphatex.",
        HelpName = "LIST",
    };

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [_tab, _tuning, _capo, _maxFret, _handSpan, _quantize, _noTriplets, _tabTempo, _timeSignature, _width, _formats];

    /// <summary>The <c>--tab</c> instrument, when given.</summary>
    public string? InstrumentGiven(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetValue(_tab);
    }

    /// <summary>Whether any tab option was given: <c>wtt transcribe</c> writes tab only then.</summary>
    public bool AnyGiven(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return All.Any(option => parseResult.GetResult(option) is { Implicit: false });
    }

    /// <summary>
    /// The tab settings given; <paramref name="defaultInstrument"/> applies when <c>--tab</c> is absent. Errors name the
    /// option and say what is allowed.
    /// </summary>
    public TabSettings Read(ParseResult parseResult, string defaultInstrument)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var errors = new List<string>();
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("instrument", parseResult.GetValue(_tab) ?? defaultInstrument),
            new("tuning", parseResult.GetValue(_tuning)),
            new("capo", Text(parseResult.GetValue(_capo))),
            new("max-fret", Text(parseResult.GetValue(_maxFret))),
            new("hand-span", Text(parseResult.GetValue(_handSpan))),
            new("quantize", parseResult.GetValue(_quantize)),
            new("time-signature", parseResult.GetValue(_timeSignature)),
            new("width", Text(parseResult.GetValue(_width))),
        };
        if (parseResult.GetValue(_noTriplets))
        {
            pairs.Add(new("triplets", "false"));
        }

        var tempo = parseResult.GetValue(_tabTempo)?.Trim();
        var useMidiTempo = string.Equals(tempo, MidiTempo, StringComparison.OrdinalIgnoreCase);
        if (!useMidiTempo)
        {
            pairs.Add(new("tempo", tempo));
        }

        if (!TabOptionsParser.TryParse(pairs, out var options, out var problems))
        {
            errors.AddRange(problems);
        }

        var formats = ReadFormats(parseResult.GetValue(_formats), errors);
        return new TabSettings(errors.Count == 0 ? options : null, formats, useMidiTempo, errors);
    }

    private static IReadOnlyList<TabFormat> ReadFormats(string? list, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return DefaultFormats;
        }

        var formats = new List<TabFormat>();
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TabFormats.TryParse(name, out var format))
            {
                if (!formats.Contains(format))
                {
                    formats.Add(format);
                }
            }
            else
            {
                errors.Add($"--tab-formats: '{name}' is not a tab format; expected some of: {string.Join(", ", TabFormats.Names)}.");
            }
        }

        if (formats.Count == 0 && errors.Count == 0)
        {
            errors.Add("--tab-formats names no format.");
        }

        return formats;
    }

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
