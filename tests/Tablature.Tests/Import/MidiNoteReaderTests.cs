using NAudio.Midi;
using WhatsTheTab.Tablature.Import;
using WhatsTheTab.Tablature.Rhythm;
using WhatsTheTab.TestSupport;

namespace WhatsTheTab.Tablature.Tests.Import;

public sealed class MidiNoteReaderTests
{
    [Fact]
    public void TempoChanges_AndTimeSignature_AreHonoured_DrumsSkipped()
    {
        var events = new MidiEventCollection(1, 480);
        IList<MidiEvent> conductor = events.AddTrack();
        conductor.Add(new TempoEvent(500_000, 0));
        conductor.Add(new TimeSignatureEvent(0, 3, 2, 24, 8));
        conductor.Add(new TempoEvent(1_000_000, 960));
        IList<MidiEvent> track = events.AddTrack();
        AddNote(track, 0, 480, 1, 60, 100);
        AddNote(track, 960, 480, 1, 62, 64);
        AddNote(track, 1440, 480, 10, 36, 100);
        events.PrepareForExport();
        using var stream = new MemoryStream();
        MidiFile.Export(stream, events);
        stream.Position = 0;

        MidiNoteFile file = MidiNoteReader.Read(stream);

        Assert.Equal(120, file.TempoBpm);
        Assert.Equal(new TimeSignature(3, 4), file.TimeSignature);
        Assert.Equal(2, file.Notes.Count);
        Assert.Equal((0.0, 0.5, 60), (file.Notes[0].StartSeconds, file.Notes[0].EndSeconds, file.Notes[0].Pitch));
        // Two quarters at 120 bpm, then a quarter at 60 bpm.
        Assert.Equal(1.0, file.Notes[1].StartSeconds, 9);
        Assert.Equal(2.0, file.Notes[1].EndSeconds, 9);
        Assert.Equal(64 / 127.0, file.Notes[1].Amplitude, 9);
    }

    [Fact]
    public void TestClipNotes_ReadBack_AndTab()
    {
        IReadOnlyList<TruthNote> truth = TestClips.TruthOf("guitar-arpeggio");
        var events = new MidiEventCollection(0, 480);
        events.AddEvent(new TempoEvent((int)Math.Round(60_000_000 / 90.0), 0), 0);
        foreach (TruthNote note in truth)
        {
            long start = (long)Math.Round(note.Start * 90 / 60 * 480);
            var on = new NoteOnEvent(start, 1, note.Pitch, note.Velocity, (int)Math.Round((note.End - note.Start) * 90 / 60 * 480));
            events.AddEvent(on, 0);
            events.AddEvent(on.OffEvent!, 0);
        }

        events.PrepareForExport();
        using var stream = new MemoryStream();
        MidiFile.Export(stream, events);
        stream.Position = 0;

        MidiNoteFile file = MidiNoteReader.Read(stream);
        TabScore score = TablatureBuilder.Build(file.Notes, new TabOptions { TempoBpm = file.TempoBpm, TimeSignature = file.TimeSignature });

        Assert.Equal(
            truth.OrderBy(n => n.Start).ThenBy(n => n.Pitch).Select(n => (n.Pitch, Math.Round(n.Start, 2))),
            file.Notes.Select(n => (n.Pitch, Math.Round(n.StartSeconds, 2))));
        Assert.Null(file.TimeSignature);
        Assert.Equal(90, score.NotatedTempoBpm);
        Assert.Equal(truth.Count, score.Notes.Count + score.Report.Dropped.Count);
    }

    [Fact]
    public void NotAMidiFile_IsRefused()
    {
        using var stream = new MemoryStream("RIFF not a midi file"u8.ToArray());

        Assert.Throws<InvalidDataException>(() => MidiNoteReader.Read(stream));
    }

    private static void AddNote(IList<MidiEvent> track, long tick, int length, int channel, int pitch, int velocity)
    {
        var on = new NoteOnEvent(tick, channel, pitch, velocity, length);
        track.Add(on);
        track.Add(on.OffEvent!);
    }
}
