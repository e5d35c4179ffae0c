namespace WhatsTheTab.TestSupport;

/// <summary>Well-known folders of the repository, found by walking up to <c>WhatsTheTab.sln</c>.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root (the folder holding WhatsTheTab.sln).</summary>
    public static string Root => LazyRoot.Value;

    /// <summary><c>tests/.cache</c>: generated test inputs, ignored by git.</summary>
    public static string CacheDir => Path.Combine(Root, "tests", ".cache");

    /// <summary><c>tests/.cache/clips</c>: rendered MIDI/WAV clips and cached reference transcriptions.</summary>
    public static string ClipCacheDir => Path.Combine(CacheDir, "clips");

    /// <summary><c>model/</c>: the npm package holding the basic-pitch weights and the reference scripts.</summary>
    public static string ModelDir => Path.Combine(Root, "model");

    /// <summary><c>model/scripts</c>: golden.mjs and transcribe.mjs.</summary>
    public static string ModelScriptsDir => Path.Combine(ModelDir, "scripts");

    /// <summary>Folder of the basic-pitch weights (model.json and its shard) inside node_modules.</summary>
    public static string ModelWeightsDir => Path.Combine(ModelDir, "node_modules", "@spotify", "basic-pitch", "model");

    /// <summary><c>tests/Transcription.Tests/TestData</c>: committed golden data.</summary>
    public static string TranscriptionTestDataDir => Path.Combine(Root, "tests", "Transcription.Tests", "TestData");

    /// <summary>Creates <paramref name="dir"/> if needed and returns it.</summary>
    public static string EnsureDir(string dir)
    {
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WhatsTheTab.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"WhatsTheTab.sln not found above '{AppContext.BaseDirectory}' or '{Directory.GetCurrentDirectory()}'.");
    }
}
