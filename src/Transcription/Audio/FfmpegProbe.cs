using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WhatsTheTab.Transcription.Audio;

/// <summary>Asks ffprobe for the first audio stream's rate, channels, codec and duration.</summary>
internal static partial class FfmpegProbe
{
    private const int MaxOutputChars = 1024 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static AudioInfo Run(FfmpegTools tools, string fullPath, string displayName, AudioContainer container, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "-v", "error",
            "-hide_banner",
            "-select_streams", "a:0",
            "-show_entries", "stream=codec_name,sample_rate,channels,bits_per_sample,bits_per_raw_sample,duration:format=duration",
            "-of", "json",

            // The file: protocol prefix stops a name like "x:y.mp3" or "-i.mp3" being read as a protocol or an option.
            "file:" + fullPath,
        ];

        using var process = DecoderProcess.Start(tools.FfprobePath, arguments, displayName, container);
        using var registration = cancellationToken.Register(process.Kill);
        var reader = new StreamReader(process.Output, Encoding.UTF8);
        var read = Task.Run(() => ReadBounded(reader), CancellationToken.None);
        bool finished;
        try
        {
            finished = read.Wait((int)Timeout.TotalMilliseconds, cancellationToken) && process.WaitForExit(Timeout);
        }
        catch (AggregateException ex)
        {
            throw new AudioDecodeException(AudioErrorKind.DecoderFailed, $"ffprobe's output for '{displayName}' could not be read.", ex.InnerException ?? ex);
        }

        if (!finished)
        {
            process.Kill();
            throw new AudioDecodeException(AudioErrorKind.DecoderFailed, $"ffprobe did not finish reading '{displayName}' within {Timeout.TotalSeconds:0} seconds.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
        {
            throw new AudioDecodeException(AudioErrorKind.DecoderFailed, $"'{displayName}' looks like {container} audio but could not be read: {Reason(process, fullPath, displayName)}");
        }

        try
        {
            using var json = JsonDocument.Parse(read.Result);
            var root = json.RootElement;
            if (!root.TryGetProperty("streams", out var streams) || streams.ValueKind != JsonValueKind.Array || streams.GetArrayLength() == 0)
            {
                throw new AudioDecodeException(AudioErrorKind.NoAudio, $"'{displayName}' contains no audio stream.");
            }

            var stream = streams[0];
            var bits = Integer(stream, "bits_per_sample") ?? 0;
            if (bits <= 0)
            {
                bits = Integer(stream, "bits_per_raw_sample") ?? 0;
            }

            var duration = Real(stream, "duration")
                ?? (root.TryGetProperty("format", out var format) ? Real(format, "duration") : null);
            return new AudioInfo(
                container,
                Integer(stream, "sample_rate") ?? 0,
                Integer(stream, "channels") ?? 0,
                bits,
                duration,
                stream.TryGetProperty("codec_name", out var codec) && codec.ValueKind == JsonValueKind.String ? codec.GetString() ?? "unknown" : "unknown");
        }
        catch (JsonException ex)
        {
            throw new AudioDecodeException(AudioErrorKind.DecoderFailed, $"ffprobe gave an unreadable answer for '{displayName}'.", ex);
        }
    }

    /// <summary>Turns a failed run's stderr into a one-line reason that names the file, not its (server) path.</summary>
    internal static string Reason(DecoderProcess process, string fullPath, string displayName)
    {
        var text = process.Stderr.Text(TimeSpan.FromSeconds(5));
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"exit code {process.ExitCode}";
        }

        text = text.Replace("file:" + fullPath, displayName, StringComparison.Ordinal).Replace(fullPath, displayName, StringComparison.Ordinal);

        // "[mp3 @ 0x55d1c0] Failed to read frame size" → "mp3: Failed to read frame size": the address means nothing to a user.
        text = ContextPrefix().Replace(text, "$1: ");
        return text.Length > 1000 ? string.Concat(text.AsSpan(0, 1000), "…") : text;
    }

    [GeneratedRegex(@"\[([^\]\s@]+) @ 0x[0-9a-fA-F]+\]\s*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ContextPrefix();

    private static string ReadBounded(StreamReader reader)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int got;
        while ((got = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            // Past the cap keep draining, so the child never blocks on a full pipe.
            if (text.Length < MaxOutputChars)
            {
                text.Append(buffer, 0, got);
            }
        }

        return text.ToString();
    }

    private static int? Integer(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
    }

    private static double? Real(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        var parsed = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            _ => double.NaN,
        };
        return double.IsFinite(parsed) && parsed >= 0 ? parsed : null;
    }
}
