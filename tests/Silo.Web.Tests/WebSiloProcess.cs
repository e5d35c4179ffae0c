using System.Globalization;
using System.Reflection;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Silo.Web.Tests;

/// <summary>
/// The built web silo (<c>dotnet WhatsTheTab.Silo.Web.dll</c>) as a child process, configured only through environment
/// variables like a deployment, on free ports: a <see cref="SiloProcess"/> with the web silo's defaults and readiness.
/// </summary>
public sealed class WebSiloProcess : IAsyncDisposable
{
    private readonly SiloProcess _process;

    private WebSiloProcess(SiloProcess process) => _process = process;

    /// <summary>The built silo assembly (its project is built before these tests).</summary>
    public static string DllPath { get; } = typeof(WebSiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SiloWebDll").Value!;

    public IReadOnlyDictionary<string, string> Environment => _process.Environment;

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseAddress => new(_process.Environment["ASPNETCORE_URLS"]);

    public int? ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts the silo with <paramref name="settings"/> on top of the defaults every test silo gets: free HTTP, silo and
    /// gateway ports, and empty Redis/PostgreSQL/token settings (so nothing leaks in from the machine).
    /// </summary>
    public static WebSiloProcess Start(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)}",
            ["Orleans__SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Redis__ConnectionString"] = string.Empty,
            ["ConnectionStrings__Postgres"] = string.Empty,
            ["Worker__Token"] = string.Empty,
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return new WebSiloProcess(SiloProcess.Start("web silo", DllPath, environment, arguments));
    }

    /// <summary>Runs the silo's assembly with <paramref name="arguments"/> (e.g. <c>migrate</c>) to completion.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var silo = Start(settings, arguments);
        await using (silo)
        {
            var exitCode = await silo._process.WaitForExitAsync(TimeSpan.FromMinutes(2));
            return (exitCode, silo.Output());
        }
    }

    /// <summary>Waits until <c>/readyz</c> answers 200; fails with the silo's output if it exits or never gets ready.</summary>
    public Task WaitUntilReadyAsync(TimeSpan? timeout = null) => _process.WaitUntilHttpReadyAsync(BaseAddress, "/readyz", timeout);

    /// <summary>SIGKILL, like a crash.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM, then waits for the exit; returns the exit code.</summary>
    public Task<int> StopAsync() => _process.StopAsync();

    /// <summary>Starts the process again with the same settings.</summary>
    public void Restart() => _process.Restart();

    /// <summary>What the silo printed so far.</summary>
    public string Output() => _process.Output();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
