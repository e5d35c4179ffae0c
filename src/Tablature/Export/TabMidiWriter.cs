using WhatsTheTab.Tablature.Rhythm;
using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Tablature.Export;

/// <summary>Writes the tab's notes as a Standard MIDI File with the instrument's General MIDI program, through <see cref="MidiWriter"/>.</summary>
/// <remarks>
/// Notes are written as played: quantized, at the notated tempo, so bar lines in a sequencer match the tab's; pitches
/// are the played ones (octave-transposed where reported); dropped notes are absent. <see cref="MidiWriter"/> writes a
/// 4/4 time signature whatever the tab's.
/// </remarks>
public static class TabMidiWriter
{
    public static void Write(TabScore score, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(destination);
        MidiWriter.Write(destination, Notes(score), Options(score));
    }

    public static void Write(TabScore score, string path)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentException.ThrowIfNullOrEmpty(path);
        MidiWriter.Write(path, Notes(score), Options(score));
    }

    /// <summary>The notes as MIDI will play them: grid ticks at the notated tempo, played pitch, original loudness.</summary>
    public static IReadOnlyList<NoteEvent> Notes(TabScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        double secondsPerTick = 60.0 / score.NotatedTempoBpm / BeatGrid.TicksPerQuarter;
        return [.. score.Notes.Select(n => new NoteEvent(n.StartTick * secondsPerTick, n.EndTick * secondsPerTick, n.Pitch, n.Source.Amplitude))];
    }

    private static MidiOptions Options(TabScore score) => new()
    {
        TempoBpm = score.NotatedTempoBpm,
        Instrument = score.Instrument.Sound,
        PitchBends = PitchBendMode.None,
        TicksPerQuarter = 480,
    };
}
