using Spectre.Console;
using WhatsTheTab.Cli.Progress;
using WhatsTheTab.Transcription;

namespace WhatsTheTab.Cli.Tests.Progress;

public sealed class InteractiveProgressReporterTests
{
    [Fact]
    public void Track_OnAnAnsiTerminal_DrawsABarNamedAfterTheFileAndReturnsTheResult()
    {
        using var output = new StringWriter();
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
        });

        var result = new InteractiveProgressReporter(terminal).Track("[live] take.wav", progress =>
        {
            progress.Report(new ChunkProgress(1, 2));
            progress.Report(new ChunkProgress(2, 2));
            return "done";
        });

        Assert.Equal("done", result);
        Assert.Contains("[live] take.wav", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("100%", output.ToString(), StringComparison.Ordinal);
    }
}
