using System.Globalization;

/// <summary>
/// CPU time used by each part of the local deployment between two snapshots, read from Linux's /proc: the web silo,
/// the GPU silos, PostgreSQL (all its backends), redis-server and this client. Processes that exit in between (a
/// PostgreSQL backend closing) take their time with them, so a part's figure is a lower bound.
/// </summary>
internal sealed class ProcessCpu
{
    // The kernel's clock ticks per second for /proc times (USER_HZ), 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    private readonly Dictionary<string, TimeSpan> _start;
    private readonly Func<int, string?> _partOf;

    private ProcessCpu(Func<int, string?> partOf)
    {
        _partOf = partOf;
        _start = Read();
    }

    /// <summary>Starts measuring; <paramref name="partOf"/> names the part a process id belongs to, or null to look at its name.</summary>
    public static ProcessCpu Start(Func<int, string?> partOf) => new(partOf);

    /// <summary>CPU time per part since the start, largest first.</summary>
    public IReadOnlyList<(string Part, TimeSpan Cpu)> Elapsed()
    {
        var now = Read();
        return [.. now.Select(p => (p.Key, p.Value - _start.GetValueOrDefault(p.Key))).OrderByDescending(p => p.Item2)];
    }

    private Dictionary<string, TimeSpan> Read()
    {
        var totals = new Dictionary<string, TimeSpan>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue; // exited between listing and reading
            }

            // "pid (comm) state ppid …": the command name may hold spaces, so split after its closing parenthesis.
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var comm = stat[(open + 1)..close];
            var part = _partOf(pid) ?? comm switch
            {
                "postgres" => "PostgreSQL",
                _ when comm.StartsWith("redis-server", StringComparison.Ordinal) => "redis-server",
                _ => null,
            };
            if (part is null)
            {
                continue;
            }

            var fields = stat[(close + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            totals[part] = totals.GetValueOrDefault(part) + TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }

        return totals;
    }
}
