using System.Globalization;
using System.Text;
using System.Xml;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Tablature.Rhythm;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Tablature.Export;

/// <summary>Writes a <see cref="TabScore"/> as MusicXML 4.0 (score-partwise): one part, a notation staff and a TAB staff.</summary>
/// <remarks>
/// No DOCTYPE: the 4.0 schema validates the document as it is, and readers with DTD processing off (the .NET default)
/// can load it. Staff 1 is standard notation (treble clef an octave down for guitars, bass clef an octave down for
/// basses) in voice 1; staff 2 is the tablature in voice 5 after a &lt;backup&gt; of the whole bar, with the tuning in
/// &lt;staff-tuning&gt; (line 1 = lowest string) and the capo in &lt;capo&gt;; frets are counted from the capo, as MusicXML's
/// capo element implies. Every note carries &lt;string&gt; (1 = highest) and &lt;fret&gt;. Pitches are the sounding pitches
/// spelt with sharps, key C. Divisions are <see cref="BeatGrid.TicksPerQuarter"/>, so durations are grid ticks.
/// </remarks>
public static class MusicXmlWriter
{
    private const string NotationVoice = "1";
    private const string TabVoice = "5";

    public static string ToXml(TabScore score)
    {
        using var text = new Utf8StringWriter();
        Write(score, text);
        return text.ToString();
    }

    public static void Write(TabScore score, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var writer = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        Write(score, writer);
    }

    public static void Write(TabScore score, TextWriter destination)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(destination);
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using XmlWriter xml = XmlWriter.Create(destination, settings);
        TabInstrument instrument = score.Instrument;
        IReadOnlyList<NotatedMeasure> measures = NotationLayout.Build(score);

        xml.WriteStartDocument();
        xml.WriteStartElement("score-partwise");
        xml.WriteAttributeString("version", "4.0");
        if (score.Title is string title)
        {
            xml.WriteStartElement("work");
            xml.WriteElementString("work-title", title);
            xml.WriteEndElement();
            xml.WriteElementString("movement-title", title);
        }

        xml.WriteStartElement("identification");
        xml.WriteStartElement("encoding");
        xml.WriteElementString("software", "WhatsTheTab");
        xml.WriteEndElement();
        xml.WriteEndElement();

