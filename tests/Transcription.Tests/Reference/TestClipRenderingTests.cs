using WhatsTheTab.TestSupport;
using Xunit.Abstractions;

namespace WhatsTheTab.Transcription.Tests.Reference;

public sealed class TestClipRenderingTests(ITestOutputHelper output)
{
    public static TheoryData<string> ClipNames => new(TestClips.Names);

    [Theory]
    [MemberData(nameof(ClipNames))]
    public void Clip_RendersAt22050Hz_StartingAtTimeZero(string name)
    {
        var clip = TestClips.Ensure(name);
        Assert.True(File.Exists(clip.MidiPath), clip.MidiPath);
        Assert.True(File.Exists(clip.WavPath), clip.WavPath);
        Assert.InRange(clip.TruthEndSeconds, 8.0, 15.0);

        var midi = new NAudio.Midi.MidiFile(clip.MidiPath, strictChecking: true);
        var midiNotes = midi.Events.SelectMany(t => t).OfType<NAudio.Midi.NoteOnEvent>().Count(e => e.Velocity > 0);
        Assert.Equal(clip.Truth.Count, midiNotes);

        var audio = WavAudio.Read(clip.WavPath);
        Assert.Equal(TestClips.SampleRate, audio.SampleRate);
        Assert.InRange(audio.Peak(), 0.05, 1.0);

        // fluidsynth -ni renders from t = 0: the first sound is where the first note starts.
        var firstNote = clip.Truth.Min(n => n.Start);
        var firstSound = audio.FirstSoundSeconds(0.01);
        Assert.NotNull(firstSound);
        var lastSound = audio.LastSoundSeconds(0.001);
        output.WriteLine(FormattableString.Invariant(
            $"{name}: {clip.Truth.Count} notes, first note {firstNote:F3} s, first sound {firstSound:F4} s (offset {(firstSound - firstNote) * 1000:F1} ms); truth ends {clip.TruthEndSeconds:F2} s, WAV {audio.DurationSeconds:F2} s, last sound above -60 dB {lastSound:F2} s"));
        Assert.InRange(firstSound!.Value - firstNote, -0.001, 0.02);

        // The synthesizer keeps rendering the release tail after the last note-off.
        Assert.True(audio.DurationSeconds >= clip.TruthEndSeconds, "WAV shorter than the piece");
        Assert.True(audio.DurationSeconds <= clip.TruthEndSeconds + 5, "WAV much longer than the piece");
    }

    [Fact]
    public void Ensure_IsCachedAndStable()
    {
        var name = TestClips.Names[0];
        var first = TestClips.Ensure(name);
        var written = File.GetLastWriteTimeUtc(first.WavPath);
        var second = TestClips.Ensure(name);
        Assert.Equal(first.WavPath, second.WavPath);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second.WavPath));
        Assert.StartsWith(RepoPaths.ClipCacheDir, first.WavPath, StringComparison.Ordinal);
    }
}
