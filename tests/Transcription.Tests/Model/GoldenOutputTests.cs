using System.Runtime.InteropServices;
using System.Text.Json;
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
        var result = fixture.Model.Run(golden.Input(window), 1);

        var contours = MaxDifference(result.Contours, golden.Output("Identity", window));
        var notes = MaxDifference(result.Notes, golden.Output("Identity_1", window));
        var onsets = MaxDifference(result.Onsets, golden.Output("Identity_2", window));
        output.WriteLine($"{golden.Names[window]}: max |diff| contours {contours:E2}, notes {notes:E2}, onsets {onsets:E2}");

        Assert.True(contours <= Tolerance, $"contours differ by {contours}");
        Assert.True(notes <= Tolerance, $"notes differ by {notes}");
        Assert.True(onsets <= Tolerance, $"onsets differ by {onsets}");
    }

    [Fact]
    public void Run_AllGoldenWindowsInOneBatch_MatchesWindowByWindow()
    {
        var golden = GoldenWindows.Load();
        var batch = fixture.Model.Run(golden.AllInputs, golden.Count);

        Assert.True(MaxDifference(batch.Notes, golden.AllOutputs("Identity_1")) <= Tolerance);
        Assert.True(MaxDifference(batch.Onsets, golden.AllOutputs("Identity_2")) <= Tolerance);
        Assert.True(MaxDifference(batch.Contours, golden.AllOutputs("Identity")) <= Tolerance);
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

    /// <summary>The golden file written by model/scripts/golden.mjs, described by its JSON sidecar.</summary>
    private sealed class GoldenWindows
    {
        private readonly float[] _data;
        private readonly Dictionary<string, (int Offset, int Length)> _tensors;

        private GoldenWindows(float[] data, Dictionary<string, (int, int)> tensors, int count, string[] names)
        {
            _data = data;
            _tensors = tensors;
            Count = count;
            Names = names;
        }

        public int Count { get; }

        public string[] Names { get; }

        public ReadOnlySpan<float> AllInputs => Tensor("input");

        public static GoldenWindows Load()
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "TestData");
            using var layout = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "golden-windows.json")));
            var root = layout.RootElement;
            var data = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(folder, root.GetProperty("file").GetString()!))).ToArray();
            var tensors = root.GetProperty("tensors").EnumerateArray().ToDictionary(
                t => t.GetProperty("name").GetString()!,
                t => (t.GetProperty("offsetBytes").GetInt32() / 4, t.GetProperty("lengthFloats").GetInt32()));
            var names = root.GetProperty("windows").EnumerateArray().Select(w => w.GetProperty("name").GetString()!).ToArray();
            return new GoldenWindows(data, tensors, root.GetProperty("count").GetInt32(), names);
        }

        public ReadOnlySpan<float> Input(int window) => Slice("input", window);

        public ReadOnlySpan<float> Output(string name, int window) => Slice(name, window);

        public ReadOnlySpan<float> AllOutputs(string name) => Tensor(name);

        private ReadOnlySpan<float> Tensor(string name)
        {
            var (offset, length) = _tensors[name];
            return _data.AsSpan(offset, length);
        }

        private ReadOnlySpan<float> Slice(string name, int window)
        {
            var all = Tensor(name);
            var perWindow = all.Length / Count;
            return all.Slice(window * perWindow, perWindow);
        }
    }
}