        xml.WriteStartElement("part-list");
        xml.WriteStartElement("score-part");
        xml.WriteAttributeString("id", "P1");
        xml.WriteElementString("part-name", instrument.Kind.DisplayName());
        xml.WriteStartElement("score-instrument");
        xml.WriteAttributeString("id", "P1-I1");
        xml.WriteElementString("instrument-name", instrument.Kind.DisplayName());
        xml.WriteEndElement();
        if (instrument.Sound.GeneralMidiProgram() is int program)
        {
            xml.WriteStartElement("midi-instrument");
            xml.WriteAttributeString("id", "P1-I1");
            xml.WriteElementString("midi-channel", "1");
            // MusicXML numbers programs from 1.
            xml.WriteElementString("midi-program", Number(program + 1));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();

        xml.WriteStartElement("part");
        xml.WriteAttributeString("id", "P1");
        for (int m = 0; m < measures.Count; m++)
        {
            NotatedMeasure measure = measures[m];
            xml.WriteStartElement("measure");
            xml.WriteAttributeString("number", Number(measure.Measure.Number));
            if (m == 0)
            {
                WriteAttributes(xml, score);
                WriteTempo(xml, score.NotatedTempoBpm);
            }

            WriteVoice(xml, measure, "1", NotationVoice);
            xml.WriteStartElement("backup");
            xml.WriteElementString("duration", Number(measure.Measure.LengthTicks));
            xml.WriteEndElement();
            WriteVoice(xml, measure, "2", TabVoice);
            if (m == measures.Count - 1)
            {
                xml.WriteStartElement("barline");
                xml.WriteAttributeString("location", "right");
                xml.WriteElementString("bar-style", "light-heavy");
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteAttributes(XmlWriter xml, TabScore score)
    {
        TabInstrument instrument = score.Instrument;
        xml.WriteStartElement("attributes");
        xml.WriteElementString("divisions", Number(BeatGrid.TicksPerQuarter));
        xml.WriteStartElement("key");
        xml.WriteElementString("fifths", "0");
        xml.WriteEndElement();
        xml.WriteStartElement("time");
        xml.WriteElementString("beats", Number(score.TimeSignature.Beats));
        xml.WriteElementString("beat-type", Number(score.TimeSignature.BeatType));
        xml.WriteEndElement();
        xml.WriteElementString("staves", "2");

        xml.WriteStartElement("clef");
        xml.WriteAttributeString("number", "1");
        xml.WriteElementString("sign", instrument.Kind.IsBass() ? "F" : "G");
        xml.WriteElementString("line", instrument.Kind.IsBass() ? "4" : "2");
        xml.WriteElementString("clef-octave-change", "-1");
        xml.WriteEndElement();
        xml.WriteStartElement("clef");
        xml.WriteAttributeString("number", "2");
        xml.WriteElementString("sign", "TAB");
        xml.WriteElementString("line", "5");
        xml.WriteEndElement();

        xml.WriteStartElement("staff-details");
        xml.WriteAttributeString("number", "2");
        xml.WriteElementString("staff-lines", Number(instrument.StringCount));
        for (int line = 1; line <= instrument.StringCount; line++)
        {
            int open = instrument.Tuning.OpenPitches[line - 1];
            xml.WriteStartElement("staff-tuning");
            xml.WriteAttributeString("line", Number(line));
            xml.WriteElementString("tuning-step", NoteName.Step(open).ToString());
            if (NoteName.Alter(open) != 0)
            {
                xml.WriteElementString("tuning-alter", Number(NoteName.Alter(open)));
            }

            xml.WriteElementString("tuning-octave", Number(NoteName.Octave(open)));
            xml.WriteEndElement();
        }

        if (instrument.Capo > 0)
        {
            xml.WriteElementString("capo", Number(instrument.Capo));
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteTempo(XmlWriter xml, int bpm)
    {
        xml.WriteStartElement("direction");
        xml.WriteAttributeString("placement", "above");
        xml.WriteStartElement("direction-type");
        xml.WriteStartElement("metronome");
        xml.WriteElementString("beat-unit", "quarter");
        xml.WriteElementString("per-minute", Number(bpm));
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteElementString("staff", "1");
        xml.WriteStartElement("sound");
        xml.WriteAttributeString("tempo", Number(bpm));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteVoice(XmlWriter xml, NotatedMeasure measure, string staff, string voice)
    {
        if (measure.IsEmpty)
        {
            xml.WriteStartElement("note");
            xml.WriteStartElement("rest");
            xml.WriteAttributeString("measure", "yes");
            xml.WriteEndElement();
            xml.WriteElementString("duration", Number(measure.Measure.LengthTicks));
            xml.WriteElementString("voice", voice);
            xml.WriteElementString("staff", staff);
            xml.WriteEndElement();
            return;
        }

        foreach (NotatedBeat beat in measure.Beats)
        {
            if (beat.IsRest)
            {
                xml.WriteStartElement("note");
                xml.WriteElementString("rest", string.Empty);
                xml.WriteElementString("duration", Number(beat.Ticks));
                WriteValue(xml, beat, voice, staff);
                WriteTuplet(xml, beat.Tuplet, tied: null, technical: null);
                xml.WriteEndElement();
                continue;
            }

            // Lowest pitch first, as chords are usually written.
            var chord = beat.Notes.OrderBy(n => n.Note.Pitch).ThenBy(n => n.Note.StringNumber).ToList();
            for (int i = 0; i < chord.Count; i++)
            {
                NotatedNote note = chord[i];
                xml.WriteStartElement("note");
                if (i > 0)
                {
                    xml.WriteElementString("chord", string.Empty);
                }

                xml.WriteStartElement("pitch");
                xml.WriteElementString("step", NoteName.Step(note.Note.Pitch).ToString());
                if (NoteName.Alter(note.Note.Pitch) != 0)
                {
                    xml.WriteElementString("alter", Number(NoteName.Alter(note.Note.Pitch)));
                }

                xml.WriteElementString("octave", Number(NoteName.Octave(note.Note.Pitch)));
                xml.WriteEndElement();
                xml.WriteElementString("duration", Number(beat.Ticks));
                if (note.TieStop)
                {
                    WriteTypeOnly(xml, "tie", "stop");
                }

                if (note.TieStart)
                {
                    WriteTypeOnly(xml, "tie", "start");
                }

                WriteValue(xml, beat, voice, staff, beams: i == 0);
                WriteTuplet(xml, i == 0 ? beat.Tuplet : TupletMark.None, note, note.Note);
                xml.WriteEndElement();
            }
        }
    }

    /// <summary>voice, type, dots, time modification, staff and beams, in the schema's order.</summary>
    private static void WriteValue(XmlWriter xml, NotatedBeat beat, string voice, string staff, bool beams = false)
    {
        xml.WriteElementString("voice", voice);
        xml.WriteElementString("type", beat.Value.TypeName);
        for (int d = 0; d < beat.Value.Dots; d++)
        {
            xml.WriteElementString("dot", string.Empty);
        }

        if (beat.Value.Triplet)
        {
            xml.WriteStartElement("time-modification");
            xml.WriteElementString("actual-notes", "3");
            xml.WriteElementString("normal-notes", "2");
            xml.WriteEndElement();
        }

        xml.WriteElementString("staff", staff);
        if (beams)
        {
            for (int level = 0; level < beat.Beams.Count; level++)
            {
                xml.WriteStartElement("beam");
                xml.WriteAttributeString("number", Number(level + 1));
                xml.WriteString(beat.Beams[level]);
                xml.WriteEndElement();
            }
        }
    }

    /// <summary>The &lt;notations&gt; element: ties, the triplet bracket and, for notes, string and fret.</summary>
    private static void WriteTuplet(XmlWriter xml, TupletMark tuplet, NotatedNote? tied, PlacedNote? technical)
    {
        bool bracket = tuplet is TupletMark.Start or TupletMark.Stop;
        bool ties = tied is { TieStart: true } or { TieStop: true };
        if (!bracket && !ties && technical is null)
        {
            return;
        }

        xml.WriteStartElement("notations");
        if (tied is { TieStop: true })
        {
            WriteTypeOnly(xml, "tied", "stop");
        }

        if (tied is { TieStart: true })
        {
            WriteTypeOnly(xml, "tied", "start");
        }

        if (bracket)
        {
            xml.WriteStartElement("tuplet");
            xml.WriteAttributeString("type", tuplet == TupletMark.Start ? "start" : "stop");
            if (tuplet == TupletMark.Start)
            {
                xml.WriteAttributeString("bracket", "yes");
            }

            xml.WriteEndElement();
        }

        if (technical is not null)
        {
            xml.WriteStartElement("technical");
            xml.WriteElementString("string", Number(technical.StringNumber));
            xml.WriteElementString("fret", Number(technical.Fret));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteTypeOnly(XmlWriter xml, string element, string type)
    {
        xml.WriteStartElement(element);
        xml.WriteAttributeString("type", type);
        xml.WriteEndElement();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A StringWriter that declares UTF-8, so the XML declaration says what the file will be saved as.</summary>
    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
