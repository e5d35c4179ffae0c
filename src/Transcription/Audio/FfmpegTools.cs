namespace WhatsTheTab.Transcription.Audio;

/// <summary>Where the ffmpeg and ffprobe executables are: a bare name searched on PATH, or a path from WTT_FFMPEG / WTT_FFPROBE.</summary>
/// <param name="FfmpegPath">The ffmpeg executable.</param>
/// <param name="FfprobePath">The ffprobe executable.</param>
internal sealed record FfmpegTools(string FfmpegPath, string FfprobePath)
{
    public const string FfmpegVariable = "WTT_FFMPEG";
    public const string FfprobeVariable = "WTT_FFPROBE";

    /// <summary>Resolves the tools from the process environment (read on every call, so a changed variable applies to the next file).</summary>
    public static FfmpegTools FromEnvironment() => Resolve(Environment.GetEnvironmentVariable);

    /// <summary>Resolves the tools from a variable lookup; ffprobe defaults to the sibling of a configured ffmpeg, since both ship together.</summary>
    public static FfmpegTools Resolve(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var ffmpeg = variable(FfmpegVariable);
        var ffprobe = variable(FfprobeVariable);
        if (string.IsNullOrWhiteSpace(ffmpeg))
        {
            return new FfmpegTools("ffmpeg", string.IsNullOrWhiteSpace(ffprobe) ? "ffprobe" : ffprobe);
        }

        if (string.IsNullOrWhiteSpace(ffprobe))
        {
            var directory = Path.GetDirectoryName(ffmpeg);
            var probeName = "ffprobe" + Path.GetExtension(ffmpeg);
            ffprobe = string.IsNullOrEmpty(directory) ? probeName : Path.Combine(directory, probeName);
        }

        return new FfmpegTools(ffmpeg, ffprobe);
    }
}
