using WhatsTheTab.Cli.Tab;
using WhatsTheTab.Tablature;
using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Cli.Transcribe;

/// <summary>Writes one file's notes as MIDI, notes.json and notes.csv, the sonified WAV and the tab files when asked.</summary>
public static class TranscriptionOutputs
{
    /// <summary>Writes every output and returns the paths written, in the order written, and the tab when one was asked for.</summary>
    public static (IReadOnlyList<string> Written, TabScore? Tab) Write(IReadOnlyList<NoteEvent> notes, OutputPaths paths, TranscribeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(settings);

        var written = new List<string>();
        MidiWriter.Write(paths.Midi, notes, settings.ToMidiOptions());
        written.Add(paths.Midi);
        using (var json = File.Create(paths.NotesJson))
        {
            NoteListWriter.WriteJson(json, notes);
        }

        written.Add(paths.NotesJson);
        using (var csv = File.Create(paths.NotesCsv))
        {
            NoteListWriter.WriteCsv(csv, notes);
        }

        written.Add(paths.NotesCsv);
        if (settings.Sonify)
        {
            Sonifier.WriteWav(paths.SonifiedWav, notes);
            written.Add(paths.SonifiedWav);
        }

        if (settings.Tab?.Options is not { } tabOptions)
        {
            return (written, null);
        }

        var score = TablatureBuilder.Build(notes, tabOptions with { Title = tabOptions.Title ?? paths.BaseName });
        written.AddRange(TabFiles.Write(score, paths.Directory, paths.BaseName, settings.Tab.Formats));
        return (written, score);
    }
}
