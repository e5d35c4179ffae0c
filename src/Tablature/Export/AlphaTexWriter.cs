using System.Globalization;
using System.Text;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Tablature.Export;

/// <summary>Writes a <see cref="TabScore"/> as alphaTex, the text format alphaTab (1.7 and later) loads.</summary>
/// <remarks>
/// Layout, as alphaTab's documentation describes it: score metadata (<c>\title</c>), then <c>\track</c> and
/// <c>\staff {score tabs}</c>, staff metadata (<c>\instrument</c> as General MIDI program number, <c>\tuning</c> with the
/// top string first, <c>\capo</c>), bar metadata on the first bar (<c>\tempo</c>, <c>\ts</c>), then bars separated by
/// <c>|</c> (no separating dots, which 1.7 retired). Notes are <c>fret.string</c> with string 1 the top string and frets
/// counted from the capo (alphaTab adds the capo to the tuning for playback); chords <c>(f.s f.s)</c>; a tied
/// continuation is <c>-.string</c>; each beat states its duration (<c>.4</c>, <c>.8</c> …), dotted values add
/// <c>{d}</c> and triplet values <c>{tu 3}</c>; rests are <c>r</c>.
/// </remarks>
public static class AlphaTexWriter
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
        if (score.Title is string title)
        {
            destination.Write("\\title ");
            destination.WriteLine(Quoted(title));
        }

        destination.Write("\\track ");
        destination.WriteLine(Quoted(instrument.Kind.DisplayName()));
        destination.WriteLine("\\staff {score tabs}");
        if (instrument.Sound.GeneralMidiProgram() is int program)
        {
            destination.WriteLine(Invariant($"\\instrument {program}"));
        }

        destination.Write("\\tuning (");
        destination.Write(string.Join(' ', Enumerable.Range(1, instrument.StringCount).Select(s => NoteName.WithOctave(instrument.OpenPitch(s)))));
        destination.WriteLine(")");
        if (instrument.Capo > 0)
        {
            destination.WriteLine(Invariant($"\\capo {instrument.Capo}"));
        }

        destination.WriteLine(Invariant($"\\tempo {score.NotatedTempoBpm}"));
        destination.WriteLine(Invariant($"\\ts ({score.TimeSignature.Beats} {score.TimeSignature.BeatType})"));

        IReadOnlyList<NotatedMeasure> measures = NotationLayout.Build(score);
        var line = new StringBuilder();
        for (int m = 0; m < measures.Count; m++)
        {
            line.Clear();
            foreach (NotatedBeat beat in measures[m].Beats)
            {
                if (line.Length > 0)
                {
                    line.Append(' ');
                }

                AppendBeat(line, beat);
            }

            if (m < measures.Count - 1)
            {
                line.Append(" |");
            }

            destination.WriteLine(line.ToString());
        }
    }

    private static void AppendBeat(StringBuilder line, NotatedBeat beat)
    {
        if (beat.IsRest)
        {
            line.Append('r');
        }
        else if (beat.Notes.Count == 1)
        {
            AppendNote(line, beat.Notes[0]);
        }
        else
        {
            line.Append('(');
            for (int i = 0; i < beat.Notes.Count; i++)
            {
                if (i > 0)
                {
                    line.Append(' ');
                }

                AppendNote(line, beat.Notes[i]);
            }

            line.Append(')');
        }

        line.Append('.').Append(beat.Value.Denominator.ToString(CultureInfo.InvariantCulture));
        if (beat.Value.Triplet)
        {
            line.Append(" {tu 3}");
        }
        else if (beat.Value.Dots == 1)
        {
            line.Append(" {d}");
        }
    }

    private static void AppendNote(StringBuilder line, NotatedNote note)
    {
        if (note.TieStop)
        {
            line.Append('-');
        }
        else
        {
            line.Append(note.Note.Fret.ToString(CultureInfo.InvariantCulture));
        }

        line.Append('.').Append(note.Note.StringNumber.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A double-quoted alphaTex string with backslashes and quotes escaped and line breaks as \n.</summary>
    private static string Quoted(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    builder.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
