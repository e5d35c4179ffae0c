using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Tablature.Tests.Pieces;

/// <summary>
/// A long synthetic piece for timing: a guitar part at about 100 bpm with a slow ±2 % tempo drift and ±10 ms onset
/// jitter — an eighth-note melody wandering over the neck, chords on beats one and three, a few triplet beats — cut to
/// the requested number of notes. Seeded, so every run tabs the same notes.
/// </summary>
public static class GeneratedPiece
{
    public static IReadOnlyList<NoteEvent> Create(int noteCount = 4000, double minutes = 10, int seed = 20261203)
    {
        var random = new Random(seed);
        var notes = new List<NoteEvent>(noteCount + 16);
        double seconds = minutes * 60;
        double beat = 0;
        double time = 0.5;
        int melody = 64;
        int[][] chords = [[40, 47, 52, 55], [45, 52, 57, 60], [43, 50, 55, 59], [38, 45, 50, 54], [48, 52, 55, 60]];
        // About 16 notes a bar at 100 bpm: 4 000 notes fill about ten minutes.
        while (time < seconds && notes.Count < noteCount)
        {
            double bpm = 100 * (1 + (0.02 * Math.Sin(2 * Math.PI * time / 97)));
            double secondsPerBeat = 60 / bpm;
            int bar = (int)(beat / 4);
            if (beat % 2 == 0)
            {
                foreach (int pitch in chords[(bar + ((int)beat % 4 / 2)) % chords.Length])
                {
                    notes.Add(Note(random, time, secondsPerBeat * 1.9, pitch, 0.75));
                }
            }

            bool triplet = random.NextDouble() < 0.08;
            int divisions = triplet ? 3 : 2;
            for (int d = 0; d < divisions; d++)
            {
                melody = Math.Clamp(melody + random.Next(-4, 5), 55, 86);
                double start = time + (d * secondsPerBeat / divisions);
                notes.Add(Note(random, start, (secondsPerBeat / divisions) * 0.9, melody, d == 0 ? 0.8 : 0.6));
            }

            beat++;
            time += secondsPerBeat;
        }

        return notes.Count > noteCount ? notes[..noteCount] : notes;
    }

    private static NoteEvent Note(Random random, double start, double length, int pitch, double amplitude)
    {
        double jitter = (random.NextDouble() - 0.5) * 0.02;
        return new NoteEvent(start + jitter, start + jitter + length, pitch, amplitude);
    }
}
