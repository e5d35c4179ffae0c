using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace WhatsTheTab.Cli;

/// <summary>
/// Where wtt talks to the user: standard output and error as Spectre consoles (the UI) and as plain writers (help text),
/// whether output is a live terminal that can redraw a progress bar, and optionally the logger factory to use.
/// </summary>
public sealed class CliConsole
{
    // Redirected output goes to logs and files where wrapping at an invented 80 columns would split error lines.
    private const int UnwrappedWidth = 4096;

    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="interactive">Whether <paramref name="output"/> is a terminal: live progress bars and colours.</param>
    /// <param name="loggerFactory">Logger factory to use instead of wtt's console logger; the caller owns it.</param>
    /// <param name="errorInteractive">Whether <paramref name="error"/> is a terminal (colours); defaults to <paramref name="interactive"/>.</param>
    public CliConsole(TextWriter output, TextWriter error, bool interactive, ILoggerFactory? loggerFactory = null, bool? errorInteractive = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        OutputWriter = output;
        ErrorWriter = error;
        Interactive = interactive;
        LoggerFactory = loggerFactory;
        Out = CreateAnsiConsole(output, interactive);
        Error = CreateAnsiConsole(error, errorInteractive ?? interactive);
    }

    /// <summary>User-facing output: progress, summaries.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>User-facing errors, one line per problem.</summary>
    public IAnsiConsole Error { get; }

    /// <summary>Standard output as text, for System.CommandLine's help and version.</summary>
    public TextWriter OutputWriter { get; }

    /// <summary>Standard error as text, for System.CommandLine's parse errors.</summary>
    public TextWriter ErrorWriter { get; }

    /// <summary>True when standard output is a terminal that can show live progress bars; otherwise progress is printed as plain lines.</summary>
    public bool Interactive { get; }

    /// <summary>Logger factory to use instead of the console logger wtt sets up (tests pass their own); the caller owns it.</summary>
    public ILoggerFactory? LoggerFactory { get; }

    /// <summary>Writes "wtt: error: …" to standard error as one line, whatever the message contains, so scripts can grep for it.</summary>
    public void WriteError(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Error.MarkupLine($"[red]wtt: error:[/] {Markup.Escape(message.ReplaceLineEndings(" "))}");
    }

    /// <summary>The process console: interactive when stdout is a terminal Spectre can drive.</summary>
    public static CliConsole FromSystemConsole()
    {
        var interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive && AnsiConsole.Profile.Capabilities.Ansi;
        return new CliConsole(Console.Out, Console.Error, interactive, errorInteractive: !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Ansi);
    }

    private static IAnsiConsole CreateAnsiConsole(TextWriter writer, bool interactive)
    {
        if (interactive)
        {
            return AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = UnwrappedWidth;
        return console;
    }
}
