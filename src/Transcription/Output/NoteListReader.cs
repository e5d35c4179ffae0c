using System.Globalization;
using System.Text.Json;
using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Transcription.Output;

/// <summary>Reads notes written by <see cref="NoteListWriter"/> (or edited by hand) back into <see cref="NoteEvent"/>s.</summary>
public static class NoteListReader
{
    /// <summary>Reads notes.json; throws <see cref="InvalidDataException"/> when it is not a version-1 note list.</summary>
    public static IReadOnlyList<NoteEvent> ReadJson(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        NoteListDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(source, NoteListJsonContext.Default.NoteListDocument);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not a note list: {e.Message}", e);
        }

        if (document is null || document.Version != NoteListWriter.FormatVersion || document.Notes is null)
        {
            throw new InvalidDataException($"Not a version-{NoteListWriter.FormatVersion} note list (expected \"version\" and \"notes\").");
        }

        var notes = new List<NoteEvent>(document.Notes.Count);
        foreach (NoteListEntry? entry in document.Notes)
        {
            if (entry is null)
            {
                throw new InvalidDataException("A note list entry is null.");
            }

            double amplitude = entry.Amplitude
                ?? (entry.Velocity is int velocity ? velocity / 127.0 : throw new InvalidDataException("A note has neither amplitude nor velocity."));
            notes.Add(Checked(entry.Start, entry.End, entry.Pitch, amplitude, entry.PitchBends is null ? null : [.. entry.PitchBends]));
        }

        return notes;
    }

    /// <summary>Reads notes.csv (header required).</summary>
    public static IReadOnlyList<NoteEvent> ReadCsv(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var reader = new StreamReader(source, leaveOpen: true);
        return ReadCsv(reader);
    }

    public static IReadOnlyList<NoteEvent> ReadCsv(TextReader source)
    {
        ArgumentNullException.ThrowIfNull(source);
        string? header = source.ReadLine();
        if (header?.Trim() != NoteListWriter.CsvHeader)
        {
            throw new InvalidDataException($"Expected the header '{NoteListWriter.CsvHeader}'.");
        }

        var notes = new List<NoteEvent>();
        int lineNumber = 1;
        while (source.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (fields.Length != 6)
            {
                throw new InvalidDataException($"Line {lineNumber}: expected 6 fields, found {fields.Length}.");
            }

            try
            {
                int[]? bends = fields[5].Length == 0
                    ? null
                    : [.. fields[5].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(b => int.Parse(b, CultureInfo.InvariantCulture))];
                notes.Add(Checked(
                    double.Parse(fields[0], CultureInfo.InvariantCulture),
                    double.Parse(fields[1], CultureInfo.InvariantCulture),
                    int.Parse(fields[2], CultureInfo.InvariantCulture),
                    double.Parse(fields[4], CultureInfo.InvariantCulture),
                    bends));
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"Line {lineNumber}: {e.Message}", e);
            }
        }

        return notes;
    }

    private static NoteEvent Checked(double start, double end, int pitch, double amplitude, int[]? bends)
    {
        if (!double.IsFinite(start) || !double.IsFinite(end) || !double.IsFinite(amplitude))
        {
            throw new InvalidDataException("Note times and amplitudes must be finite numbers.");
        }

        if (pitch is < 0 or > 127)
        {
            throw new InvalidDataException($"MIDI pitch {pitch} is outside 0..127.");
        }

        return new NoteEvent(start, end, pitch, amplitude, bends);
    }
}
