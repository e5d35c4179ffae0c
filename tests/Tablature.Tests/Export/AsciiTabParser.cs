using System.Text.RegularExpressions;

namespace WhatsTheTab.Tablature.Tests.Export;

/// <summary>
/// Reads an ASCII tab back, independently of the writer: string lines (a name, then '|'), grouped into systems by the
/// blank lines between them; every run of digits is a fret at its column, in the bar its column falls in.
/// </summary>
internal static partial class AsciiTabParser
{
    /// <summary>One fret read back: bar (counted across systems), column inside the bar, string line (1 = top) and fret.</summary>
    public readonly record struct ReadFret(int Bar, int Column, int StringNumber, int Fret);

    public static List<ReadFret> Read(string text, out List<string> names)
    {
        var frets = new List<ReadFret>();
        names = [];
        int barsBefore = 0;
        var system = new List<string>();
        foreach (string line in text.Split('\n').Select(l => l.TrimEnd('\r')).Append(string.Empty))
        {
            if (StringLine().IsMatch(line))
            {
                system.Add(line);
                continue;
            }

            if (system.Count == 0)
            {
                continue;
            }

            int barsHere = 0;
            for (int s = 0; s < system.Count; s++)
            {
                string row = system[s];
                int first = row.IndexOf('|', StringComparison.Ordinal);
                if (barsBefore == 0)
                {
                    names.Add(row[..first].Trim());
                }

                string[] bars = row[(first + 1)..].Split('|');
                int bar = 0;
                foreach (string content in bars.Where(b => b.Length > 0))
                {
                    foreach (Match digits in Frets().Matches(content))
                    {
                        frets.Add(new ReadFret(barsBefore + bar, digits.Index, s + 1, int.Parse(digits.Value, System.Globalization.CultureInfo.InvariantCulture)));
                    }

                    bar++;
                }

                barsHere = bar;
            }

            barsBefore += barsHere;
            system.Clear();
        }

        return frets;
    }

    /// <summary>Bars read back per system line count (all lines of a system must agree).</summary>
    [GeneratedRegex(@"^[A-Ga-g][#b]?\s*\|[-0-9|]+$")]
    private static partial Regex StringLine();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Frets();
}
