using System.Runtime.InteropServices;

namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>
/// Caps glibc's malloc arenas for this process. glibc gives threads their own arenas (up to eight per core) and rarely
/// returns their freed pages; the web silo's thread-pool threads come and go under load, and in the ten-minute soak the
/// arenas grew by 24 MiB with the default and by 6 MiB with two (docs/benchmarks.md). Managed allocations do not use
/// malloc, so two arenas cost the silo nothing measurable. Must run first thing in <c>Main</c>: glibc fixes the limit
/// when the ninth arena would be made, so a later call may come too late. <c>MALLOC_ARENA_MAX</c> in the environment, read
/// by glibc itself at start-up, wins over this.
/// </summary>
internal static partial class MallocArenas
{
    /// <summary>The limit the web silo sets.</summary>
    public const int WebSiloLimit = 2;

    /// <summary>The environment variable through which glibc takes the limit itself.</summary>
    public const string EnvironmentVariable = "MALLOC_ARENA_MAX";

    /// <summary><c>M_ARENA_MAX</c> from <c>malloc.h</c>.</summary>
    private const int ArenaMaxParameter = -8;

    /// <summary>Sets <see cref="WebSiloLimit"/> unless the environment already sets a limit; says what happened, for the start-up log.</summary>
    public static MallocArenasOutcome Limit()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable)))
        {
            return MallocArenasOutcome.SetByEnvironment;
        }

        if (!OperatingSystem.IsLinux())
        {
            return MallocArenasOutcome.NotGlibc;
        }

        try
        {
            // mallopt returns 1 on success; musl's returns 0 and does nothing.
            return MallOpt(ArenaMaxParameter, WebSiloLimit) == 1 ? MallocArenasOutcome.Limited : MallocArenasOutcome.NotGlibc;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return MallocArenasOutcome.NotGlibc;
        }
    }

    /// <summary><c>mallopt(3)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}

/// <summary>What <see cref="MallocArenas.Limit"/> did.</summary>
internal enum MallocArenasOutcome
{
    /// <summary>The limit is set.</summary>
    Limited,

    /// <summary><c>MALLOC_ARENA_MAX</c> is set: glibc took it from there.</summary>
    SetByEnvironment,

    /// <summary>Not glibc (another OS or C library): nothing to set.</summary>
    NotGlibc,
}
