using NAudio.Midi;
using WhatsTheTab.Tablature.Rhythm;
using NoteEvent = WhatsTheTab.Transcription.Notes.NoteEvent;

namespace WhatsTheTab.Tablature.Import;

/// <summary>Reads the notes of a Standard MIDI File (type 0 or 1) into <see cref="NoteEvent"/>s, for tabbing a .mid file.</summary>
/// <remarks>
/// Ticks become seconds through the file's whole tempo map (tempo changes on any track); amplitude is velocity / 127;
/// notes on channel 10 (General MIDI drums) are skipped. Files with SMPTE time division are read at 120 bpm, one tick
/// per division unit; they are rare for notes.
/// </remarks>
public static class MidiNoteReader
{
    private const int DrumChannel = 10;

    public static MidiNoteFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = File.OpenRead(path);
        return Read(stream);
    }

    /// <summary>Reads a MIDI file; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static MidiNoteFile Read(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        MidiFile file;
        try
        {
            // NAudio needs a seekable stream.
            using var buffer = new MemoryStream();
            source.CopyTo(buffer);
            buffer.Position = 0;
            file = new MidiFile(buffer, strictChecking: false);
        }
        catch (Exception e) when (e is FormatException or EndOfStreamException or InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"Not a Standard MIDI File: {e.Message}", e);
        }

        int ticksPerQuarter = Math.Max(1, file.DeltaTicksPerQuarterNote);
        var tempos = new List<(long Tick, int MicrosecondsPerQuarter)>();
        TimeSignature? signature = null;
        foreach (IList<MidiEvent> track in file.Events)
        {
            foreach (MidiEvent midiEvent in track)
            {
                if (midiEvent is TempoEvent tempo && tempo.MicrosecondsPerQuarterNote > 0)
                {
                    tempos.Add((tempo.AbsoluteTime, tempo.MicrosecondsPerQuarterNote));
                }
                else if (signature is null && midiEvent is TimeSignatureEvent ts && ts.AbsoluteTime == 0)
                {
                    int beatType = 1 << ts.Denominator;
                    if (TimeSignature.TryParse($"{ts.Numerator}/{beatType}", out TimeSignature parsed, out _))
                    {
                        signature = parsed;
                    }
                }
            }
        }

        tempos.Sort((a, b) => a.Tick.CompareTo(b.Tick));
        double? bpm = tempos.Count > 0 ? 60_000_000.0 / tempos[0].MicrosecondsPerQuarter : null;
        if (tempos.Count == 0 || tempos[0].Tick > 0)
        {
            tempos.Insert(0, (0, 500_000));
        }

        // Seconds at each tempo change, so a tick converts with one lookup.
        var changeSeconds = new double[tempos.Count];
        for (int i = 1; i < tempos.Count; i++)
        {
            changeSeconds[i] = changeSeconds[i - 1] + ((tempos[i].Tick - tempos[i - 1].Tick) * tempos[i - 1].MicrosecondsPerQuarter / 1e6 / ticksPerQuarter);
        }

        double Seconds(long tick)
        {
            int i = tempos.Count - 1;
            while (i > 0 && tempos[i].Tick > tick)
            {
                i--;
            }

            return changeSeconds[i] + ((tick - tempos[i].Tick) * tempos[i].MicrosecondsPerQuarter / 1e6 / ticksPerQuarter);
        }

        var notes = new List<(long Tick, int Pitch, NoteEvent Note)>();
        foreach (IList<MidiEvent> track in file.Events)
        {
            foreach (MidiEvent midiEvent in track)
            {
                if (midiEvent is NoteOnEvent { Velocity: > 0 } on && on.CommandCode == MidiCommandCode.NoteOn && on.Channel != DrumChannel && on.OffEvent is not null)
                {
                    long end = on.OffEvent.AbsoluteTime;
                    notes.Add((on.AbsoluteTime, on.NoteNumber, new NoteEvent(Seconds(on.AbsoluteTime), Seconds(end), on.NoteNumber, on.Velocity / 127.0)));
                }
            }
        }

        notes.Sort((a, b) => (a.Tick, a.Pitch).CompareTo((b.Tick, b.Pitch)));
        return new MidiNoteFile([.. notes.Select(n => n.Note)], bpm, signature);
    }
}
