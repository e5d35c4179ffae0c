namespace WhatsTheTab.Cli.Transcribe;

/// <summary>
/// Picks the base name of each input's outputs: the file name without its extension, with "-2", "-3"… appended when
/// inputs would otherwise share one (song.wav and song.mp3, or two folders' take1.wav), so no run overwrites its own output.
/// </summary>
public static class OutputNames
{
    /// <summary>One base name per input, in input order; the first of a clash keeps the plain name.</summary>
    public static IReadOnlyList<string> Assign(IReadOnlyList<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);

        // Case-insensitive so the names also stay distinct on Windows and macOS file systems.
        var plainNames = inputs.Select(BaseName).ToList();
        var reserved = new HashSet<string>(plainNames, StringComparer.OrdinalIgnoreCase);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>(inputs.Count);
        foreach (var plain in plainNames)
        {
            var name = plain;

            // A suffixed name must not take another input's plain name either (a.wav, a.mp3, a-2.wav).
            for (var suffix = 2; taken.Contains(name) || (name != plain && reserved.Contains(name)); suffix++)
            {
                name = $"{plain}-{suffix}";
            }

            taken.Add(name);
            names.Add(name);
        }

        return names;
    }

    /// <summary>The file name without directory and extension; "output" for names that have nothing left ("/", ".wav").</summary>
    public static string BaseName(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(input));
        return string.IsNullOrWhiteSpace(name) ? "output" : name;
    }
}
