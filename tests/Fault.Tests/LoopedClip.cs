using System.Globalization;
using WhatsTheTab.TestSupport;

namespace WhatsTheTab.Fault.Tests;

/// <summary>A test clip played several times in a row (ffmpeg concatenates the WAV), with its truth notes repeated to match.</summary>
internal static class LoopedClip
{
    public static TestClip Of(TestClip clip, int times)
    {
        if (times <= 1)
        {
            return clip;
        }

        var path = Path.Combine(RepoPaths.EnsureDir(RepoPaths.ClipCacheDir), $"{Path.GetFileNameWithoutExtension(clip.WavPath)}-fault-x{times}.wav");
        if (!File.Exists(path))
        {
            var temporary = $"{path}.{Guid.NewGuid():N}.wav";
            ExternalProcess.Run(
                "ffmpeg",
                ["-nostdin", "-v", "error", "-y", "-stream_loop", (times - 1).ToString(CultureInfo.InvariantCulture), "-i", clip.WavPath, "-c", "copy", temporary],
                TimeSpan.FromMinutes(2));
            File.Move(temporary, path, overwrite: true);
        }

        var length = WavAudio.Read(clip.WavPath).DurationSeconds;
        var truth = Enumerable.Range(0, times)
            .SelectMany(k => clip.Truth.Select(n => n with { Start = n.Start + (k * length), End = n.End + (k * length) }))
            .ToList();
        return clip with { Name = $"{clip.Name} x{times}", Truth = truth, WavPath = path };
    }
}
