using System.Diagnostics;
using NAudio.Midi;
using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;
using NoteEvent = WhatsTheTab.Transcription.Notes.NoteEvent;

namespace WhatsTheTab.Transcription.Tests.Output;

public sealed class MidiWriterTests : IDisposable
{
    private const string SoundFont = "/usr/share/sounds/sf2/FluidR3_GM.sf2";

    private static readonly NoteEvent[] Melody =
    [
        new(0.0, 0.5, 60, 0.63),
        new(0.25, 1.0, 64, 0.8, [0, 1, 2, 3]),
        new(1.1, 1.6, 67, 0.3, [0, -1, -3]),
        new(1.7, 2.9, 72, 1.0),
        new(1.7, 2.9, 48, 0.01),
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("midi-writer-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(PitchBendMode.SingleTrack, 120, 480)]
    [InlineData(PitchBendMode.PerNote, 97.5, 960)]
    [InlineData(PitchBendMode.None, 200, 96)]
    public void WrittenFile_ReadsBackWithTheSameNotesTempoAndProgram(PitchBendMode mode, double tempo, int ppq)
    {
        string path = Path.Combine(_directory, "melody.mid");
        var options = new MidiOptions { TempoBpm = tempo, PitchBends = mode, TicksPerQuarter = ppq, Instrument = InstrumentPreset.GuitarNylon };

        MidiWriter.Write(path, Melody, options);
        var file = new MidiFile(path, strictChecking: true);

        Assert.Equal(ppq, file.DeltaTicksPerQuarterNote);
        TempoEvent tempoEvent = Assert.Single(file.Events[0].OfType<TempoEvent>());
        Assert.Equal((int)Math.Round(60_000_000 / tempo), tempoEvent.MicrosecondsPerQuarterNote);
        Assert.All(Enumerable.Range(1, file.Tracks - 1), track =>
            Assert.Equal(24, Assert.Single(file.Events[track].OfType<PatchChangeEvent>()).Patch));

        double ticksPerSecond = tempo / 60 * ppq;
        var read = NotesOf(file).OrderBy(n => n.AbsoluteTime).ThenBy(n => n.NoteNumber).ToList();
        var expected = Melody.OrderBy(n => n.StartSeconds).ThenBy(n => n.Pitch).ToList();
        Assert.Equal(expected.Count, read.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Pitch, read[i].NoteNumber);
            Assert.Equal(expected[i].Velocity, read[i].Velocity);
            Assert.InRange(read[i].AbsoluteTime - (expected[i].StartSeconds * ticksPerSecond), -1, 1);
            Assert.InRange(read[i].AbsoluteTime + read[i].NoteLength - (expected[i].EndSeconds * ticksPerSecond), -1, 1);
        }
    }

    [Fact]
    public void SingleTrack_UsesChannelOneAndWritesBendsAsBasicPitchDoes()
    {
        NoteEvent[] notes = [new(0.0, 1.0, 60, 0.5, [0, 3, -3, 6, -7])];

        MidiFile file = WriteAndRead(notes, new MidiOptions());

        Assert.Equal(2, file.Tracks);
        Assert.All(file.Events[1].Where(e => e.CommandCode != MidiCommandCode.MetaEvent), e => Assert.Equal(1, e.Channel));

        // round(bend × 4096 / 3), clamped to the 14-bit wheel, then centred on 8192; 1 s at 120 bpm = 960 ticks,
        // bends at linspace(0, 1, 5); the one on the note-off is dropped and the wheel re-centred there instead.
        var wheel = file.Events[1].OfType<PitchWheelChangeEvent>().Select(e => (e.AbsoluteTime, e.Pitch)).ToList();
        Assert.Equal([(0L, 8192), (240L, 8192 + 4096), (480L, 8192 - 4096), (720L, 16383), (960L, 8192)], wheel);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1365)]
    [InlineData(-3, -4096)]
    [InlineData(6, 8191)]
    [InlineData(-7, -8192)]
    public void BendToWheelOffset_RoundsAndClamps(int bend, int offset)
    {
        Assert.Equal(offset, MidiWriter.BendToWheelOffset(bend));
    }

    [Fact]
    public void SingleTrack_DropsBendsOfOverlappingNotes()
    {
        NoteEvent[] notes = [new(0.0, 1.0, 60, 0.5, [3, 3]), new(0.5, 1.5, 64, 0.5, [3, 3]), new(2.0, 3.0, 67, 0.5, [3, 3])];

        MidiFile file = WriteAndRead(notes, new MidiOptions());

        Assert.All(file.Events[1].OfType<PitchWheelChangeEvent>(), e => Assert.True(e.AbsoluteTime >= 1920));
    }

