using WhatsTheTab.TestSupport;
using Xunit.Abstractions;

namespace WhatsTheTab.Transcription.Tests.Engine;

/// <summary>
/// The whole engine on audio with known notes: MIDI pieces rendered by fluidsynth, transcribed, scored by onset
/// (50 ms, exact pitch, one-to-one) against the truth and against the reference JavaScript package on the same WAV.
/// </summary>
public sealed class SynthesizedClipTests(EngineFixture fixture, ITestOutputHelper output) : IClassFixture<EngineFixture>
{
    public static TheoryData<string> Clips() => [.. TestClips.Names];

    [Theory]
    [MemberData(nameof(Clips))]
    public void Transcribe_SynthesizedClip_ScoresLikeTheReference(string name)
    {
        var clip = TestClips.Ensure(name);
        var result = fixture.Engine.Transcribe(clip.WavPath);
        var ours = OnsetScorer.Score(clip.Truth, result.Notes.Select(n => new NoteOnset(n.StartSeconds, n.Pitch)));
        var reference = OnsetScorer.Score(clip.Truth, ReferenceTranscriber.Transcribe(clip.WavPath).Onsets);
        output.WriteLine($"{name}: engine {ours}; reference {reference}; {result.Notes.Count} notes, RTF {result.RealTimeFactor:F1}x");

        Assert.True(ours.F1 >= 0.75, $"{name}: onset F1 {ours.F1:F3} < 0.75");
        Assert.True(Math.Abs(ours.F1 - reference.F1) <= 0.02, $"{name}: onset F1 {ours.F1:F3} vs reference {reference.F1:F3}");
    }

    [Fact]
    public void Transcribe_SameClipWithDifferentBatchSizes_GivesTheSameNotes()
    {
        var clip = TestClips.Ensure(TestClips.Names[0]);
        using var single = TranscriptionEngine.Create(new EngineOptions { Device = WhatsTheTab.Transcription.Model.DevicePreference.Cpu, BatchSize = 1 });
        var one = single.Transcribe(clip.WavPath).Notes;
        var batched = fixture.Engine.Transcribe(clip.WavPath).Notes;

        Assert.Equal(one.Count, batched.Count);
        for (var i = 0; i < one.Count; i++)
        {
            Assert.Equal(one[i].Pitch, batched[i].Pitch);
            Assert.Equal(one[i].StartSeconds, batched[i].StartSeconds, 6);
            Assert.Equal(one[i].EndSeconds, batched[i].EndSeconds, 6);
            Assert.Equal(one[i].Amplitude, batched[i].Amplitude, 3);
        }
    }
}
