namespace WhatsTheTab.Transcription.Bench;

/// <summary>This process's peak resident set size (VmHWM in /proc/self/status), in MiB.</summary>
internal static class PeakMemory
{
    public static double MiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmHWM:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }
}
