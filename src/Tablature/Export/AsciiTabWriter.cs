using System.Globalization;
using System.Text;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Tablature.Rhythm;

namespace WhatsTheTab.Tablature.Export;

/// <summary>Writes a <see cref="TabScore"/> as a plain-text tab: a header, then systems of bars wrapped to the width option.</summary>
/// <remarks>
/// Each string is a line headed by its open note (top line = string 1; a guitar's top string is written in lower case,
/// as in "e|" over "E|", and a bass's only when another string has the same letter). Every grid step of a beat takes the same number of
/// columns (one more than the widest fret in the piece), so a beat of sixteenths is four steps wide and a triplet beat
/// three; a fret is written at the start of its step, padded with '-'. Bars are separated by '|', the bar number stands
/// above each bar, and a bar too wide for the line gets a line of its own. Only note starts are shown; how long a note
/// rings is in the MusicXML and alphaTex forms.
/// </remarks>
public static class AsciiTabWriter
{
    public static string ToText(TabScore score)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(score, text);
        return text.ToString();
    }

    public static void Write(TabScore score, TextWriter destination)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(destination);
        TabInstrument instrument = score.Instrument;
        WriteHeader(score, destination);

        int stepWidth = Math.Max(2, score.Notes.Select(n => Digits(n.Fret)).DefaultIfEmpty(1).Max() + 1);
        int straightSlots = Math.Max(1, score.Grid.TicksPerBeat / Quantizer.UnitTicks(score.Options.Quantize));
        string[] names = StringNames(instrument);
        int prefix = names[0].Length + 1;

        var bars = score.Measures.Select(m => RenderBar(m, score.Grid, straightSlots, stepWidth, instrument.StringCount)).ToList();
        int index = 0;
        while (index < bars.Count)
        {
            int width = prefix + bars[index].Width;
            int end = index + 1;
            while (end < bars.Count && width + bars[end].Width <= score.Options.Width)
            {
                width += bars[end].Width;
                end++;
            }

            destination.WriteLine();
            var numbers = new StringBuilder(new string(' ', prefix));
            for (int b = index; b < end; b++)
            {
                string number = score.Measures[b].Number.ToString(CultureInfo.InvariantCulture);
                numbers.Append(number.PadRight(bars[b].Width));
            }

            destination.WriteLine(numbers.ToString().TrimEnd());
            for (int s = 0; s < instrument.StringCount; s++)
            {
                var line = new StringBuilder(names[s]).Append('|');
                for (int b = index; b < end; b++)
                {
                    line.Append(bars[b].Lines[s]);
                }

                destination.WriteLine(line.ToString());
            }

            index = end;
        }
    }

    private static void WriteHeader(TabScore score, TextWriter destination)
    {
        TabInstrument instrument = score.Instrument;
        if (score.Title is string title)
        {
            destination.WriteLine(title);
        }

        string tuning = instrument.Tuning.Name == Tuning.CustomName
            ? instrument.Tuning.Notes
            : Invariant($"{instrument.Tuning.Name} ({instrument.Tuning.Notes})");
        destination.Write(Invariant($"{instrument.Kind.DisplayName()}, tuning {tuning}"));
        destination.WriteLine(instrument.Capo > 0 ? Invariant($", capo {instrument.Capo} (frets counted from the capo)") : string.Empty);

        BeatGrid grid = score.Grid;
        string source = score.Options.TempoBpm is null
            ? Invariant($"estimated, confidence {grid.Confidence:0.00}")
            : grid.Relation switch
            {
                TempoRelation.Half => Invariant($"given; the notes suggest {grid.EstimatedTempoBpm:0}, half of it"),
                TempoRelation.Twice => Invariant($"given; the notes suggest {grid.EstimatedTempoBpm:0}, twice it"),
                _ => "given",
            };
        destination.WriteLine(Invariant($"Tempo {score.NotatedTempoBpm} bpm ({source}), time {score.TimeSignature}"));

        TabReport report = score.Report;
        if (report.Dropped.Count > 0 || report.Transposed.Count > 0)
        {
            destination.WriteLine(Invariant($"{report.Dropped.Count} notes left out, {report.Transposed.Count} moved by octaves to fit the instrument"));
        }
    }

    /// <summary>The text of one bar for every string (without the leading bar line), and its width.</summary>
    private static (string[] Lines, int Width) RenderBar(TabMeasure measure, BeatGrid grid, int straightSlots, int stepWidth, int strings)
    {
        int ticksPerBeat = grid.TicksPerBeat;
        int firstBeat = measure.StartTick / ticksPerBeat;
        int beats = measure.LengthTicks / ticksPerBeat;

        // Column where each beat of the bar starts, after one leading '-'.
        var beatColumn = new int[beats + 1];
        beatColumn[0] = 1;
        for (int b = 0; b < beats; b++)
        {
            int slots = grid.IsTriplet(firstBeat + b) ? 3 : straightSlots;
            beatColumn[b + 1] = beatColumn[b] + (slots * stepWidth);
        }

        int width = beatColumn[beats] + 1;
        var lines = new char[strings][];
        for (int s = 0; s < strings; s++)
        {
            lines[s] = new string('-', width).ToCharArray();
            lines[s][width - 1] = '|';
        }

        foreach (TabEvent tabEvent in measure.Events)
        {
            int column = Column(tabEvent.StartTick - measure.StartTick, firstBeat, beatColumn, grid, straightSlots, stepWidth);
            foreach (PlacedNote note in tabEvent.Notes)
            {
                string fret = note.Fret.ToString(CultureInfo.InvariantCulture);
                fret.CopyTo(0, lines[note.StringNumber - 1], column, fret.Length);
            }
        }

        return ([.. lines.Select(l => new string(l))], width);
    }

    /// <summary>The column of the grid step at <paramref name="offset"/> ticks into a bar.</summary>
    internal static int Column(int offset, int firstBeat, int[] beatColumn, BeatGrid grid, int straightSlots, int stepWidth)
    {
        int ticksPerBeat = grid.TicksPerBeat;
        int beat = offset / ticksPerBeat;
        int slots = grid.IsTriplet(firstBeat + beat) ? 3 : straightSlots;
        int slot = (offset - (beat * ticksPerBeat)) * slots / ticksPerBeat;
        return beatColumn[beat] + (slot * stepWidth);
    }

    /// <summary>Open-string names, top line first, padded to one width.</summary>
    internal static string[] StringNames(TabInstrument instrument)
    {
        var names = Enumerable.Range(1, instrument.StringCount).Select(s => NoteName.PitchClass(instrument.OpenPitch(s))).ToArray();
        if (!instrument.Kind.IsBass() || names.Skip(1).Any(n => string.Equals(n, names[0], StringComparison.Ordinal)))
        {
            names[0] = names[0].ToLowerInvariant();
        }

        int width = names.Max(n => n.Length);
        return [.. names.Select(n => n.PadRight(width))];
    }

    private static int Digits(int fret) => fret >= 10 ? 2 : 1;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
