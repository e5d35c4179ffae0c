namespace WhatsTheTab.TestSupport;

/// <summary>
/// Note-onset scoring in the manner of mir_eval's <c>transcription.precision_recall_f1_overlap</c>
/// with <c>offset_ratio=None</c>: a reference and an estimated note match when their pitches are
/// equal and their onsets differ by at most the tolerance (50 ms by default); each note matches at
/// most one other, and the matching is a maximum bipartite matching (Hopcroft–Karp), not greedy.
/// </summary>
public static class OnsetScorer
{
    /// <summary>mir_eval's onset tolerance in seconds.</summary>
    public const double DefaultTolerance = 0.05;

    /// <summary>Scores <paramref name="estimated"/> against <paramref name="reference"/>.</summary>
    public static OnsetScore Score(
        IReadOnlyList<NoteOnset> reference,
        IReadOnlyList<NoteOnset> estimated,
        double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(estimated);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);

        var adjacency = new List<int>[reference.Count];
        for (var r = 0; r < reference.Count; r++)
        {
            adjacency[r] = [];
            for (var e = 0; e < estimated.Count; e++)
            {
                if (reference[r].Pitch != estimated[e].Pitch)
                {
                    continue;
                }

                // mir_eval rounds distances to 7 decimals so that e.g. 0.05000000001 still counts.
                var distance = Math.Round(Math.Abs(reference[r].Seconds - estimated[e].Seconds), 7);
                if (distance <= tolerance)
                {
                    adjacency[r].Add(e);
                }
            }
        }

        var matchOfReference = MaximumMatching(adjacency, estimated.Count);
        var matches = new List<(int Reference, int Estimated)>();
        for (var r = 0; r < matchOfReference.Length; r++)
        {
            if (matchOfReference[r] >= 0)
            {
                matches.Add((r, matchOfReference[r]));
            }
        }

        var matched = matches.Count;
        var precision = estimated.Count == 0 ? 0.0 : (double)matched / estimated.Count;
        var recall = reference.Count == 0 ? 0.0 : (double)matched / reference.Count;
        var f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
        return new OnsetScore(precision, recall, f1, matched, reference.Count, estimated.Count, matches);
    }

    /// <summary>Scores transcribed notes against truth notes.</summary>
    public static OnsetScore Score(IEnumerable<TruthNote> truth, IEnumerable<NoteOnset> estimated, double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(estimated);
        return Score(truth.Select(n => n.Onset).ToList(), estimated.ToList(), tolerance);
    }

    /// <summary>
    /// Hopcroft–Karp maximum matching. <paramref name="adjacency"/>[l] lists the right vertices
    /// left vertex l may match. Returns, for each left vertex, its right partner or -1.
    /// </summary>
    internal static int[] MaximumMatching(IReadOnlyList<List<int>> adjacency, int rightCount)
    {
        var leftCount = adjacency.Count;
        var matchLeft = Enumerable.Repeat(-1, leftCount).ToArray();
        var matchRight = Enumerable.Repeat(-1, rightCount).ToArray();
        var layer = new int[leftCount];
        var queue = new int[leftCount];
        const int Unreached = int.MaxValue;

        while (true)
        {
            // Breadth-first search from every free left vertex builds the layered graph.
            var head = 0;
            var tail = 0;
            for (var l = 0; l < leftCount; l++)
            {
                if (matchLeft[l] < 0)
                {
                    layer[l] = 0;
                    queue[tail++] = l;
                }
                else
                {
                    layer[l] = Unreached;
                }
            }

            var foundFree = false;
            while (head < tail)
            {
                var l = queue[head++];
                foreach (var r in adjacency[l])
                {
                    var next = matchRight[r];
                    if (next < 0)
                    {
                        foundFree = true;
                    }
                    else if (layer[next] == Unreached)
                    {
                        layer[next] = layer[l] + 1;
                        queue[tail++] = next;
                    }
                }
            }

            if (!foundFree)
            {
                return matchLeft;
            }

            // Depth-first search along the layers finds a maximal set of disjoint shortest augmenting paths.
            for (var l = 0; l < leftCount; l++)
            {
                if (matchLeft[l] < 0)
                {
                    _ = Augment(l);
                }
            }
        }

        bool Augment(int l)
        {
            foreach (var r in adjacency[l])
            {
                var next = matchRight[r];
                if (next < 0 || (layer[next] == layer[l] + 1 && Augment(next)))
                {
                    matchLeft[l] = r;
                    matchRight[r] = l;
                    return true;
                }
            }

            layer[l] = Unreached; // dead end: do not revisit in this phase
            return false;
        }
    }
}
