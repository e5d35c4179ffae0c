namespace WhatsTheTab.Transcription.Notes;

/// <summary>
/// basic-pitch's drop_overlapping_pitch_bends: with a single pitch wheel for all notes, bends of notes that overlap in
/// time would bend each other, so such notes lose their bends.
/// </summary>
public static class OverlappingPitchBends
{
    /// <summary>
    /// Returns the notes in their original order, with <see cref="NoteEvent.PitchBends"/> set to null on every note that
    /// overlaps another (one starts strictly before the other ends). Runs in O(n log n) rather than basic-pitch's pairwise loop.
    /// </summary>
    public static IReadOnlyList<NoteEvent> Drop(IReadOnlyList<NoteEvent> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        int[] order = [.. Enumerable.Range(0, notes.Count)
            .OrderBy(i => notes[i].StartSeconds)
            .ThenBy(i => notes[i].EndSeconds)
            .ThenBy(i => notes[i].Pitch)];

        // In start order, a note overlaps a later one iff the next note starts before it ends, and an earlier one iff
        // it starts before the latest end seen so far.
        bool[] overlaps = new bool[notes.Count];
        double latestEnd = double.NegativeInfinity;
        for (int k = 0; k < order.Length; k++)
        {
            NoteEvent note = notes[order[k]];
            if (note.StartSeconds < latestEnd)
            {
                overlaps[order[k]] = true;
            }

            if (k + 1 < order.Length && notes[order[k + 1]].StartSeconds < note.EndSeconds)
            {
                overlaps[order[k]] = true;
            }

            latestEnd = Math.Max(latestEnd, note.EndSeconds);
        }

        var result = new NoteEvent[notes.Count];
        for (int i = 0; i < notes.Count; i++)
        {
            result[i] = overlaps[i] && notes[i].PitchBends is not null ? notes[i] with { PitchBends = null } : notes[i];
        }

        return result;
    }
}
