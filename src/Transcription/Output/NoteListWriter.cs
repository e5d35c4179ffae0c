using WhatsTheTab.Transcription.Inference;
using System.Globalization;
using System.Text;
using System.Text.Json;
using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Transcription.Output;

/// <summary>Writes notes as notes.json or notes.csv; <see cref="NoteListReader"/> reads both back.</summary>
/// <remarks>
/// JSON: <c>{"version":1,"sampleRate":22050,"pitchBendsPerSemitone":3,"noteCount":N,"notes":[{"start":0.116,"end":0.45,
/// "pitch":60,"name":"C4","velocity":80,"amplitude":0.63,"pitchBends":[0,1]|null}]}</c>, times in seconds, bends one per
/// model frame spread evenly from start to end. CSV: a <c>start_s,end_s,pitch,velocity,amplitude,pitch_bends</c> header,
/// invariant culture, bends space-separated in one field (empty when none). Numbers round-trip exactly.
/// </remarks>
public static class NoteListWriter
{
    public const int FormatVersion = 1;

    internal const string CsvHeader = "start_s,end_s,pitch,velocity,amplitude,pitch_bends";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly NoteListJsonContext Indented = new(new JsonSerializerOptions(NoteListJsonContext.Default.Options) { WriteIndented = true });

    /// <summary>Writes UTF-8 JSON to <paramref name="destination"/> and leaves it open.</summary>
    public static void WriteJson(Stream destination, IReadOnlyList<NoteEvent> notes, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(destination);
        JsonSerializer.Serialize(destination, ToDocument(notes), Context(indented).NoteListDocument);
    }

    public static void WriteJson(TextWriter destination, IReadOnlyList<NoteEvent> notes, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(JsonSerializer.Serialize(ToDocument(notes), Context(indented).NoteListDocument));
    }

    /// <summary>Writes UTF-8 CSV (no byte-order mark) to <paramref name="destination"/> and leaves it open.</summary>
    public static void WriteCsv(Stream destination, IReadOnlyList<NoteEvent> notes)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var writer = new StreamWriter(destination, Utf8, bufferSize: 1 << 16, leaveOpen: true);
        WriteCsv(writer, notes);
    }

    public static void WriteCsv(TextWriter destination, IReadOnlyList<NoteEvent> notes)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(notes);

        // '\n' rather than the platform's newline so files are identical wherever they are written.
        destination.Write(CsvHeader);
        destination.Write('\n');
        var line = new StringBuilder();
        foreach (NoteEvent note in notes)
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"{note.StartSeconds},{note.EndSeconds},{note.Pitch},{note.Velocity},{note.Amplitude},");
            if (note.PitchBends is { } bends)
            {
                for (int i = 0; i < bends.Count; i++)
                {
                    if (i > 0)
                    {
                        line.Append(' ');
                    }

                    line.Append(bends[i].ToString(CultureInfo.InvariantCulture));
                }
            }

            line.Append('\n');
            destination.Write(line);
        }

        destination.Flush();
    }

    private static NoteListJsonContext Context(bool indented) => indented ? Indented : NoteListJsonContext.Default;

    private static NoteListDocument ToDocument(IReadOnlyList<NoteEvent> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var entries = new NoteListEntry[notes.Count];
        for (int i = 0; i < notes.Count; i++)
        {
            NoteEvent note = notes[i];
            entries[i] = new NoteListEntry(
                note.StartSeconds, note.EndSeconds, note.Pitch, PitchName.Of(note.Pitch), note.Velocity, note.Amplitude, note.PitchBends);
        }

        return new NoteListDocument(FormatVersion, Framing.SampleRate, PitchGrid.ContourBinsPerSemitone, entries.Length, entries);
    }
}
