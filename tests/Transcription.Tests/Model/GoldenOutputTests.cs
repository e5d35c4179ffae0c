using WhatsTheTab.TestSupport;
using WhatsTheTab.Transcription.Model;
using Xunit.Abstractions;

namespace WhatsTheTab.Transcription.Tests.Model;

/// <summary>
/// The TorchSharp port against the reference: windows run through @spotify/basic-pitch 1.0.1 on tfjs 4.22 (wasm) by
/// model/scripts/golden.mjs; every output value must agree within 1e-3.
/// </summary>
public sealed class GoldenOutputTests(ModelFixture fixture, ITestOutputHelper output) : IClassFixture<ModelFixture>
{
    private const double Tolerance = 1e-3;

    public static TheoryData<int> Windows() => [0, 1, 2, 3];

    [Theory]
    [MemberData(nameof(Windows))]
    public void Run_GoldenWindow_MatchesReferenceWithinTolerance(int window)
    {
        var golden = GoldenWindows.Load();
        var result = fixture.Model.Run(golden.Input.Window(window), 1);

        var contours = MaxDifference(result.Contours, golden.Contours.Window(window));
        var notes = MaxDifference(result.Notes, golden.Notes.Window(window));
        var onsets = MaxDifference(result.Onsets, golden.Onsets.Window(window));
        output.WriteLine($"{golden.WindowNames[window]}: max |diff| contours {contours:E2}, notes {notes:E2}, onsets {onsets:E2}");

        Assert.True(contours <= Tolerance, $"contours differ by {contours}");
        Assert.True(notes <= Tolerance, $"notes differ by {notes}");
        Assert.True(onsets <= Tolerance, $"onsets differ by {onsets}");
    }

    [Fact]
    public void Run_AllGoldenWindowsInOneBatch_MatchesWindowByWindow()
    {
        var golden = GoldenWindows.Load();
        var batch = fixture.Model.Run(golden.Input.Values, golden.Count);

        Assert.True(MaxDifference(batch.Notes, golden.Notes.Values) <= Tolerance);
        Assert.True(MaxDifference(batch.Onsets, golden.Onsets.Values) <= Tolerance);
        Assert.True(MaxDifference(batch.Contours, golden.Contours.Values) <= Tolerance);
    }

    [Fact]
    public void Load_ReadsEveryWeightOfThePackage()
    {
        // 184 949 float weights (the constant-Q filters, convolutions and the folded batch norm) in the 742 392-byte shard.
        Assert.Equal(184_949, fixture.Model.WeightCount);
    }

    private static double MaxDifference(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double max = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            max = Math.Max(max, Math.Abs(actual[i] - expected[i]));
        }

        return max;
    }
}
