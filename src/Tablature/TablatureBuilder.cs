using WhatsTheTab.Tablature.Fingering;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Tablature.Rhythm;
using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Tablature;

/// <summary>The tab engine's entry point: notes in, a playable <see cref="TabScore"/> out.</summary>
/// <remarks>
/// Steps: check the notes (non-finite times or pitches outside MIDI are dropped), move out-of-range pitches by octaves,
/// find the beat grid and quantize (<see cref="Quantizer"/>), drop duplicate pitches and cut a note where the same pitch
/// starts again, group notes starting on the same tick into events, reduce unplayable chords by the fewest notes, choose
/// every event's voicing globally (<see cref="FingeringSolver"/>), cut notes whose string is needed again, and lay the
/// events out in bars. Deterministic: the same notes and options give the same score.
/// </remarks>
public static class TablatureBuilder
{
    /// <summary>Builds the tab; throws <see cref="ArgumentException"/> when <paramref name="options"/> are not valid (see <see cref="TabOptions.Validate"/>).</summary>
    public static TabScore Build(IReadOnlyList<NoteEvent> notes, TabOptions options)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        TabInstrument instrument = TabInstrument.From(options);
        var dropped = new List<DroppedNote>();
        var transposed = new List<TransposedNote>();

        // Notes that take part, with the pitch they will be played at.
        var sources = new List<int>();
        var pitches = new List<int>();
        for (int i = 0; i < notes.Count; i++)
        {
            NoteEvent note = notes[i] ?? throw new ArgumentException($"Note {i} is null.", nameof(notes));
            if (!(double.IsFinite(note.StartSeconds) && double.IsFinite(note.EndSeconds) && double.IsFinite(note.Amplitude)) || note.Pitch is < 0 or > 127)
            {
                dropped.Add(new DroppedNote(i, note, DropReason.Invalid));
                continue;
            }

            int? pitch = Fit(note.Pitch, instrument);
            if (pitch is not int played)
            {
                dropped.Add(new DroppedNote(i, note, DropReason.OutOfRange));
                continue;
            }

            if (played != note.Pitch)
            {
                transposed.Add(new TransposedNote(i, note.Pitch, played));
            }

            sources.Add(i);
            pitches.Add(played);
        }

        QuantizedTimes times = Quantizer.Quantize([.. sources.Select(i => notes[i])], options);
        int[] start = times.StartTicks;
        int[] end = [.. times.EndTicks];
        int[] quantizedEnd = times.EndTicks;
        var alive = Enumerable.Repeat(true, sources.Count).ToArray();

        // One note per pitch per instant: a duplicate start is dropped (the longer note stays), an overlap is cut.
        int[] byPitch = [.. Enumerable.Range(0, sources.Count).OrderBy(k => pitches[k]).ThenBy(k => start[k]).ThenByDescending(k => end[k]).ThenBy(k => sources[k])];
        for (int n = 1; n < byPitch.Length; n++)
        {
            int previous = byPitch[n - 1];
            int k = byPitch[n];
            if (pitches[previous] != pitches[k])
            {
                continue;
            }

            if (start[previous] == start[k])
            {
                alive[k] = false;
                dropped.Add(new DroppedNote(sources[k], notes[sources[k]], DropReason.DuplicatePitch));
                byPitch[n] = previous;
            }
            else if (end[previous] > start[k])
            {
                end[previous] = start[k];
            }
        }

        // Events: notes starting on the same tick, pitches ascending.
        var groups = Enumerable.Range(0, sources.Count)
            .Where(k => alive[k])
            .GroupBy(k => start[k])
            .OrderBy(g => g.Key)
            .Select(g => g.OrderBy(k => pitches[k]).ThenBy(k => sources[k]).ToArray())
            .ToList();
        var eventNotes = new List<int[]>(groups.Count);
        var fingeringEvents = new List<FingeringEvent>(groups.Count);
        foreach (int[] group in groups)
        {
            (int[] kept, List<Voicing> voicings) = VoicingGenerator.Playable([.. group.Select(k => pitches[k])], instrument, options.HandSpan);
            foreach (int position in Enumerable.Range(0, group.Length).Where(p => Array.IndexOf(kept, p) < 0))
            {
                int k = group[position];
                alive[k] = false;
                dropped.Add(new DroppedNote(sources[k], notes[sources[k]], DropReason.Unplayable));
            }

            if (kept.Length == 0)
            {
                continue;
            }

            int[] members = [.. kept.Select(p => group[p])];
            eventNotes.Add(members);
            fingeringEvents.Add(new FingeringEvent(start[members[0]], [.. members.Select(k => end[k])], voicings));
        }

