using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace WhatsTheTab.TestSupport.Services;

/// <summary>
/// A built silo (<c>dotnet X.dll</c>: the web silo or a GPU silo) as a child process, configured only through
/// environment variables like a deployment. <see cref="Kill"/> crashes it (SIGKILL), <see cref="StopAsync"/> sends
/// SIGTERM and waits, <see cref="Restart"/> starts it again with the same settings. Its output is kept for diagnostics.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Dictionary<string, string> _environment;
    private Process? _process;
    private bool _disposed;

    private SiloProcess(string name, string dllPath, Dictionary<string, string> environment, IReadOnlyList<string> arguments)
    {
        Name = name;
        DllPath = dllPath;
        _environment = environment;
        Arguments = arguments;

        // A test run that ends abruptly must not leave silos behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    public string Name { get; }

    public string DllPath { get; }

    public IReadOnlyList<string> Arguments { get; }

    public IReadOnlyDictionary<string, string> Environment => _environment;

    public bool IsRunning => _process is { HasExited: false };

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>
    /// Starts <paramref name="dllPath"/> with <paramref name="settings"/> over production defaults (workstation GC, Orleans
    /// and ASP.NET Core logs at Warning) so nothing from the machine's environment leaks in.
    /// </summary>
    public static SiloProcess Start(string name, string dllPath, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["DOTNET_gcServer"] = "0",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Orleans"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var silo = new SiloProcess(name, dllPath, environment, arguments);
        silo.Launch();
        return silo;
    }

    /// <summary>Waits until <paramref name="isReady"/> says yes; fails with the silo's output if it exits or never gets ready.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> isReady, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(isReady);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process?.ExitCode} before {what}.{System.Environment.NewLine}{Output()}");
            }

            try
            {
                if (await isReady())
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
                throw new TimeoutException($"{Name}: not {what} within {timeout.TotalSeconds:F0} s.{System.Environment.NewLine}{Output()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Waits until <paramref name="baseAddress"/> + <paramref name="path"/> answers 2xx.</summary>
    public async Task WaitUntilHttpReadyAsync(Uri baseAddress, string path, TimeSpan? timeout = null)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await WaitUntilAsync(
            async () =>
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                return response.IsSuccessStatusCode;
            },
            timeout ?? TimeSpan.FromMinutes(2),
            $"ready at {path}");
    }

    /// <summary>Waits for the process to exit by itself (a command such as <c>migrate</c>); returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process!.WaitForExitAsync(cancellation.Token);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, like a crash.</summary>
    public void Kill()
    {
        if (!_disposed && _process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, then waits for the exit (killing it after <paramref name="grace"/>); returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? grace = null)
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

            using var timeout = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(60));
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
        await StopAsync(TimeSpan.FromSeconds(20));
        _disposed = true;
        _process?.Dispose();
    }

    private void Launch()
    {
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException($"{Name} is not built: {DllPath}. Build the test project (it builds the silo first).");
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
