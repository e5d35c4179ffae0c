namespace WhatsTheTab.Cli.Transcribe;

/// <summary>The files one input produces in the output folder: <c>name.mid</c>, <c>name.notes.json</c>, <c>name.notes.csv</c> and, with --sonify, <c>name.sonified.wav</c>.</summary>
public sealed record OutputPaths(string Midi, string NotesJson, string NotesCsv, string SonifiedWav)
{
    public static OutputPaths For(string outputDirectory, string baseName) => new(
        Path.Combine(outputDirectory, baseName + ".mid"),
        Path.Combine(outputDirectory, baseName + ".notes.json"),
        Path.Combine(outputDirectory, baseName + ".notes.csv"),
        Path.Combine(outputDirectory, baseName + ".sonified.wav"));
}
