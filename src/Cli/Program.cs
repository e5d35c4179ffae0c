using WhatsTheTab.Cli;

// wtt: the console is the real one here; tests build their own CliConsole and call WttCommandLine.RunAsync.
var console = CliConsole.FromSystemConsole();
var rootCommand = WttCommandLine.BuildRootCommand(console);
return await WttCommandLine.InvokeAsync(rootCommand, args, console);
