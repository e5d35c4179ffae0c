using System.Diagnostics;
using System.Text;

namespace WhatsTheTab.TestSupport.Services;

/// <summary>
/// A real <c>redis-server</c> child process on a free loopback port, in its own data folder, with no persistence unless
/// asked for (<see cref="RedisServerOptions.AppendOnly"/>). <see cref="Kill"/> crashes it and <see cref="Restart"/>
/// brings it back on the same port and folder; <see cref="Dispose"/> kills it and deletes a temporary folder. Fails with an install hint
/// when <c>redis-server</c> is not installed.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly RedisServerOptions _options;
    private readonly bool _ownsDirectory;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private Process? _process;
    private bool _disposed;

    private RedisServer(RedisServerOptions options, string executable)
    {
        _options = options;
        Executable = executable;
        Port = options.Port > 0 ? options.Port : FreeTcpPort.Next();
        _ownsDirectory = options.DataDirectory is null;
        DataDirectory = options.DataDirectory ?? Directory.CreateTempSubdirectory("whatsthetab-redis-").FullName;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The <c>redis-server</c> binary in use.</summary>
    public string Executable { get; }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>, usable as a StackExchange.Redis configuration string.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>The folder holding its files (AOF, dumps).</summary>
    public string DataDirectory { get; }

    /// <summary>True while the child process runs.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false };
            }
        }
    }

    /// <summary>Where <c>redis-server</c> is on PATH (or the usual folders); null when it is not installed.</summary>
    public static string? FindExecutable()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/local/bin", "/usr/sbin"]);
        return folders.Select(f => Path.Combine(f, "redis-server")).FirstOrDefault(File.Exists);
    }

    /// <summary>Starts a server and waits until it answers PING.</summary>
    public static RedisServer Start(RedisServerOptions? options = null)
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(
            "redis-server is not installed (looked on PATH, /usr/bin, /usr/local/bin): install it with 'apt-get install -y redis-server'.");
        var server = new RedisServer(options ?? new RedisServerOptions(), executable);
        try
        {
            server.Launch();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Kills the process if it runs and starts it again (same port, same folder: with AOF on, the data comes back).</summary>
    public void Restart()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Kill();
        Launch();
    }

    private void Launch()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            if (_process is { HasExited: false })
            {
                return;
            }

            _process?.Dispose();
            var info = new ProcessStartInfo(Executable)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = DataDirectory,
            };
            foreach (var argument in Arguments())
            {
                info.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
        }

        RespProbe.WaitUntilReady(Port, _options.StartTimeout, () => $"redis-server output:{Environment.NewLine}{Output()}", () => !IsRunning);
    }

    /// <summary>Kills the process at once (SIGKILL), like a crash; <see cref="Restart"/> brings it back.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            if (_process is null)
            {
                return;
            }

            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }

                _process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }
    }

    /// <summary>What the server printed so far (its log goes to stdout).</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Kill();
        lock (_gate)
        {
            _process?.Dispose();
            _process = null;
        }

        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // a temp folder left behind is harmless
            }
        }
    }

    private List<string> Arguments()
    {
        var arguments = new List<string>
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", DataDirectory,
            "--daemonize", "no",
            "--save", string.Empty,
            "--logfile", string.Empty,
        };
        arguments.AddRange(_options.AppendOnly
            ? ["--appendonly", "yes", "--appendfsync", "everysec"]
            : ["--appendonly", "no"]);
        arguments.AddRange(_options.ExtraArguments);
        return arguments;
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

    private void OnProcessExit(object? sender, EventArgs e) => Kill();
}
