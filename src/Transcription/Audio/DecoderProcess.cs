using System.ComponentModel;
using System.Diagnostics;

namespace WhatsTheTab.Transcription.Audio;

/// <summary>A running ffmpeg/ffprobe child: arguments passed as a list (no shell), stdin closed, stderr drained, killed on dispose.</summary>
internal sealed class DecoderProcess : IDisposable
{
    private readonly Process _process;

    private DecoderProcess(Process process)
    {
        _process = process;
        Stderr = new StderrTail(process.StandardError);
    }

    /// <summary>The tail of the child's stderr.</summary>
    public StderrTail Stderr { get; }

    /// <summary>The child's raw stdout.</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>The child's process id (for tests that check it was killed).</summary>
    public int Id => _process.Id;

    /// <summary>Exit code; valid once <see cref="WaitForExit"/> returned true.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="executable"/>; a missing executable becomes <see cref="AudioErrorKind.DecoderMissing"/>.</summary>
    public static DecoderProcess Start(string executable, IEnumerable<string> arguments, string displayName, AudioContainer container)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            var tool = Path.GetFileNameWithoutExtension(executable);
            throw new AudioDecodeException(
                AudioErrorKind.DecoderMissing,
                $"'{displayName}' is {container} audio, which is decoded with {tool}, but '{executable}' could not be started ({ex.Message}). "
                + $"Install ffmpeg (it includes ffprobe), e.g. 'apt-get install ffmpeg' on Debian/Ubuntu or 'brew install ffmpeg' on macOS, "
                + $"or set {FfmpegTools.FfmpegVariable} to the ffmpeg executable.",
                ex);
        }

        // Nothing is ever fed to the child; closing stdin means it can never wait on us.
        process.StandardInput.Close();
        return new DecoderProcess(process);
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>Kills the child and its descendants if still running; safe to call at any time, from any thread.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone or disposed: nothing to kill.
        }
        catch (Win32Exception)
        {
            // It exited between the check and the kill.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
