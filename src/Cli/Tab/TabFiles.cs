using WhatsTheTab.Tablature;
using WhatsTheTab.Tablature.Export;
using WhatsTheTab.Tablature.Instruments;

namespace WhatsTheTab.Cli.Tab;

/// <summary>Writes a tab in the asked formats beside a file's other outputs: DIR/NAME.tab.txt, DIR/NAME.musicxml, …</summary>
public static class TabFiles
{
    /// <summary>Writes every format and returns the paths written, in order.</summary>
    public static IReadOnlyList<string> Write(TabScore score, string directory, string baseName, IReadOnlyList<TabFormat> formats)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(formats);
        var written = new List<string>(formats.Count);
        foreach (var format in formats)
        {
            var path = Path.Combine(directory, baseName + format.Extension());
            using (var file = File.Create(path))
            {
                TabFormats.Write(score, format, file);
            }

            written.Add(path);
        }

        return written;
    }

    /// <summary>"NAME.{tab.txt,musicxml,alphatex}" for a summary line.</summary>
    public static string Pattern(string directory, string baseName, IReadOnlyList<TabFormat> formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        var stem = Path.Combine(directory, baseName);
        return formats.Count == 1 ? stem + formats[0].Extension() : stem + ".{" + string.Join(',', formats.Select(f => f.Extension()[1..])) + "}";
    }

    /// <summary>One line about what the tab had to leave out or move, or null when nothing.</summary>
    public static string? ReportLine(TabScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var report = score.Report;
        return report.Dropped.Count == 0 && report.Transposed.Count == 0
            ? null
            : $"{report.Dropped.Count} notes left out of the tab (out of range or unplayable together), {report.Transposed.Count} moved by octaves to fit the {score.Instrument.Kind.DisplayName().ToLowerInvariant()}";
    }
}
