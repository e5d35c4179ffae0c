using NAudio.Midi;
using WhatsTheTab.Transcription.Notes;
using NoteEvent = WhatsTheTab.Transcription.Notes.NoteEvent;

namespace WhatsTheTab.Transcription.Output;

/// <summary>Writes notes as a type-1 Standard MIDI File, the way basic-pitch's note_events_to_midi lays them out.</summary>
/// <remarks>
/// Track 0 holds the tempo and a 4/4 time signature; notes follow on one track (channel 1) or, with
/// <see cref="PitchBendMode.PerNote"/>, one track per pitch on channels cycling through 1–16 without 10 (drums), as
/// pretty_midi assigns them — with more than 15 distinct pitches channels are shared, as there. Departures from
/// basic-pitch: notes whose end is not after their start are skipped, notes shorter than a tick last one tick; a note
/// overlapping a later note of the same pitch on the same channel is cut where that one starts (of two starting on the
/// same tick, the longer is kept) so note-ons and -offs pair up; and after a bent note the wheel returns to centre so
/// a following unbent note is not left detuned.
/// </remarks>
public static class MidiWriter
{
    private const int PitchWheelCenter = 8192;
    private const int DrumChannel = 10;

    // Event order within one tick: offs first so a repeated pitch retriggers, then wheel resets, then bends, then
    // note-ons so a note starts at its bent pitch.
    private const int NoteOffOrder = 0;
    private const int ResetOrder = 1;
    private const int BendOrder = 2;
    private const int NoteOnOrder = 3;

    public static void Write(string path, IReadOnlyList<NoteEvent> notes, MidiOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = File.Create(path);
        Write(stream, notes, options);
    }

    /// <summary>Writes the file to <paramref name="destination"/> (which need not be seekable) and leaves it open.</summary>
    public static void Write(Stream destination, IReadOnlyList<NoteEvent> notes, MidiOptions options)
    {
        ArgumentNullException.ThrowIfNull(destination);
        MidiEventCollection events = Compose(notes, options);

        // NAudio patches chunk lengths by seeking back, which storage streams often cannot do.
        using var buffer = new MemoryStream();
        MidiFile.Export(buffer, events);
        buffer.Position = 0;
        buffer.CopyTo(destination);
    }

    internal static MidiEventCollection Compose(IReadOnlyList<NoteEvent> notes, MidiOptions options)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(options);
        if (!(double.IsFinite(options.TempoBpm) && options.TempoBpm > 0))
        {
            throw new ArgumentException("The tempo must be a positive number of beats per minute.", nameof(options));
        }

        if (options.TicksPerQuarter is < 1 or > short.MaxValue)
        {
            throw new ArgumentException("Ticks per quarter note must lie in 1..32767.", nameof(options));
        }

        var collection = new MidiEventCollection(1, options.TicksPerQuarter);
        IList<MidiEvent> conductor = collection.AddTrack();
        conductor.Add(new TempoEvent((int)Math.Round(60_000_000 / options.TempoBpm), 0));
        conductor.Add(new TimeSignatureEvent(0, 4, 2, 24, 8));

        double ticksPerSecond = options.TempoBpm / 60.0 * options.TicksPerQuarter;
        int? program = options.Instrument.GeneralMidiProgram();
        string instrumentName = options.Instrument.ToName();
        switch (options.PitchBends)
        {
            case PitchBendMode.None:
                AddTrack(collection, [.. notes.Select(n => n with { PitchBends = null })], 1, program, instrumentName, ticksPerSecond);
                break;
            case PitchBendMode.SingleTrack:
                AddTrack(collection, OverlappingPitchBends.Drop(notes), 1, program, instrumentName, ticksPerSecond);
                break;
            case PitchBendMode.PerNote:
                int track = 0;
                foreach (IGrouping<int, NoteEvent> pitch in notes.GroupBy(n => n.Pitch).OrderBy(g => g.Key))
                {
                    AddTrack(collection, [.. pitch], ChannelForTrack(track++), program, $"{instrumentName} {PitchName.Of(pitch.Key)}", ticksPerSecond);
                }

                break;
            default:
                throw new ArgumentException("Unknown pitch-bend mode.", nameof(options));
        }

