using System.Collections.Concurrent;
using System.Security.Cryptography;
using NAudio.Midi;

namespace WhatsTheTab.TestSupport;

/// <summary>
/// The synthetic test pieces: truth notes, written as Standard MIDI Files with NAudio.Midi and
/// rendered to 22 050 Hz WAV with fluidsynth and FluidR3_GM. Files are cached under
/// <c>tests/.cache/clips/</c>, named after a hash of the MIDI bytes; rendering writes to a
/// temporary file and moves it into place, so concurrent threads and processes are safe.
/// </summary>
public static class TestClips
{
    /// <summary>Sample rate of the rendered clips.</summary>
    public const int SampleRate = 22050;

    /// <summary>Default SoundFont; override with the <c>WHATSTHETAB_SOUNDFONT</c> environment variable.</summary>
    public const string DefaultSoundFont = "/usr/share/sounds/sf2/FluidR3_GM.sf2";

    private static readonly ConcurrentDictionary<string, Lazy<TestClip>> Rendered = new(StringComparer.Ordinal);

    /// <summary>Names of all clips.</summary>
    public static IReadOnlyList<string> Names { get; } = ClipLibrary.All.Select(s => s.Name).ToList();

    /// <summary>All clips, rendered if needed.</summary>
    public static IReadOnlyList<TestClip> All => Names.Select(Ensure).ToList();

    /// <summary>The SoundFont used for rendering.</summary>
    public static string SoundFont =>
        Environment.GetEnvironmentVariable("WHATSTHETAB_SOUNDFONT") is { Length: > 0 } path ? path : DefaultSoundFont;

    /// <summary>The truth notes of clip <paramref name="name"/> (no rendering).</summary>
    public static IReadOnlyList<TruthNote> TruthOf(string name) => Spec(name).Truth();

    /// <summary>Returns clip <paramref name="name"/>, writing its MIDI file and rendering its WAV unless cached.</summary>
    public static TestClip Ensure(string name)
    {
        var spec = Spec(name);
        return Rendered.GetOrAdd(name, _ => new Lazy<TestClip>(() => Render(spec), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private static ClipSpec Spec(string name) =>
        ClipLibrary.All.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"Unknown test clip '{name}'. Known: {string.Join(", ", ClipLibrary.All.Select(s => s.Name))}.", nameof(name));

    private static TestClip Render(ClipSpec spec)
    {
        var dir = RepoPaths.EnsureDir(RepoPaths.ClipCacheDir);
        var midiBytes = MidiBytes(spec);
        var hash = Convert.ToHexStringLower(SHA256.HashData(midiBytes))[..16];
        var stem = Path.Combine(dir, $"{spec.Name}-{hash}");
        var midiPath = stem + ".mid";
        var wavPath = stem + ".wav";

        if (!File.Exists(midiPath))
        {
            WriteAtomically(midiPath, tmp => File.WriteAllBytes(tmp, midiBytes));
        }

        if (!File.Exists(wavPath))
        {
            var soundFont = SoundFont;
            if (!File.Exists(soundFont))
            {
                throw new FileNotFoundException(
                    $"SoundFont '{soundFont}' not found: install fluidsynth and fluid-soundfont-gm (apt-get install fluidsynth fluid-soundfont-gm) or set WHATSTHETAB_SOUNDFONT.",
                    soundFont);
            }

            WriteAtomically(wavPath, tmp => ExternalProcess.Run(
                "fluidsynth",
                ["-ni", "-g", "0.8", "-F", tmp, "-r", SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), soundFont, midiPath],
                TimeSpan.FromMinutes(2)));
        }

        return new TestClip(spec.Name, spec.Description, spec.Program, spec.Bpm, spec.Truth(), midiPath, wavPath);
    }

    /// <summary>Writes through a unique temporary file in the same folder, then renames it into place.</summary>
    private static void WriteAtomically(string path, Action<string> write)
    {
        var tmp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            write(tmp);
            if (!File.Exists(tmp) || new FileInfo(tmp).Length == 0)
            {
                throw new InvalidOperationException($"Nothing was written for '{path}'.");
            }

            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }

    /// <summary>A format-0 Standard MIDI File: tempo, program change, then the notes on channel 1.</summary>
    private static byte[] MidiBytes(ClipSpec spec)
    {
        const int channel = 1;
        var events = new MidiEventCollection(0, ClipSpec.TicksPerQuarter);
        events.AddEvent(new TempoEvent((int)Math.Round(60_000_000 / spec.Bpm), 0), 0);
        events.AddEvent(new PatchChangeEvent(0, channel, spec.Program), 0);
        foreach (var n in spec.Notes.OrderBy(n => n.StartBeat).ThenBy(n => n.Pitch))
        {
            var start = ClipSpec.Ticks(n.StartBeat);
            var duration = (int)(ClipSpec.Ticks(n.StartBeat + n.Beats) - start);
            var on = new NoteOnEvent(start, channel, n.Pitch, n.Velocity, duration);
            events.AddEvent(on, 0);
            events.AddEvent(on.OffEvent ?? throw new InvalidOperationException("NoteOnEvent without its off event."), 0);
        }

        var end = spec.Notes.Max(n => ClipSpec.Ticks(n.StartBeat + n.Beats));
        events.AddEvent(new MetaEvent(MetaEventType.EndTrack, 0, end), 0);
        events.PrepareForExport();

        var tmp = Path.Combine(RepoPaths.EnsureDir(RepoPaths.ClipCacheDir), $"{spec.Name}.{Environment.ProcessId}.{Guid.NewGuid():N}.mid.tmp");
        try
        {
            MidiFile.Export(tmp, events);
            return File.ReadAllBytes(tmp);
        }
        finally
        {
            File.Delete(tmp);
        }
    }
}
