using WhatsTheTab.Cli;

// wtt: the console is the real one here; tests build their own CliConsole and call WttCommandLine.RunAsync.
var console = CliConsole.FromSystemConsole();
var rootCommand = WttCommandLine.BuildRootCommand(console);

// Ctrl+C cancels the run between batches instead of killing the process mid-write.
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};

return await WttCommandLine.InvokeAsync(rootCommand, args, console, interrupted.Token);
