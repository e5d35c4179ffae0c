using NAudio.Midi;

namespace WhatsTheTab.TestSupport;

/// <summary>Reads note onsets back out of a Standard MIDI File with an independent parser (NAudio.Midi, strict).</summary>
public static class MidiNotes
{
    public static IReadOnlyList<NoteOnset> Onsets(byte[] midi)
    {
        using var stream = new MemoryStream(midi);
        var file = new MidiFile(stream, strictChecking: true);
        var microsecondsPerQuarter = 500_000.0;
        var onsets = new List<NoteOnset>();
        foreach (var track in file.Events)
        {
            foreach (var midiEvent in track)
            {
                if (midiEvent is TempoEvent tempo)
                {
                    microsecondsPerQuarter = tempo.MicrosecondsPerQuarterNote;
                }
            }
        }

        foreach (var track in file.Events)
        {
            foreach (var midiEvent in track)
            {
                if (midiEvent is NoteOnEvent { Velocity: > 0 } on && midiEvent.CommandCode == MidiCommandCode.NoteOn)
                {
                    var seconds = on.AbsoluteTime / (double)file.DeltaTicksPerQuarterNote * microsecondsPerQuarter / 1e6;
                    onsets.Add(new NoteOnset(seconds, on.NoteNumber));
                }
            }
        }

        return onsets;
    }
}
