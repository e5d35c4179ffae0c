using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace WhatsTheTab.TestSupport;

/// <summary>
/// Runs the reference transcription (<c>node model/scripts/transcribe.mjs</c>, the npm
/// @spotify/basic-pitch on tfjs) on a 22 050 Hz WAV and parses its JSON. Results are cached next
/// to the WAV (<c>NAME.ref-BACKEND-mnlN.json</c>) and reused while newer than the WAV and scripts.
/// </summary>
public static class ReferenceTranscriber
{
    private static readonly ConcurrentDictionary<string, object> Locks = new(StringComparer.Ordinal);

    /// <summary>Path of the reference script.</summary>
    public static string ScriptPath => Path.Combine(RepoPaths.ModelScriptsDir, "transcribe.mjs");

    /// <summary>Whether node and the installed model package are present; <paramref name="reason"/> says what is missing.</summary>
    public static bool IsAvailable(out string reason)
    {
        if (!File.Exists(Path.Combine(RepoPaths.ModelWeightsDir, "model.json")))
        {
            reason = $"basic-pitch weights not found under {RepoPaths.ModelWeightsDir}: run 'npm ci --prefix model'.";
            return false;
        }

        try
        {
            _ = ExternalProcess.Run("node", ["--version"], TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException ex)
        {
            reason = $"node is not usable: {ex.Message}";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    /// <summary>Transcribes <paramref name="wavPath"/> (22 050 Hz) with the reference pipeline, or returns the cached result.</summary>
    public static ReferenceTranscription Transcribe(string wavPath, string backend = "wasm", int minNoteLength = 11, bool useCache = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(wavPath);
        if (backend is not ("wasm" or "cpu"))
        {
            throw new ArgumentException("backend must be 'wasm' or 'cpu'.", nameof(backend));
        }

        wavPath = Path.GetFullPath(wavPath);
        var jsonPath = Path.Combine(
            Path.GetDirectoryName(wavPath)!,
            FormattableString.Invariant($"{Path.GetFileNameWithoutExtension(wavPath)}.ref-{backend}-mnl{minNoteLength}.json"));

        lock (Locks.GetOrAdd(jsonPath, _ => new object()))
        {
            if (!useCache || !IsFresh(jsonPath, wavPath))
            {
                var tmp = $"{jsonPath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
                try
                {
                    _ = ExternalProcess.Run(
                        "node",
                        [ScriptPath, wavPath, tmp, "--backend", backend, "--min-note-len", minNoteLength.ToString(CultureInfo.InvariantCulture)],
                        TimeSpan.FromMinutes(10));
                    File.Move(tmp, jsonPath, overwrite: true);
                }
                finally
                {
                    if (File.Exists(tmp))
                    {
                        File.Delete(tmp);
                    }
                }
            }

            return Parse(jsonPath);
        }
    }

    /// <summary>Parses a JSON file written by transcribe.mjs.</summary>
    public static ReferenceTranscription Parse(string jsonPath)
    {
        using var stream = File.OpenRead(jsonPath);
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        var notes = new List<ReferenceNote>();
        foreach (var n in root.GetProperty("notes").EnumerateArray())
        {
            var bends = n.TryGetProperty("pitchBends", out var b) && b.ValueKind == JsonValueKind.Array
                ? b.EnumerateArray().Select(x => x.GetInt32()).ToList()
                : [];
            notes.Add(new ReferenceNote(
                n.GetProperty("start").GetDouble(),
                n.GetProperty("end").GetDouble(),
                n.GetProperty("pitch").GetInt32(),
                n.GetProperty("amplitude").GetDouble(),
                bends));
        }

        return new ReferenceTranscription(
            notes,
            root.GetProperty("audioSeconds").GetDouble(),
            root.GetProperty("modelLoadMs").GetDouble(),
            root.GetProperty("inferenceMs").GetDouble(),
            root.GetProperty("postMs").GetDouble(),
            root.GetProperty("backend").GetString() ?? string.Empty,
            jsonPath);
    }

    private static bool IsFresh(string jsonPath, string wavPath)
    {
        if (!File.Exists(jsonPath))
        {
            return false;
        }

        var written = File.GetLastWriteTimeUtc(jsonPath);
        string[] inputs = [wavPath, ScriptPath, Path.Combine(RepoPaths.ModelScriptsDir, "lib.mjs")];
        return inputs.All(p => !File.Exists(p) || File.GetLastWriteTimeUtc(p) <= written);
    }
}
