using System.Globalization;
using WhatsTheTab.TestSupport;
using Xunit.Abstractions;

namespace WhatsTheTab.Transcription.Tests.Reference;

/// <summary>
/// Validates the synthetic clips: the reference JavaScript basic-pitch must transcribe each one
/// well, otherwise the clip (not the C# engine) is the problem.
/// </summary>
public sealed class ReferenceTranscriptionTests(ITestOutputHelper output)
{
    public static TheoryData<string> ClipNames => new(TestClips.Names);

    [Theory]
    [MemberData(nameof(ClipNames))]
    public void ReferenceTranscription_OfClip_HasOnsetF1AtLeast075(string name)
    {
        Assert.True(ReferenceTranscriber.IsAvailable(out var reason), reason);
        var clip = TestClips.Ensure(name);
        var reference = ReferenceTranscriber.Transcribe(clip.WavPath);
        var score = OnsetScorer.Score(clip.Truth, reference.Onsets);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {score}; {reference.AudioSeconds:F2} s audio, {reference.Backend} inference {reference.InferenceMs:F0} ms (RTF {reference.RealTimeFactor:F3}), post {reference.PostMs:F0} ms"));
        var matchedRef = score.Matches.Select(m => m.Reference).ToHashSet();
        var matchedEst = score.Matches.Select(m => m.Estimated).ToHashSet();
        var truthOnsets = clip.Truth.Select(n => n.Onset).ToList();
        foreach (var (n, i) in truthOnsets.Select((n, i) => (n, i)).Where(x => !matchedRef.Contains(x.i)))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  missed   {n.Seconds,7:F3} s pitch {n.Pitch}"));
        }

        var estimated = reference.Onsets;
        foreach (var (n, i) in estimated.Select((n, i) => (n, i)).Where(x => !matchedEst.Contains(x.i)))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  extra    {n.Seconds,7:F3} s pitch {n.Pitch}"));
        }

        Assert.True(score.F1 >= 0.75, $"{name}: reference onset F1 {score.F1:F3} < 0.75");
    }

    [Fact]
    public void GoldenWindows_LayoutMatchesSidecar()
    {
        var golden = GoldenWindows.Load();
        Assert.True(golden.Count >= 4);
        Assert.Equal([golden.Count, 43844, 1], golden.Input.Shape);
        Assert.Equal([golden.Count, 172, 264], golden.Contours.Shape);
        Assert.Equal([golden.Count, 172, 88], golden.Notes.Shape);
        Assert.Equal([golden.Count, 172, 88], golden.Onsets.Shape);
        foreach (var t in new[] { golden.Contours, golden.Notes, golden.Onsets })
        {
            Assert.All(t.Values, v => Assert.InRange(v, 0f, 1f)); // sigmoid outputs
        }
    }
}
