using Spectre.Console;
using WhatsTheTab.Transcription;

namespace WhatsTheTab.Cli.Progress;

/// <summary>A live Spectre.Console progress bar per file, left on screen when the file is done so the run reads as a list.</summary>
public sealed class InteractiveProgressReporter : IProgressReporter
{
    private readonly IAnsiConsole _console;

    public InteractiveProgressReporter(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
    }

    public T Track<T>(string file, Func<IProgress<ChunkProgress>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var display = _console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn());

        return display.Start(context =>
        {
            var task = context.AddTask(Markup.Escape(file), autoStart: true, maxValue: 1);

            // Indeterminate until the first batch says how many chunks there are (model loading and decoding come first).
            task.IsIndeterminate = true;
            var sink = new SynchronousProgress<ChunkProgress>(progress =>
            {
                task.IsIndeterminate = false;
                task.MaxValue = Math.Max(progress.TotalChunks, 1);
                task.Value = progress.Chunk;
            });

            var result = work(sink);
            task.Value = task.MaxValue;
            task.StopTask();
            return result;
        });
    }
}
