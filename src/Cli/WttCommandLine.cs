using System.CommandLine;
using System.CommandLine.Invocation;
using Spectre.Console;
using WhatsTheTab.Cli.Tab;
using WhatsTheTab.Cli.Transcribe;

namespace WhatsTheTab.Cli;

/// <summary>The <c>wtt</c> command tree and how it is invoked: usage errors exit with <see cref="ExitCodes.Usage"/>.</summary>
public static class WttCommandLine
{
    /// <summary>The root command: <c>transcribe</c> and <c>tab</c>, plus the built-in --help and --version.</summary>
    public static RootCommand BuildRootCommand(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return new RootCommand("wtt (WhatsTheTab): transcribe recordings to MIDI, note lists and guitar or bass tablature with Spotify's basic-pitch model, on this machine.")
        {
            new TranscribeCommand(console).Command,
            new TabCommand(console).Command,
        };
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command; parse errors print one line each and return <see cref="ExitCodes.Usage"/>.</summary>
    public static async Task<int> InvokeAsync(RootCommand rootCommand, IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rootCommand);
        ArgumentNullException.ThrowIfNull(console);
        var parseResult = rootCommand.Parse(args);

        // System.CommandLine would answer parse errors with the full help and exit code 1; wtt keeps 1 for failed files.
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                var oneLine = error.Message.ReplaceLineEndings(" ").Replace('\t', ' ');
                console.Error.MarkupLine($"[red]wtt: error:[/] {Markup.Escape(oneLine)}");
            }

            var command = parseResult.CommandResult.Command == rootCommand ? "wtt" : $"wtt {parseResult.CommandResult.Command.Name}";
            console.Error.WriteLine($"Run '{command} --help' for usage.");
            return ExitCodes.Usage;
        }

        // Ctrl+C is the caller's business (Program turns it into cancellationToken), so System.CommandLine's own handler stays off.
        var configuration = new InvocationConfiguration
        {
            Output = console.OutputWriter,
            Error = console.ErrorWriter,
            ProcessTerminationTimeout = null,
        };
        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the command tree and runs <paramref name="args"/>: what <c>Program</c> does, callable from tests.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken = default) =>
        InvokeAsync(BuildRootCommand(console), args, console, cancellationToken);
}
