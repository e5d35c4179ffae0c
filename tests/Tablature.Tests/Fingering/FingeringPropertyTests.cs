using CsCheck;
using WhatsTheTab.Tablature.Export;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Tablature.Tests.Fingering;

/// <summary>Invariants of every tab, over generated notes (melodies, chords, clusters, out-of-range and broken notes) and options.</summary>
public sealed class FingeringPropertyTests
{
    private static readonly string[] GuitarTunings = ["standard", "drop-d", "dadgad", "open-g", "half-step-down", "C2 G2 C3 F3 A3 D4"];

    private static readonly Gen<(IReadOnlyList<NoteEvent> Notes, TabOptions Options)> Cases =
        Gen.Select(Gen.Int, Gen.Int[0, 80], Gen.Int[0, 3], Gen.Int[0, 5], Gen.Int[0, 4], Gen.Int[0, 2], Gen.Int[0, 2], Gen.Bool)
            .Select((seed, count, kind, tuning, capo, quantize, tempo, triplets) =>
            {
                var instrument = (InstrumentKind)kind;
                var options = new TabOptions
                {
                    Instrument = instrument,
                    Tuning = instrument == InstrumentKind.Guitar ? GuitarTunings[tuning] : "standard",
                    Capo = capo,
                    MaxFret = 14 + (seed & 7) + (capo * 2),
                    HandSpan = 3 + Math.Abs(seed % 4),
                    Quantize = (QuantizeMode)quantize,
                    Triplets = triplets,
                    TempoBpm = tempo == 0 ? null : 60 + (tempo * 45),
                };
                return ((IReadOnlyList<NoteEvent>)Notes(seed, count), options);
            });

    [Fact]
    public void EveryTab_KeepsItsInvariants()
    {
        Cases.Sample(c =>
        {
            TabScore score = TablatureBuilder.Build(c.Notes, c.Options);
            TabInstrument instrument = score.Instrument;

            // Frets on the neck, and the string and fret sound the note's (possibly octave-moved) pitch.
            Assert.All(score.Notes, n => Assert.InRange(n.Fret, 0, instrument.MaxTabFret));
            Assert.All(score.Notes, n => Assert.Equal(n.Pitch, instrument.PitchAt(n.StringNumber, n.Fret)));
            Assert.All(score.Notes, n => Assert.Equal(0, n.OctaveShift % 12));
            var transposed = score.Report.Transposed.ToDictionary(t => t.SourceIndex);
            Assert.All(score.Notes.Where(n => n.OctaveShift != 0), n => Assert.Equal(n.Pitch, transposed[n.SourceIndex].Pitch));

            // One note per string at any instant, counting notes still ringing.
            foreach (var onString in score.Notes.GroupBy(n => n.StringNumber))
            {
                var ordered = onString.OrderBy(n => n.StartTick).ToList();
                for (int i = 1; i < ordered.Count; i++)
                {
                    Assert.True(ordered[i - 1].EndTick <= ordered[i].StartTick, $"string {onString.Key}: notes {ordered[i - 1].SourceIndex} and {ordered[i].SourceIndex} overlap");
                }
            }

            // Chords within the hand span (open strings free), one note per string within an event.
            foreach (TabEvent tabEvent in score.Events)
            {
                var fretted = tabEvent.Notes.Where(n => n.Fret > 0).Select(n => n.Fret).ToList();
                if (fretted.Count > 0)
                {
                    Assert.InRange(fretted.Max() - fretted.Min(), 0, c.Options.HandSpan - 1);
                }

                Assert.Equal(tabEvent.Notes.Count, tabEvent.Notes.Select(n => n.StringNumber).Distinct().Count());
                Assert.All(tabEvent.Notes, n => Assert.Equal(tabEvent.StartTick, n.StartTick));
            }

            // Every input note is placed once or reported dropped once.
            var placed = score.Notes.Select(n => n.SourceIndex).ToList();
            var dropped = score.Report.Dropped.Select(d => d.SourceIndex).ToList();
            Assert.Equal(Enumerable.Range(0, c.Notes.Count), placed.Concat(dropped).Order());
        }, iter: 300);
    }

    [Fact]
    public void SameInput_GivesTheSameTab()
    {
        Cases.Sample(c =>
        {
            TabScore first = TablatureBuilder.Build(c.Notes, c.Options);
            TabScore second = TablatureBuilder.Build([.. c.Notes], c.Options with { });

            Assert.Equal(first.Notes, second.Notes);
            Assert.Equal(AsciiTabWriter.ToText(first), AsciiTabWriter.ToText(second));
            Assert.Equal(MusicXmlWriter.ToXml(first), MusicXmlWriter.ToXml(second));
            Assert.Equal(AlphaTexWriter.ToText(first), AlphaTexWriter.ToText(second));
        }, iter: 100);
    }

    /// <summary>Melody runs, chords and strums, with some notes far out of range and a few broken ones.</summary>
    private static List<NoteEvent> Notes(int seed, int count)
    {
        var random = new Random(seed);
        var notes = new List<NoteEvent>(count);
        double time = random.NextDouble();
        int pitch = random.Next(40, 80);
        while (notes.Count < count)
        {
            double length = (random.Next(1, 9) * 0.125) + ((random.NextDouble() - 0.5) * 0.05);
            switch (random.Next(10))
            {
                case < 5:
                    pitch = Math.Clamp(pitch + random.Next(-5, 6), 20, 100);
                    notes.Add(new NoteEvent(time, time + length, pitch, random.NextDouble()));
                    break;
                case < 8:
                    int size = random.Next(2, 9);
                    for (int k = 0; k < size; k++)
                    {
                        notes.Add(new NoteEvent(time + (random.NextDouble() * 0.02), time + length, random.Next(28, 90), random.NextDouble()));
                    }

                    break;
                case 8:
                    notes.Add(new NoteEvent(time, time + length, random.Next(0, 128), random.NextDouble()));
                    break;
                default:
                    notes.Add(random.Next(3) switch
                    {
                        0 => new NoteEvent(double.NaN, time, 60, 0.5),
                        1 => new NoteEvent(time, time - 0.1, 62, 0.5),
                        _ => new NoteEvent(time, time + length, 200, 0.5),
                    });
                    break;
            }

            time += random.Next(0, 5) * 0.125 * (0.8 + (random.NextDouble() * 0.4));
        }

        return notes.Count > count ? notes[..count] : notes;
    }
}
