using System.Globalization;
using WhatsTheTab.TestSupport;

namespace WhatsTheTab.EndToEnd.Tests;

/// <summary>Real recordings with known notes for the cluster: the rendered test clips, some re-encoded by ffmpeg.</summary>
internal static class TestAudio
{
    /// <summary>Six files: the four clips as WAV, the scale as MP3 and the chords as FLAC.</summary>
    public static IReadOnlyList<(string Path, TestClip Clip)> SixFiles()
    {
        var clips = TestClips.All;
        var files = clips.Select(c => (c.WavPath, c)).ToList();
        files.Add((Encoded(clips.Single(c => c.Name == "c-major-scale"), "mp3"), clips.Single(c => c.Name == "c-major-scale")));
        files.Add((Encoded(clips.Single(c => c.Name == "block-chords"), "flac"), clips.Single(c => c.Name == "block-chords")));
        return files;
    }

    /// <summary>A clip repeated <paramref name="times"/> times (a longer job, for watching its progress).</summary>
    public static string Looped(TestClip clip, int times)
    {
        var path = Path.Combine(RepoPaths.EnsureDir(RepoPaths.ClipCacheDir), $"{Path.GetFileNameWithoutExtension(clip.WavPath)}-x{times}.wav");
        if (!File.Exists(path))
        {
            Ffmpeg(path, "-stream_loop", (times - 1).ToString(CultureInfo.InvariantCulture), "-i", clip.WavPath, "-c", "copy");
        }

        return path;
    }

    private static string Encoded(TestClip clip, string extension)
    {
        var path = Path.ChangeExtension(clip.WavPath, extension);
        if (!File.Exists(path))
        {
            Ffmpeg(path, "-i", clip.WavPath);
        }

        return path;
    }

    private static void Ffmpeg(string output, params string[] arguments)
    {
        var temporary = $"{output}.{Guid.NewGuid():N}{Path.GetExtension(output)}";
        ExternalProcess.Run("ffmpeg", ["-nostdin", "-v", "error", "-y", .. arguments, temporary], TimeSpan.FromMinutes(2));
        File.Move(temporary, output, overwrite: true);
    }
}