        int[] choice = FingeringSolver.Solve(fingeringEvents, instrument.StringCount, options.HandSpan, instrument.MaxTabFret);

        // Strings and frets, then cut any note still ringing on a string the next note there needs.
        var stringOf = new int[sources.Count];
        var fretOf = new int[sources.Count];
        var ringing = new int[instrument.StringCount + 1];
        Array.Fill(ringing, -1);
        for (int e = 0; e < eventNotes.Count; e++)
        {
            Voicing voicing = fingeringEvents[e].Candidates[choice[e]];
            for (int i = 0; i < eventNotes[e].Length; i++)
            {
                int k = eventNotes[e][i];
                int s = voicing.Strings[i];
                stringOf[k] = s;
                fretOf[k] = voicing.Frets[i];
                if (ringing[s] >= 0 && end[ringing[s]] > start[k])
                {
                    end[ringing[s]] = start[k];
                }

                ringing[s] = k;
            }
        }

        TimeSignature meter = options.Meter;
        int measureTicks = meter.TicksPerMeasure;
        var eventStarts = eventNotes.Select(members => start[members[0]]).ToArray();
        var durations = new int[eventNotes.Count];
        int lastTick = 0;
        for (int e = 0; e < eventNotes.Count; e++)
        {
            int longest = eventNotes[e].Max(k => end[k]);
            int until = e + 1 < eventNotes.Count ? Math.Min(longest, eventStarts[e + 1]) : longest;
            durations[e] = until - eventStarts[e];
            lastTick = Math.Max(lastTick, until);
        }

        int measureCount = Math.Max(1, (lastTick + measureTicks - 1) / measureTicks);
        BeatGrid grid = times.Grid.ToGrid(measureCount * meter.BeatsPerMeasure);

        var placedEvents = new List<TabEvent>(eventNotes.Count);
        var placedNotes = new List<PlacedNote>();
        for (int e = 0; e < eventNotes.Count; e++)
        {
            var members = eventNotes[e]
                .Select(k => new PlacedNote(
                    sources[k],
                    notes[sources[k]],
                    pitches[k],
                    stringOf[k],
                    fretOf[k],
                    start[k],
                    end[k],
                    grid.TickToSeconds(start[k]),
                    grid.TickToSeconds(end[k])))
                .OrderBy(n => n.StringNumber)
                .ToList();
            placedNotes.AddRange(members);
            placedEvents.Add(new TabEvent(eventStarts[e], durations[e], members));
        }

        var measures = new List<TabMeasure>(measureCount);
        int cursor = 0;
        for (int m = 0; m < measureCount; m++)
        {
            int from = m * measureTicks;
            var inMeasure = new List<TabEvent>();
            while (cursor < placedEvents.Count && placedEvents[cursor].StartTick < from + measureTicks)
            {
                inMeasure.Add(placedEvents[cursor++]);
            }

            measures.Add(new TabMeasure(m + 1, from, measureTicks, grid.TickToSeconds(from), inMeasure));
        }

        var shortened = Enumerable.Range(0, sources.Count)
            .Where(k => alive[k] && end[k] < quantizedEnd[k])
            .Select(k => new ShortenedNote(sources[k], quantizedEnd[k], end[k]))
            .OrderBy(s => s.SourceIndex)
            .ToList();
        var report = new TabReport([.. dropped.OrderBy(d => d.SourceIndex)], [.. transposed.OrderBy(t => t.SourceIndex)], shortened);
        return new TabScore(options, instrument, grid, measures, placedEvents, placedNotes, report);
    }

    /// <summary>The pitch itself when playable, else the nearest octave that is (toward the range first), else null.</summary>
    internal static int? Fit(int pitch, TabInstrument instrument)
    {
        if (instrument.CanPlay(pitch))
        {
            return pitch;
        }

        int preferred = pitch < instrument.LowestPitch ? 12 : pitch > instrument.HighestPitch ? -12 : 12;
        for (int octaves = 1; octaves <= 10; octaves++)
        {
            foreach (int shift in (int[])[preferred * octaves, -preferred * octaves])
            {
                int candidate = pitch + shift;
                if (candidate is >= 0 and <= 127 && instrument.CanPlay(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
