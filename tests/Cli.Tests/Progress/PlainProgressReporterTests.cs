using Microsoft.Extensions.Logging.Abstractions;
using WhatsTheTab.Cli.Progress;
using WhatsTheTab.Transcription;

namespace WhatsTheTab.Cli.Tests.Progress;

public sealed class PlainProgressReporterTests
{
    [Fact]
    public void Track_FewChunks_PrintsALinePerChunk()
    {
        var lines = Report("riff.wav", total: 3, Enumerable.Range(1, 3));

        Assert.Equal(["riff.wav: chunk 1/3", "riff.wav: chunk 2/3", "riff.wav: chunk 3/3"], lines);
    }

    [Fact]
    public void Track_ManyChunks_PrintsAboutTenLinesEndingWithTheLastChunk()
    {
        var lines = Report("set.wav", total: 500, Enumerable.Range(1, 500));

        Assert.InRange(lines.Count, 10, 11);
        Assert.Equal("set.wav: chunk 500/500", lines[^1]);
    }

    [Fact]
    public void Track_ReturnsWhatTheWorkReturns()
    {
        var reporter = new PlainProgressReporter(new CliConsole(TextWriter.Null, TextWriter.Null, interactive: false, NullLoggerFactory.Instance).Out);

        Assert.Equal(42, reporter.Track("a.wav", _ => 42));
    }

    private static List<string> Report(string file, int total, IEnumerable<int> chunks)
    {
        using var output = new StringWriter();
        var reporter = new PlainProgressReporter(new CliConsole(output, TextWriter.Null, interactive: false, NullLoggerFactory.Instance).Out);
        reporter.Track(file, progress =>
        {
            foreach (var chunk in chunks)
            {
                progress.Report(new ChunkProgress(chunk, total));
            }

            return 0;
        });
        return [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