    [Fact]
    public void PerNote_PutsEachPitchOnItsOwnTrackAndChannel_SkippingDrums()
    {
        NoteEvent[] notes = [.. Enumerable.Range(0, 12).Select(i => new NoteEvent(i * 0.1, 2.0, 50 + i, 0.5, [1, 1]))];

        MidiFile file = WriteAndRead(notes, new MidiOptions { PitchBends = PitchBendMode.PerNote });

        Assert.Equal(13, file.Tracks);
        var channels = Enumerable.Range(1, 12)
            .Select(t => file.Events[t].Where(e => e.CommandCode != MidiCommandCode.MetaEvent).Select(e => e.Channel).Distinct().Single())
            .ToList();
        Assert.Equal(12, channels.Distinct().Count());
        Assert.DoesNotContain(10, channels);
        Assert.Equal(12, file.Events.SelectMany(t => t).OfType<PitchWheelChangeEvent>().Count(e => e.Pitch != 8192));
    }

    [Fact]
    public void NoNotes_GiveAValidFileWithOnlyTheTempo()
    {
        MidiFile file = WriteAndRead([], new MidiOptions());

        Assert.Equal(1, file.Tracks);
        Assert.Single(file.Events[0].OfType<TempoEvent>());
        Assert.Empty(NotesOf(file));
    }

    [Fact]
    public void InstrumentNone_WritesNoProgramChange()
    {
        MidiFile file = WriteAndRead(Melody, new MidiOptions { Instrument = InstrumentPreset.None });

        Assert.Empty(file.Events.SelectMany(t => t).OfType<PatchChangeEvent>());
    }

    [Fact]
    public void OverlappingSamePitchNotes_AreCutWhereTheNextStarts()
    {
        NoteEvent[] notes = [new(0.0, 1.0, 60, 0.5), new(0.5, 1.5, 60, 0.6), new(1.5, 2.0, 60, 0.7), new(1.5, 1.75, 60, 0.8)];

        MidiFile file = WriteAndRead(notes, new MidiOptions());

        // Of the two starting together at 1.5 s the longer one is kept.
        Assert.Equal(
            [(0L, 480L, 64), (480L, 960L, 76), (1440L, 480L, 89)],
            NotesOf(file).Select(n => (n.AbsoluteTime, (long)n.NoteLength, n.Velocity)));
    }

    [Fact]
    public void NotesWithoutPositiveDuration_AreSkipped_TinyOnesLastOneTick()
    {
        NoteEvent[] notes = [new(1.0, 1.0, 60, 0.5), new(2.0, 1.0, 62, 0.5), new(3.0, 3.0001, 64, 0.5), new(double.NaN, 1, 65, 0.5)];

        MidiFile file = WriteAndRead(notes, new MidiOptions());

        NoteOnEvent note = Assert.Single(NotesOf(file));
        Assert.Equal((64, 2880L, 1), (note.NoteNumber, note.AbsoluteTime, note.NoteLength));
    }

    [Fact]
    public void StreamOverload_WorksOnANonSeekableStream()
    {
        using var sink = new MemoryStream();
        using (var forwardOnly = new ForwardOnlyStream(sink))
        {
            MidiWriter.Write(forwardOnly, Melody, new MidiOptions());
        }

        sink.Position = 0;
        Assert.Equal(Melody.Length, NotesOf(new MidiFile(sink, strictChecking: true)).Count());
    }

    [Fact]
    public void InvalidOptions_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => MidiWriter.Write(Stream.Null, Melody, new MidiOptions { TempoBpm = 0 }));
        Assert.Throws<ArgumentException>(() => MidiWriter.Write(Stream.Null, Melody, new MidiOptions { TicksPerQuarter = 40000 }));
    }

    [Fact]
    public async Task FluidSynth_RendersTheFileToNonSilentAudio()
    {
        Assert.True(File.Exists("/usr/bin/fluidsynth") || File.Exists("/usr/local/bin/fluidsynth"), "fluidsynth is required (apt-get install fluidsynth fluid-soundfont-gm).");
        Assert.True(File.Exists(SoundFont), $"{SoundFont} is required (apt-get install fluid-soundfont-gm).");
        string midi = Path.Combine(_directory, "in.mid");
        string wav = Path.Combine(_directory, "out.wav");
        MidiWriter.Write(midi, Melody, new MidiOptions { Instrument = InstrumentPreset.GuitarSteel });

        var start = new ProcessStartInfo("fluidsynth", ["-ni", "-F", wav, "-r", "22050", SoundFont, midi])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"fluidsynth exited with {process.ExitCode}: {await stdout}{await stderr}");
        short[] samples = WavTestReader.ReadPcm16(await File.ReadAllBytesAsync(wav, timeout.Token), out int sampleRate, out _);
        Assert.Equal(22050, sampleRate);
        double rms = Math.Sqrt(samples.Average(s => (double)s * s));
        Assert.True(rms > 100, $"RMS {rms} is near silence");
    }

    private static IEnumerable<NoteOnEvent> NotesOf(MidiFile file) =>
        file.Events.SelectMany(t => t).OfType<NoteOnEvent>().Where(e => e.CommandCode == MidiCommandCode.NoteOn && e.Velocity > 0);

    private MidiFile WriteAndRead(IReadOnlyList<NoteEvent> notes, MidiOptions options)
    {
        string path = Path.Combine(_directory, $"{Guid.NewGuid():N}.mid");
        MidiWriter.Write(path, notes, options);
        return new MidiFile(path, strictChecking: true);
    }
}
