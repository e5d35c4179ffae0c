using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Tablature.Tests.Rhythm;

/// <summary>
/// A rhythm written in quarter-note beats, played at a tempo with human-like faults: onset jitter, missing notes and
/// stray extra notes. Knows where each played note truly belongs, to score a quantization against.
/// </summary>
internal sealed record RhythmPattern(string Name, IReadOnlyList<(double Beat, double Beats, int Pitch, int Velocity)> Bar, int BeatsPerBar = 4)
{
    public override string ToString() => Name;

    /// <summary>
    /// <paramref name="bars"/> bars at <paramref name="bpm"/> (optionally drifting linearly by <paramref name="drift"/>
    /// over the piece), each onset moved by up to ±<paramref name="jitterSeconds"/>, <paramref name="missing"/> of the notes
    /// left out and <paramref name="extra"/> as many stray notes added. Returns the notes and, for each, its true beat
    /// (null for strays).
    /// </summary>
    public (List<NoteEvent> Notes, List<double?> TrueBeats) Perform(
        double bpm, int bars = 16, double jitterSeconds = 0.015, double missing = 0.05, double extra = 0.03, double drift = 0, int seed = 7)
    {
        var random = new Random(seed ^ (int)(bpm * 10) ^ Name.Length);
        var notes = new List<NoteEvent>();
        var beats = new List<double?>();
        double totalBeats = bars * BeatsPerBar;
        double Seconds(double beat)
        {
            // Tempo changing linearly from bpm to bpm × (1 + drift): time is the integral of 60 / tempo.
            double k = drift / totalBeats;
            return Math.Abs(k) < 1e-12 ? beat * 60 / bpm : 60 / bpm / k * Math.Log(1 + (k * beat));
        }

        const double lead = 0.4;
        for (int bar = 0; bar < bars; bar++)
        {
            foreach ((double beat, double length, int pitch, int velocity) in Bar)
            {
                if (random.NextDouble() < missing)
                {
                    continue;
                }

                double at = (bar * BeatsPerBar) + beat;
                double jitter = ((random.NextDouble() * 2) - 1) * jitterSeconds;
                double start = lead + Seconds(at) + jitter;
                double end = lead + Seconds(at + length) - 0.02;
                notes.Add(new NoteEvent(start, Math.Max(end, start + 0.03), pitch, velocity / 127.0));
                beats.Add(at);
            }
        }

        int strays = (int)Math.Round(notes.Count * extra);
        double last = notes.Max(n => n.EndSeconds);
        for (int i = 0; i < strays; i++)
        {
            double start = lead + (random.NextDouble() * (last - lead));
            notes.Add(new NoteEvent(start, start + 0.08, random.Next(50, 80), 0.3));
            beats.Add(null);
        }

        return (notes, beats);
    }

    public static IReadOnlyList<RhythmPattern> All { get; } =
    [
        new("quarters", [(0, 1, 64, 104), (1, 1, 67, 80), (2, 1, 69, 88), (3, 1, 67, 80)]),
        new("eighth runs", [.. Enumerable.Range(0, 8).Select(i => (i * 0.5, 0.5, 60 + (i * 2 % 12), i % 2 == 0 ? (i == 0 ? 108 : 92) : 66)), (0, 2, 45, 96), (2, 2, 52, 88)]),
        new("syncopation", [(0, 1.5, 67, 96), (1.5, 1, 69, 90), (2.5, 0.5, 71, 72), (3, 1, 72, 84), (0, 2, 43, 100), (2, 2, 50, 90)]),
        new("triplets", [
            (0, 1.0 / 3, 64, 100), (1.0 / 3, 1.0 / 3, 65, 70), (2.0 / 3, 1.0 / 3, 67, 70),
            (1, 1.0 / 3, 69, 96), (4.0 / 3, 1.0 / 3, 67, 70), (5.0 / 3, 1.0 / 3, 65, 70),
            (2, 1, 64, 92), (3, 0.5, 62, 90), (3.5, 0.5, 60, 70), (0, 2, 45, 100), (2, 2, 52, 90)]),
        new("sixteenths", [
            (0, 0.25, 64, 100), (0.25, 0.25, 62, 70), (0.5, 0.25, 60, 80), (0.75, 0.25, 62, 70),
            (1, 0.5, 64, 96), (1.5, 0.5, 64, 74), (2, 1, 67, 92), (3, 0.75, 65, 90), (3.75, 0.25, 64, 70), (0, 2, 48, 100), (2, 2, 43, 90)]),
    ];

    public static RhythmPattern Waltz { get; } = new("waltz", [(0, 3, 43, 110), (1, 1, 59, 70), (1, 1, 62, 70), (2, 1, 59, 70), (2, 1, 62, 70), (0, 1, 67, 96), (1.5, 0.5, 69, 72), (2, 1, 71, 80)], BeatsPerBar: 3);

    /// <summary>6/8 in quarter-note beats: two dotted-quarter beats of three eighths each.</summary>
    public static RhythmPattern Jig { get; } = new("jig", [
        (0, 0.5, 67, 104), (0.5, 0.5, 69, 70), (1, 0.5, 71, 74), (1.5, 0.5, 72, 96), (2, 0.5, 71, 70), (2.5, 0.5, 69, 74), (0, 1.5, 43, 100), (1.5, 1.5, 50, 90)],
        BeatsPerBar: 3);
}
