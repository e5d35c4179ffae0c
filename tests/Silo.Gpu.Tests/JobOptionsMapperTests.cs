using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Silo.Gpu.Worker;
using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Silo.Gpu.Tests;

public sealed class JobOptionsMapperTests
{
    [Fact]
    public void Defaults_MapToBasicPitchsDefaults()
    {
        var options = new JobOptions();

        var notes = JobOptionsMapper.ToNoteOptions(options);
        var midi = JobOptionsMapper.ToMidiOptions(options);

        Assert.Equal(new NoteOptions(), notes);
        Assert.Equal(11, notes.MinNoteLengthFrames);
        Assert.Equal(PitchBendMode.SingleTrack, midi.PitchBends);
        Assert.Equal(InstrumentPreset.Piano, midi.Instrument);
        Assert.Equal(120, midi.TempoBpm);
    }

    [Fact]
    public void EveryOption_ReachesTheEngine()
    {
        var options = new JobOptions
        {
            OnsetThreshold = 0.6,
            FrameThreshold = 0.2,
            MinNoteLengthMs = 58,
            EnergyTolerance = 5,
            InferOnsets = false,
            MelodiaTrick = false,
            MinFrequency = 80,
            MaxFrequency = 1200,
            PitchBends = "per-note",
            TempoBpm = 90,
            Instrument = "guitar-steel",
        };

        var notes = JobOptionsMapper.ToNoteOptions(options);
        var midi = JobOptionsMapper.ToMidiOptions(options);

        Assert.Equal(
            new NoteOptions
            {
                OnsetThreshold = 0.6,
                FrameThreshold = 0.2,
                MinNoteLengthFrames = NoteOptions.MillisecondsToFrames(58),
                EnergyTolerance = 5,
                InferOnsets = false,
                MelodiaTrick = false,
                MinFrequency = 80,
                MaxFrequency = 1200,
                PitchBends = PitchBendMode.PerNote,
            },
            notes);
        Assert.Equal(5, notes.MinNoteLengthFrames);
        Assert.Equal(new MidiOptions { TempoBpm = 90, Instrument = InstrumentPreset.GuitarSteel, PitchBends = PitchBendMode.PerNote }, midi);
    }

    [Theory]
    [InlineData("none", PitchBendMode.None)]
    [InlineData("single", PitchBendMode.SingleTrack)]
    [InlineData("per-note", PitchBendMode.PerNote)]
    public void PitchBendModes_MapByName(string mode, PitchBendMode expected) =>
        Assert.Equal(expected, JobOptionsMapper.ParsePitchBends(mode));

    [Fact]
    public void UnknownInstrument_IsRejected() =>
        Assert.Throws<ArgumentException>(() => JobOptionsMapper.ToMidiOptions(new JobOptions { Instrument = "theremin" }));
}
