using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Silo.Web.Tests;

/// <summary>
/// The built web silo (<c>dotnet WhatsTheTab.Silo.Web.dll</c>) as a child process, configured only through environment
/// variables like a deployment, on free ports. <see cref="Kill"/> crashes it (SIGKILL); <see cref="StopAsync"/> sends
/// SIGTERM and waits; <see cref="Restart"/> starts it again with the same settings.
/// </summary>
public sealed class WebSiloProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Dictionary<string, string> _environment;
    private Process? _process;

    private WebSiloProcess(Dictionary<string, string> environment, IReadOnlyList<string> arguments)
    {
        _environment = environment;
        Arguments = arguments;

        // a test run that ends abruptly must not leave silos behind
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    /// <summary>The built silo assembly (its project is built before these tests).</summary>
    public static string DllPath { get; } = typeof(WebSiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SiloWebDll").Value!;

    public IReadOnlyList<string> Arguments { get; }

    public IReadOnlyDictionary<string, string> Environment => _environment;

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseAddress => new(_environment["ASPNETCORE_URLS"]);

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>
    /// Starts the silo with <paramref name="settings"/> on top of the defaults every test silo gets: free HTTP, silo and
    /// gateway ports, production environment, and empty Redis/PostgreSQL settings (so nothing leaks in from the machine).
    /// </summary>
    public static WebSiloProcess Start(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)}",
            ["Orleans__SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Redis__ConnectionString"] = string.Empty,
            ["ConnectionStrings__Postgres"] = string.Empty,
            ["Worker__Token"] = string.Empty,
            ["DOTNET_gcServer"] = "0",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Orleans"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var silo = new WebSiloProcess(environment, arguments);
        silo.Launch();
        return silo;
    }

    /// <summary>Runs the silo's assembly with <paramref name="arguments"/> (e.g. <c>migrate</c>) to completion.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var silo = Start(settings, arguments);
        await using (silo)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await silo._process!.WaitForExitAsync(timeout.Token);
            silo._process.WaitForExit(); // flushes the redirected output
            return (silo._process.ExitCode, silo.Output());
        }
    }

    /// <summary>Waits until <c>/readyz</c> answers 200; fails with the silo's output if it exits or never gets ready.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"The web silo exited with code {_process?.ExitCode} before it was ready.{System.Environment.NewLine}{Output()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The web silo was not ready within the start-up allowance.{System.Environment.NewLine}{Output()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>SIGKILL, like a crash.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, then waits for the exit (killing it if it does not stop); returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (_process is null)
        {
            return -1;
        }

        if (!_process.HasExited)
        {
            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                await kill!.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Starts the process again with the same settings (after <see cref="Kill"/> or <see cref="StopAsync"/>).</summary>
    public void Restart()
    {
        Kill();
        _process?.Dispose();
        Launch();
    }

    /// <summary>What the silo printed so far.</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private void Launch()
    {
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException($"The web silo is not built: {DllPath}. Build tests/Silo.Web.Tests (it builds src/Silo.Web).");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(DllPath)!,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var argument in Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
