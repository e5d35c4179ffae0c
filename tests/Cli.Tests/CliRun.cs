using Microsoft.Extensions.Logging.Abstractions;

namespace WhatsTheTab.Cli.Tests;

/// <summary>Runs wtt in-process, as <c>Program</c> does, with standard output and error captured as text.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> OutputLines => Lines(Output);

    public IReadOnlyList<string> ErrorLines => Lines(Error);

    public static Task<CliRun> InvokeAsync(params string[] args) => InvokeAsync(args, CancellationToken.None);

    public static async Task<CliRun> InvokeAsync(string[] args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, interactive: false, NullLoggerFactory.Instance);
        var exitCode = await WttCommandLine.RunAsync(args, console, cancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
