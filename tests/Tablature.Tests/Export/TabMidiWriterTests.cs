using NAudio.Midi;
using WhatsTheTab.Tablature.Export;
using WhatsTheTab.Tablature.Import;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Tablature.Tests.Pieces;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Tablature.Tests.Export;

public sealed class TabMidiWriterTests
{
    [Theory]
    [InlineData(InstrumentKind.Guitar, null, 25)]
    [InlineData(InstrumentKind.Guitar, InstrumentPreset.GuitarNylon, 24)]
    [InlineData(InstrumentKind.SevenStringGuitar, null, 27)]
    [InlineData(InstrumentKind.Bass, null, 33)]
    [InlineData(InstrumentKind.FiveStringBass, InstrumentPreset.BassPicked, 34)]
    public void File_HasTheInstrumentsProgram(InstrumentKind kind, InstrumentPreset? sound, int program)
    {
        TabScore score = TabTesting.Build(new BeatNotes().Run(1, 40, 45), new TabOptions { Instrument = kind, Sound = sound });

        using var stream = new MemoryStream();
        TabMidiWriter.Write(score, stream);
        stream.Position = 0;
        var file = new MidiFile(stream, strictChecking: true);

        Assert.Equal(program, file.Events.SelectMany(t => t).OfType<PatchChangeEvent>().Single().Patch);
    }

    [Fact]
    public void Notes_ReadBackAsPlayed_QuantizedAtTheNotatedTempo()
    {
        var notes = new BeatNotes().Run(0.5, 64, 67, 69, 108).Play(2, 48, 52, 55);
        TabScore score = TabTesting.Build(notes.At(100, 0.013));

        using var stream = new MemoryStream();
        TabMidiWriter.Write(score, stream);
        stream.Position = 0;
        MidiNoteFile read = MidiNoteReader.Read(stream);

        Assert.Equal(100, read.TempoBpm!.Value, 3);
        Assert.Equal(
            score.Notes.OrderBy(n => n.StartTick).ThenBy(n => n.Pitch).Select(n => (n.Pitch, Math.Round(n.StartTick * 0.025, 3))),
            read.Notes.Select(n => (n.Pitch, Math.Round(n.StartSeconds, 3))));
        Assert.Contains(read.Notes, n => n.Pitch == 84);
    }
}
