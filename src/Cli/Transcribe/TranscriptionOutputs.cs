using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Cli.Transcribe;

/// <summary>Writes one file's notes as MIDI, notes.json and notes.csv, and the sonified WAV when asked.</summary>
public static class TranscriptionOutputs
{
    /// <summary>Writes every output and returns the paths written, in the order written.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<NoteEvent> notes, OutputPaths paths, TranscribeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(settings);

        MidiWriter.Write(paths.Midi, notes, settings.ToMidiOptions());
        using (var json = File.Create(paths.NotesJson))
        {
            NoteListWriter.WriteJson(json, notes);
        }

        using (var csv = File.Create(paths.NotesCsv))
        {
            NoteListWriter.WriteCsv(csv, notes);
        }

        if (!settings.Sonify)
        {
            return [paths.Midi, paths.NotesJson, paths.NotesCsv];
        }

        Sonifier.WriteWav(paths.SonifiedWav, notes);
        return [paths.Midi, paths.NotesJson, paths.NotesCsv, paths.SonifiedWav];
    }
}
