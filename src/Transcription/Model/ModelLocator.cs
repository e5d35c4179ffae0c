namespace WhatsTheTab.Transcription.Model;

/// <summary>
/// Finds basic-pitch's <c>model.json</c>: an explicit directory, then <c>WTT_MODEL_DIR</c>, then the copy the build puts
/// beside the binaries (<c>model/basic-pitch</c>), then the npm package under a parent folder's <c>model/node_modules</c>.
/// </summary>
public static class ModelLocator
{
    public const string EnvironmentVariable = "WTT_MODEL_DIR";
    public const string InstallCommand = "npm ci --prefix model   (from the repository root; `dotnet build` runs it too)";
    private const string ModelFile = "model.json";
    private const string PackageModelFolder = "model/node_modules/@spotify/basic-pitch/model";

    /// <summary>Returns the full path of model.json, or throws <see cref="ModelNotFoundException"/> listing where it looked.</summary>
    public static string Locate(string? directory = null)
    {
        var tried = new List<string>();
        foreach (var candidate in Candidates(directory))
        {
            var path = Path.GetFullPath(Path.Combine(candidate, ModelFile));
            tried.Add(path);
            if (File.Exists(path))
            {
                return path;
            }

            if (directory is not null)
            {
                break; // an explicit directory is the only place to look
            }
        }

        throw new ModelNotFoundException(
            $"The basic-pitch model (@spotify/basic-pitch@1.0.1, model/model.json) was not found. Looked in: {string.Join(", ", tried)}. " +
            $"Install it with: {InstallCommand}, or point {EnvironmentVariable} at a folder holding model.json and group1-shard1of1.bin.");
    }

    private static IEnumerable<string> Candidates(string? directory)
    {
        if (directory is not null)
        {
            yield return directory;
            yield break;
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            yield return fromEnvironment;
        }

        yield return Path.Combine(AppContext.BaseDirectory, "model", "basic-pitch");
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            yield return Path.Combine(folder.FullName, PackageModelFolder);
        }
    }
}
