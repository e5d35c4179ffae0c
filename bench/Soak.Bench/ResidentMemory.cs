using System.Globalization;

/// <summary>
/// A process's resident memory split by what holds it, read from <c>/proc/PID/smaps</c>: glibc malloc arenas (the
/// <c>[heap]</c> and each 64 MiB-aligned arena heap: a read-write part followed by its reserved remainder, 64 MiB in
/// all), JIT-compiled code (the runtime maps it twice from <c>memfd:doublemapper</c>, so it counts twice), mapped files
/// (assemblies, native libraries), and the rest of anonymous memory (the GC heap, thread stacks, large malloc blocks).
/// </summary>
internal sealed record ResidentMemory(double Arenas, double Code, double Files, double OtherAnonymous)
{
    private const ulong ArenaSize = 64UL << 20;

    public double Total => Arenas + Code + Files + OtherAnonymous;

    public static ResidentMemory? Of(int? pid)
    {
        if (pid is null)
        {
            return null;
        }

        List<Mapping> maps;
        try
        {
            maps = Read(File.ReadLines($"/proc/{pid}/smaps"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process is gone (killed between two samples)
        }

        if (maps.Count == 0)
        {
            return null;
        }

        double arenas = 0, code = 0, files = 0, other = 0;
        for (var i = 0; i < maps.Count; i++)
        {
            var map = maps[i];
            if (map.Name == "[heap]" || IsArenaHeap(maps, i))
            {
                arenas += map.RssKiB;
            }
            else if (map.Name.StartsWith("/memfd:doublemapper", StringComparison.Ordinal))
            {
                code += map.RssKiB;
            }
            else if (map.Name.StartsWith('/'))
            {
                files += map.RssKiB;
            }
            else
            {
                other += map.RssKiB;
            }
        }

        return new ResidentMemory(arenas / 1024, code / 1024, files / 1024, other / 1024);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Total:F0} MiB (malloc arenas {Arenas:F0}, JIT code {Code:F0}, files {Files:F0}, GC heap and other anonymous {OtherAnonymous:F0})");

    // An arena heap starts 64 MiB-aligned and, with the reserved (no-access) rest that follows it, spans exactly 64 MiB;
    // a GC region that happens to start on such an address is followed by the GC's far larger reservation instead.
    private static bool IsArenaHeap(List<Mapping> maps, int i)
    {
        var map = maps[i];
        if (map.Name.Length != 0 || map.Permissions != "rw-p" || map.Start % ArenaSize != 0)
        {
            return false;
        }

        var end = map.End;
        if (i + 1 < maps.Count && maps[i + 1] is { Name.Length: 0, Permissions: "---p" } rest && rest.Start == end)
        {
            end = rest.End;
        }

        return end - map.Start == ArenaSize;
    }

    private static List<Mapping> Read(IEnumerable<string> lines)
    {
        var maps = new List<Mapping>();
        foreach (var line in lines)
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && fields[0].Contains('-', StringComparison.Ordinal) && !fields[0].EndsWith(':'))
            {
                var range = fields[0].Split('-');
                maps.Add(new Mapping(
                    ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    fields[1],
                    fields.Length > 5 ? fields[5].Trim() : string.Empty,
                    0));
            }
            else if (fields is ["Rss:", var kib, ..] && maps.Count > 0)
            {
                maps[^1] = maps[^1] with { RssKiB = long.Parse(kib, CultureInfo.InvariantCulture) };
            }
        }

        return maps;
    }

    private sealed record Mapping(ulong Start, ulong End, string Permissions, string Name, long RssKiB);
}
