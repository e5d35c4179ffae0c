using WhatsTheTab.Tablature.Rhythm;
using Xunit.Abstractions;

namespace WhatsTheTab.Tablature.Tests.Rhythm;

/// <summary>Tempo estimation and quantization on synthesized performances at known tempos.</summary>
public sealed class BeatGridTests(ITestOutputHelper output)
{
    public static TheoryData<string, double> Cases()
    {
        var data = new TheoryData<string, double>();
        foreach (RhythmPattern pattern in RhythmPattern.All)
        {
            foreach (double bpm in (double[])[70, 84, 96, 110, 126, 140, 160, 180])
            {
                data.Add(pattern.Name, bpm);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void JitteredPerformance_GivesTheTempoAndPutsOnsetsOnTheirGridPositions(string patternName, double bpm)
    {
        RhythmPattern pattern = RhythmPattern.All.Single(p => p.Name == patternName);
        (var notes, var trueBeats) = pattern.Perform(bpm);

        TabScore score = TablatureBuilder.Build(notes, new TabOptions());
        double ratio = score.Grid.EstimatedTempoBpm / bpm;
        double factor = Math.Abs(ratio - 1) <= 0.02 ? 1 : Math.Abs(ratio - 2) <= 0.04 ? 2 : Math.Abs(ratio - 0.5) <= 0.01 ? 0.5 : double.NaN;
        double onGrid = OnGridShare(score, trueBeats, double.IsNaN(factor) ? 1 : factor);
        output.WriteLine($"{patternName} at {bpm}: estimated {score.Grid.EstimatedTempoBpm:F2} (×{ratio:F3}), confidence {score.Grid.Confidence:F2}, on grid {onGrid:P1}");

        Assert.False(double.IsNaN(factor), $"estimated {score.Grid.EstimatedTempoBpm:F2} bpm for {bpm}");
        Assert.True(onGrid >= 0.9, $"only {onGrid:P1} of onsets on their grid position");
    }

    [Fact]
    public void DriftingTempo_IsFollowed()
    {
        (var notes, var trueBeats) = RhythmPattern.All.Single(p => p.Name == "eighth runs").Perform(100, bars: 24, drift: 0.06);

        TabScore score = TablatureBuilder.Build(notes, new TabOptions());
        double onGrid = OnGridShare(score, trueBeats, Math.Round(score.Grid.EstimatedTempoBpm / 103) switch { 2 => 2, _ => 1 });

        Assert.InRange(score.Grid.EstimatedTempoBpm, 98, 108);
        Assert.True(onGrid >= 0.9, $"only {onGrid:P1} on the grid");
        // The beats speed up: the last bar is shorter than the first.
        IReadOnlyList<double> beats = score.Grid.BeatTimes;
        Assert.True(beats[4] - beats[0] > (beats[^1] - beats[^5]) * 1.03);
    }

    [Fact]
    public void GivenTempo_IsUsed_AndComparedWithTheEstimate()
    {
        (var notes, var trueBeats) = RhythmPattern.All.Single(p => p.Name == "eighth runs").Perform(120);

        TabScore same = TablatureBuilder.Build(notes, new TabOptions { TempoBpm = 120 });
        TabScore twice = TablatureBuilder.Build(notes, new TabOptions { TempoBpm = 240 });
        TabScore other = TablatureBuilder.Build(notes, new TabOptions { TempoBpm = 90 });

        Assert.Equal(120, same.NotatedTempoBpm);
        Assert.Equal(TempoRelation.Agrees, same.Grid.Relation);
        Assert.Equal(240, twice.NotatedTempoBpm);
        Assert.Equal(TempoRelation.Half, twice.Grid.Relation);
        Assert.Equal(TempoRelation.Different, other.Grid.Relation);
        Assert.Equal(TempoRelation.NotGiven, TablatureBuilder.Build(notes, new TabOptions()).Grid.Relation);
        // At the doubled tempo the eighths are quarter notes: every played onset on a beat (stray notes fall anywhere).
        Assert.All(twice.Notes.Where(n => trueBeats[n.SourceIndex] is not null), n => Assert.Equal(0, n.StartTick % BeatGrid.TicksPerQuarter));
    }

    [Fact]
    public void Waltz_InThreeFour_HasItsBassNotesOnTheDownbeats()
    {
        (var notes, _) = RhythmPattern.Waltz.Perform(132, missing: 0, extra: 0);

        TabScore score = TablatureBuilder.Build(notes, new TabOptions { TimeSignature = new TimeSignature(3, 4) });

        Assert.All(score.Measures, m => Assert.Equal(72, m.LengthTicks));
        Assert.All(score.Notes.Where(n => n.Source.Pitch == 43), n => Assert.Equal(0, n.StartTick % 72));
        Assert.InRange(score.Grid.EstimatedTempoBpm, 129, 135);
    }

    [Fact]
    public void Jig_InSixEight_CountsDottedQuarterBeats()
    {
        (var notes, _) = RhythmPattern.Jig.Perform(150, missing: 0, extra: 0);

        TabScore score = TablatureBuilder.Build(notes, new TabOptions { TimeSignature = new TimeSignature(6, 8) });

        Assert.Equal(36, score.Grid.TicksPerBeat);
        Assert.All(score.Measures, m => Assert.Equal(72, m.LengthTicks));
        Assert.All(score.Notes, n => Assert.Equal(0, n.StartTick % 12));
        Assert.All(score.Notes.Where(n => n.Source.Pitch == 43), n => Assert.Equal(0, n.StartTick % 72));
        Assert.InRange(score.Grid.EstimatedTempoBpm, 147, 153);
    }

    [Fact]
    public void EighthQuantization_SnapsSixteenthsToEighths_AndNoneKeepsThirtySeconds()
    {
        (var notes, _) = RhythmPattern.All.Single(p => p.Name == "sixteenths").Perform(90, missing: 0, extra: 0, jitterSeconds: 0.005);

        TabScore eighths = TablatureBuilder.Build(notes, new TabOptions { Quantize = QuantizeMode.Eighth, TempoBpm = 90 });
        TabScore none = TablatureBuilder.Build(notes, new TabOptions { Quantize = QuantizeMode.None, TempoBpm = 90 });

        Assert.All(eighths.Notes, n => Assert.Equal(0, n.StartTick % 12));
        Assert.All(none.Notes, n => Assert.Equal(0, n.StartTick % 3));
        Assert.Contains(none.Notes, n => n.StartTick % 6 == 0 && n.StartTick % 12 != 0);
        Assert.All(none.Notes, n => Assert.InRange(n.QuantizedStartSeconds - n.StartSeconds, -0.03, 0.03));
    }

    [Fact]
    public void TripletsOff_KeepsEveryBeatStraight()
    {
        (var notes, _) = RhythmPattern.All.Single(p => p.Name == "triplets").Perform(96, missing: 0, extra: 0);

        TabScore score = TablatureBuilder.Build(notes, new TabOptions { Triplets = false, TempoBpm = 96 });

        Assert.All(score.Notes, n => Assert.Equal(0, n.StartTick % 6));
        Assert.DoesNotContain(Enumerable.Range(0, score.Grid.BeatTimes.Count), score.Grid.IsTriplet);
    }

    [Fact]
    public void PlacedNotes_KeepTheirUnquantizedTimes()
    {
        (var notes, _) = RhythmPattern.All[0].Perform(100);

        TabScore score = TablatureBuilder.Build(notes, new TabOptions());

        Assert.All(score.Notes, n => Assert.Equal(notes[n.SourceIndex].StartSeconds, n.StartSeconds));
        Assert.All(score.Notes, n => Assert.InRange(n.QuantizedStartSeconds - n.StartSeconds, -0.08, 0.08));
    }

    /// <summary>
    /// Share of the true (non-stray) notes whose quantized beat is exactly their true beat under the best constant offset,
    /// with true beats scaled by <paramref name="factor"/> when the tempo was found at double or half.
    /// </summary>
    private static double OnGridShare(TabScore score, List<double?> trueBeats, double factor)
    {
        var pairs = score.Notes
            .Where(n => trueBeats[n.SourceIndex] is not null)
            .Select(n => (Quantized: n.StartTick / (double)BeatGrid.TicksPerQuarter, True: trueBeats[n.SourceIndex]!.Value * factor))
            .ToList();
        int total = trueBeats.Count(b => b is not null);
        if (pairs.Count == 0)
        {
            return 0;
        }

        double offset = pairs
            .GroupBy(p => Math.Round((p.Quantized - p.True) * 48) / 48)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key)
            .First().Key;
        int hits = pairs.Count(p => Math.Abs(p.Quantized - p.True - offset) < 1e-6);
        return hits / (double)total;
    }
}
