using Spectre.Console;
using WhatsTheTab.Transcription;

namespace WhatsTheTab.Cli.Progress;

/// <summary>
/// Progress for redirected output (CI logs, pipes): lines like <c>song.wav: chunk 3/10</c>, at most one per tenth of
/// the file plus the last, so a long recording does not flood the log.
/// </summary>
public sealed class PlainProgressReporter : IProgressReporter
{
    private const int LinesPerFile = 10;
    private readonly IAnsiConsole _console;

    public PlainProgressReporter(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
    }

    public T Track<T>(string file, Func<IProgress<ChunkProgress>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var lastStep = -1;
        var sink = new SynchronousProgress<ChunkProgress>(progress =>
        {
            // The total can grow while a file of unknown length is read, so steps are recomputed on every report.
            var total = Math.Max(progress.TotalChunks, 1);
            var step = progress.Chunk * LinesPerFile / total;
            if (step > lastStep || progress.Chunk >= progress.TotalChunks)
            {
                lastStep = step;
                _console.WriteLine($"{file}: chunk {progress.Chunk}/{progress.TotalChunks}");
            }
        });
        return work(sink);
    }
}
