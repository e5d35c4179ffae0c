using CsCheck;
using WhatsTheTab.TestSupport;

namespace WhatsTheTab.Transcription.Tests.Reference;

public sealed class OnsetScorerTests
{
    [Fact]
    public void Score_IdenticalLists_IsPerfect()
    {
        NoteOnset[] notes = [new(0.5, 60), new(1.0, 64), new(1.0, 67)];
        var score = OnsetScorer.Score(notes, notes);
        Assert.Equal(3, score.Matched);
        Assert.Equal(1.0, score.Precision);
        Assert.Equal(1.0, score.Recall);
        Assert.Equal(1.0, score.F1);
    }

    [Fact]
    public void Score_PitchMustBeEqual()
    {
        var score = OnsetScorer.Score([new NoteOnset(1.0, 60)], [new NoteOnset(1.0, 61)]);
        Assert.Equal(0, score.Matched);
        Assert.Equal(0.0, score.F1);
    }

    [Fact]
    public void Score_ToleranceIsInclusiveAt50Ms()
    {
        // 1.05 - 1.0 is 0.050000000000000044 in binary floating point; mir_eval rounds it to 0.05.
        Assert.Equal(1, OnsetScorer.Score([new NoteOnset(1.0, 60)], [new NoteOnset(1.05, 60)]).Matched);
        Assert.Equal(1, OnsetScorer.Score([new NoteOnset(1.0, 60)], [new NoteOnset(0.95, 60)]).Matched);
        Assert.Equal(0, OnsetScorer.Score([new NoteOnset(1.0, 60)], [new NoteOnset(1.0501, 60)]).Matched);
    }

    [Fact]
    public void Score_IsOneToOne()
    {
        // Two estimates near one reference note: only one of them counts.
        var score = OnsetScorer.Score([new NoteOnset(1.0, 60)], [new NoteOnset(0.99, 60), new NoteOnset(1.01, 60)]);
        Assert.Equal(1, score.Matched);
        Assert.Equal(0.5, score.Precision);
        Assert.Equal(1.0, score.Recall);
        Assert.Equal(2.0 / 3.0, score.F1, 12);
    }

    [Fact]
    public void Score_PrecisionRecallAndF1()
    {
        NoteOnset[] reference = [new(0.0, 60), new(1.0, 62), new(2.0, 64)];
        NoteOnset[] estimated = [new(0.02, 60), new(1.0, 63), new(2.04, 64), new(3.0, 65)];
        var score = OnsetScorer.Score(reference, estimated);
        Assert.Equal(2, score.Matched);
        Assert.Equal(0.5, score.Precision, 12);
        Assert.Equal(2.0 / 3.0, score.Recall, 12);
        Assert.Equal(2 * 0.5 * (2.0 / 3.0) / (0.5 + (2.0 / 3.0)), score.F1, 12);
        Assert.Contains((0, 0), score.Matches);
        Assert.Contains((2, 2), score.Matches);
    }

    [Fact]
    public void Score_EmptyLists_GiveZero()
    {
        Assert.Equal(0.0, OnsetScorer.Score([], [new NoteOnset(1, 60)]).F1);
        Assert.Equal(0.0, OnsetScorer.Score([new NoteOnset(1, 60)], []).F1);
        var none = OnsetScorer.Score([], []);
        Assert.Equal(0, none.Matched);
        Assert.Equal(0.0, none.F1);
    }

    [Fact]
    public void Score_FindsMaximumMatching_WhereGreedyFails()
    {
        // r0 at 1.000 and r1 at 1.070; e0 at 1.025 is close to both, e1 at 0.960 only to r0.
        // Closest-pair-first greedy takes (r0, e0) at 25 ms and leaves r1 and e1 unmatched.
        // The maximum matching pairs (r0, e1) and (r1, e0).
        NoteOnset[] reference = [new(1.000, 60), new(1.070, 60)];
        NoteOnset[] estimated = [new(1.025, 60), new(0.960, 60)];

        Assert.Equal(1, GreedyClosestFirst(reference, estimated));

        var score = OnsetScorer.Score(reference, estimated);
        Assert.Equal(2, score.Matched);
        Assert.Equal(1.0, score.F1);
        Assert.Contains((0, 1), score.Matches);
        Assert.Contains((1, 0), score.Matches);
    }

    [Fact]
    public void Score_LongAugmentingPath()
    {
        // A chain r0-e0-r1-e1-r2-e2 where the first choices must all be undone.
        NoteOnset[] reference = [new(1.00, 60), new(1.08, 60), new(1.16, 60), new(1.24, 60)];
        NoteOnset[] estimated = [new(1.04, 60), new(1.12, 60), new(1.20, 60), new(0.96, 60)];
        var score = OnsetScorer.Score(reference, estimated);
        Assert.Equal(4, score.Matched);
    }

    [Fact]
    public void Score_MatchesBruteForceOnSmallRandomCases()
    {
        var note = Gen.Select(Gen.Int[0, 20], Gen.Int[60, 61], (t, p) => new NoteOnset(t * 0.02, p));
        Gen.Select(note.Array[0, 6], note.Array[0, 6]).Sample((reference, estimated) =>
        {
            var score = OnsetScorer.Score(reference, estimated);
            Assert.Equal(BruteForceMaximum(reference, estimated), score.Matched);
            Assert.Equal(score.Matched, score.Matches.Select(m => m.Reference).Distinct().Count());
            Assert.Equal(score.Matched, score.Matches.Select(m => m.Estimated).Distinct().Count());
            foreach (var (r, e) in score.Matches)
            {
                Assert.Equal(reference[r].Pitch, estimated[e].Pitch);
                Assert.True(Math.Round(Math.Abs(reference[r].Seconds - estimated[e].Seconds), 7) <= 0.05);
            }
        }, iter: 2000);
    }

    private static bool Compatible(NoteOnset a, NoteOnset b) =>
        a.Pitch == b.Pitch && Math.Round(Math.Abs(a.Seconds - b.Seconds), 7) <= OnsetScorer.DefaultTolerance;

    private static int GreedyClosestFirst(NoteOnset[] reference, NoteOnset[] estimated)
    {
        var pairs = (from r in Enumerable.Range(0, reference.Length)
                     from e in Enumerable.Range(0, estimated.Length)
                     where Compatible(reference[r], estimated[e])
                     orderby Math.Abs(reference[r].Seconds - estimated[e].Seconds)
                     select (r, e)).ToList();
        var usedR = new HashSet<int>();
        var usedE = new HashSet<int>();
        foreach (var (r, e) in pairs)
        {
            if (!usedR.Contains(r) && !usedE.Contains(e))
            {
                usedR.Add(r);
                usedE.Add(e);
            }
        }

        return usedR.Count;
    }

    /// <summary>Exhaustive search over assignments: the size of the largest one-to-one matching.</summary>
    private static int BruteForceMaximum(NoteOnset[] reference, NoteOnset[] estimated)
    {
        var used = new bool[estimated.Length];
        return Best(0);

        int Best(int r)
        {
            if (r == reference.Length)
            {
                return 0;
            }

            var best = Best(r + 1); // leave r unmatched
            for (var e = 0; e < estimated.Length; e++)
            {
                if (!used[e] && Compatible(reference[r], estimated[e]))
                {
                    used[e] = true;
                    best = Math.Max(best, 1 + Best(r + 1));
                    used[e] = false;
                }
            }

            return best;
        }
    }
}