        collection.PrepareForExport();
        return collection;
    }

    private static int ChannelForTrack(int track)
    {
        int channel = (track % 15) + 1;
        return channel >= DrumChannel ? channel + 1 : channel;
    }

    private static void AddTrack(
        MidiEventCollection collection, IReadOnlyList<NoteEvent> notes, int channel, int? program, string name, double ticksPerSecond)
    {
        List<(long Start, long End, NoteEvent Note)> placed = Place(notes, ticksPerSecond);
        if (placed.Count == 0)
        {
            return;
        }

        var scheduled = new List<(long Tick, int Order, int Sequence, MidiEvent Event)>();
        int sequence = 0;
        foreach ((long start, long end, NoteEvent note) in placed)
        {
            var on = new NoteOnEvent(start, channel, note.Pitch, note.Velocity, checked((int)(end - start)));
            scheduled.Add((start, NoteOnOrder, sequence++, on));
            scheduled.Add((end, NoteOffOrder, sequence++, on.OffEvent ?? throw new InvalidOperationException("NAudio did not pair the note-on.")));
            if (note.PitchBends is not { Count: > 0 } bends)
            {
                continue;
            }

            int lastWheel = PitchWheelCenter;
            for (int k = 0; k < bends.Count; k++)
            {
                // np.linspace(start, end, len(bends)), as basic-pitch places them.
                double seconds = bends.Count == 1
                    ? note.StartSeconds
                    : note.StartSeconds + ((note.EndSeconds - note.StartSeconds) * k / (bends.Count - 1));
                long tick = Math.Max(start, Ticks(seconds, ticksPerSecond));
                if (tick >= end)
                {
                    // At or after the note-off it would only bend whatever sounds next.
                    break;
                }

                lastWheel = PitchWheelCenter + BendToWheelOffset(bends[k]);
                scheduled.Add((tick, BendOrder, sequence++, new PitchWheelChangeEvent(tick, channel, lastWheel)));
            }

            if (lastWheel != PitchWheelCenter)
            {
                scheduled.Add((end, ResetOrder, sequence++, new PitchWheelChangeEvent(end, channel, PitchWheelCenter)));
            }
        }

        scheduled.Sort((a, b) => (a.Tick, a.Order, a.Sequence).CompareTo((b.Tick, b.Order, b.Sequence)));
        IList<MidiEvent> track = collection.AddTrack();
        track.Add(new TextEvent(name, MetaEventType.SequenceTrackName, 0));
        if (program is int number)
        {
            track.Add(new PatchChangeEvent(0, channel, number));
        }

        foreach ((_, _, _, MidiEvent midiEvent) in scheduled)
        {
            track.Add(midiEvent);
        }
    }

    /// <summary>Notes in ticks, in start order, with same-pitch overlaps resolved so every note-on has its own note-off.</summary>
    private static List<(long Start, long End, NoteEvent Note)> Place(IReadOnlyList<NoteEvent> notes, double ticksPerSecond)
    {
        var candidates = new List<(long Start, long End, NoteEvent Note)>(notes.Count);
        foreach (NoteEvent note in notes)
        {
            if (!(double.IsFinite(note.StartSeconds) && double.IsFinite(note.EndSeconds) && note.EndSeconds > note.StartSeconds))
            {
                continue;
            }

            if (note.Pitch is < 0 or > 127)
            {
                throw new ArgumentException($"MIDI pitch {note.Pitch} is outside 0..127.", nameof(notes));
            }

            long start = Ticks(Math.Max(0, note.StartSeconds), ticksPerSecond);
            long end = Math.Max(Ticks(note.EndSeconds, ticksPerSecond), start + 1);
            candidates.Add((start, end, note));
        }

        candidates.Sort((a, b) => (a.Note.Pitch, a.Start, a.End).CompareTo((b.Note.Pitch, b.Start, b.End)));
        var placed = new List<(long Start, long End, NoteEvent Note)>(candidates.Count);
        foreach ((long Start, long End, NoteEvent Note) candidate in candidates)
        {
            if (placed.Count > 0 && placed[^1].Note.Pitch == candidate.Note.Pitch && candidate.Start < placed[^1].End)
            {
                if (candidate.Start > placed[^1].Start)
                {
                    placed[^1] = placed[^1] with { End = candidate.Start };
                }
                else
                {
                    placed.RemoveAt(placed.Count - 1);
                }
            }

            placed.Add(candidate);
        }

        placed.Sort((a, b) => (a.Start, a.Note.Pitch).CompareTo((b.Start, b.Note.Pitch)));
        return placed;
    }

    private static long Ticks(double seconds, double ticksPerSecond) =>
        (long)Math.Round(seconds * ticksPerSecond, MidpointRounding.ToEven);

    /// <summary>basic-pitch's conversion: thirds of a semitone to a ±2-semitone wheel, clamped to its 14-bit range.</summary>
    internal static int BendToWheelOffset(int bend) =>
        (int)Math.Clamp(Math.Round(bend * 4096.0 / PitchGrid.ContourBinsPerSemitone, MidpointRounding.ToEven), -PitchWheelCenter, PitchWheelCenter - 1);
}
