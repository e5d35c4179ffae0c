using System.Diagnostics;

namespace WhatsTheTab.Transcription.Tests.Audio;

/// <summary>Makes compressed fixtures with the real ffmpeg; the tests require it (CI installs it), so a missing ffmpeg fails loudly.</summary>
internal static class FfmpegEncoder
{
    /// <summary>Runs <c>ffmpeg -i input [options] output</c> and returns <paramref name="output"/>.</summary>
    public static string Encode(string input, string output, params string[] options) =>
        Run(["-i", input, .. options], output);

    /// <summary>Runs ffmpeg with the given arguments (after -y -v error) and returns <paramref name="output"/>.</summary>
    public static string Run(string[] arguments, string output)
    {
        var startInfo = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-nostdin", "-y", "-v", "error", .. arguments, output])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new InvalidOperationException("ffmpeg timed out making a fixture.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed making {Path.GetFileName(output)}: {stderr.Result}");
        }

        return output;
    }
}
