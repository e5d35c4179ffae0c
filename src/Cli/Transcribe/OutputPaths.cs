namespace WhatsTheTab.Cli.Transcribe;

/// <summary>
/// The files one input produces in the output folder: <c>name.mid</c>, <c>name.notes.json</c>, <c>name.notes.csv</c>,
/// with --sonify <c>name.sonified.wav</c>, and with tab options the tab files beside them (<c>name.tab.txt</c>, …).
/// </summary>
public sealed record OutputPaths(string Directory, string BaseName, string Midi, string NotesJson, string NotesCsv, string SonifiedWav)
{
    public static OutputPaths For(string outputDirectory, string baseName) => new(
        outputDirectory,
        baseName,
        Path.Combine(outputDirectory, baseName + ".mid"),
        Path.Combine(outputDirectory, baseName + ".notes.json"),
        Path.Combine(outputDirectory, baseName + ".notes.csv"),
        Path.Combine(outputDirectory, baseName + ".sonified.wav"));
}
