using System.Globalization;
using System.Text;

namespace WhatsTheTab.TestSupport.Services;

/// <summary>
/// A throwaway PostgreSQL 15 cluster: <c>initdb</c> into a temporary folder, <c>pg_ctl start</c> on a free loopback port
/// (TCP on 127.0.0.1 plus a Unix socket in its own folder), trust authentication for user <c>postgres</c>. When the
/// test process runs as root the server runs as the <c>postgres</c> user (<c>runuser</c>), since PostgreSQL refuses
/// root. <see cref="Kill"/> stops it like a crash (<c>-m immediate</c>) and <see cref="Restart"/> brings it back on
/// the same folder and port; <see cref="Dispose"/> stops it and deletes the folder (so does process exit). A start also
/// stops and removes clusters left by test processes that died without cleaning up. Fails with an install hint when
/// the binaries are missing.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>Where Debian's <c>postgresql-15</c> package puts the server binaries.</summary>
    public const string DefaultBinDirectory = "/usr/lib/postgresql/15/bin";

    /// <summary>The superuser every connection uses (trust authentication, no password).</summary>
    public const string User = "postgres";

    /// <summary>Names the test process that owns a cluster folder, so a later run can clean up after one that died.</summary>
    private const string OwnerFileName = "owner.pid";

    private readonly PostgresServerOptions _options;
    private readonly bool _runAsPostgres;
    private readonly Lock _gate = new();
    private bool _running;
    private bool _disposed;

    private PostgresServer(PostgresServerOptions options)
    {
        _options = options;
        _runAsPostgres = Environment.IsPrivilegedProcess;
        Port = options.Port > 0 ? options.Port : FreeTcpPort.Next();
        RootDirectory = Directory.CreateTempSubdirectory("whatsthetab-pg-").FullName;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>The temporary folder holding the cluster (<c>data/</c>), its socket folder and its log.</summary>
    public string RootDirectory { get; }

    /// <summary>The cluster's data folder.</summary>
    public string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>The folder of the server's Unix socket.</summary>
    public string SocketDirectory => Path.Combine(RootDirectory, "socket");

    /// <summary>The server log (<c>pg_ctl -l</c>).</summary>
    public string LogFile => Path.Combine(RootDirectory, "server.log");

    /// <summary>True between a start and the next <see cref="Kill"/> or <see cref="Dispose"/>.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Whether the PostgreSQL binaries are installed in <paramref name="binDirectory"/>.</summary>
    public static bool IsInstalled(string binDirectory = DefaultBinDirectory) =>
        File.Exists(Path.Combine(binDirectory, "initdb")) && File.Exists(Path.Combine(binDirectory, "pg_ctl"));

    /// <summary>Creates a cluster, starts it and waits until it accepts connections.</summary>
    public static PostgresServer Start(PostgresServerOptions? options = null)
    {
        options ??= new PostgresServerOptions();
        if (!IsInstalled(options.BinDirectory))
        {
            throw new InvalidOperationException(
                $"PostgreSQL server binaries are not in {options.BinDirectory}: install them with 'apt-get install -y postgresql-15'.");
        }

        var server = new PostgresServer(options);
        try
        {
            server.RemoveAbandonedClusters();
            server.Initialize();
            server.Launch();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>An Npgsql connection string for <paramref name="database"/> over TCP on 127.0.0.1.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={User};Database={database}";

    /// <summary>Creates a new empty database (named <paramref name="name"/>, or a unique <c>test_…</c> name) and returns its name.</summary>
    public string CreateDatabase(string? name = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        name ??= "test_" + Guid.NewGuid().ToString("N");
        Client("createdb", ["-h", "127.0.0.1", "-p", PortText, "-U", User, name]);
        return name;
    }

    /// <summary>Stops the server at once (<c>pg_ctl stop -m immediate</c>: no shutdown checkpoint, recovery on next start), like a crash.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            if (!_running)
            {
                return;
            }

            _running = false;
            try
            {
                Server("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", TimeoutSeconds, "stop"]);
            }
            catch (InvalidOperationException) when (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                // it was already gone
            }
        }
    }

    /// <summary>Stops the server if it runs and starts it again on the same folder and port.</summary>
    public void Restart()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Kill();
        Launch();
    }

    /// <summary>What the server logged so far.</summary>
    public string Log()
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty;
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
        try
        {
            Kill();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // deleting the folder below still stops a server that lost its data directory
        }

        TryDeleteFolder(RootDirectory);
    }

    private string PortText => Port.ToString(CultureInfo.InvariantCulture);

    private string TimeoutSeconds => ((int)_options.Timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private void Initialize()
    {
        File.WriteAllText(Path.Combine(RootDirectory, OwnerFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(SocketDirectory);
        if (_runAsPostgres)
        {
            ExternalProcess.Run("chown", ["-R", $"{User}:{User}", RootDirectory], _options.Timeout, RootDirectory);
        }

        Server("initdb", ["-D", DataDirectory, "-U", User, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
    }

    private void Launch()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            if (_running)
            {
                return;
            }

            var settings = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"-p {Port} -k {SocketDirectory} -c listen_addresses=127.0.0.1");
            if (_options.Fast)
            {
                settings.Append(" -c fsync=off -c full_page_writes=off");
            }

            foreach (var setting in _options.Settings)
            {
                settings.Append(" -c ").Append(setting);
            }

            try
            {
                Server("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-o", settings.ToString(), "-w", "-t", TimeoutSeconds, "start"]);
            }
            catch (InvalidOperationException ex)
            {
                throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}server log:{Environment.NewLine}{Log()}", ex);
            }

            _running = true;
        }

        WaitUntilReady();
    }

    private void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow + _options.Timeout;
        while (true)
        {
            try
            {
                Client("pg_isready", ["-h", "127.0.0.1", "-p", PortText, "-U", User, "-d", "postgres", "-q"]);
                return;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>Runs a server-side tool (initdb, pg_ctl) as the postgres user when this process is root.</summary>
    private void Server(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_options.BinDirectory, tool);
        if (_runAsPostgres)
        {
            ExternalProcess.Run("runuser", ["-u", User, "--", path, .. arguments], _options.Timeout, RootDirectory);
        }
        else
        {
            ExternalProcess.Run(path, arguments, _options.Timeout, RootDirectory);
        }
    }

    /// <summary>Runs a client tool (createdb, pg_isready) as this process's user; it connects over TCP.</summary>
    private void Client(string tool, IReadOnlyList<string> arguments) =>
        ExternalProcess.Run(Path.Combine(_options.BinDirectory, tool), arguments, _options.Timeout, RootDirectory);

    /// <summary>
    /// The test host is killed soon after its exit handlers start, too soon for <c>pg_ctl stop</c> and a recursive delete.
    /// So this hands both to a detached shell that outlives the test host: SIGQUIT to the postmaster (immediate
    /// shutdown), wait for it to exit, then remove the folder.
    /// </summary>
    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        string pid;
        try
        {
            pid = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First().Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            pid = string.Empty;
        }

        const string Script = """
            if [ -n "$1" ]; then
              kill -QUIT "$1" 2>/dev/null
              for _ in $(seq 1 200); do kill -0 "$1" 2>/dev/null || break; sleep 0.05; done
            fi
            rm -rf "$2"
            """;
        try
        {
            using var cleanup = System.Diagnostics.Process.Start("sh", ["-c", Script, "sh", pid, RootDirectory]);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            TryDeleteFolder(RootDirectory);
        }
    }

    /// <summary>
    /// Cleans up after test processes that died without their exit handler (killed, or timed out): a folder whose
    /// owner process is gone has its server stopped and is deleted; a folder with no owner record and no running
    /// server is deleted once untouched for ten minutes.
    /// </summary>
    private void RemoveAbandonedClusters()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), "whatsthetab-pg-*"))
        {
            if (folder == RootDirectory)
            {
                continue;
            }

            var ownerFile = Path.Combine(folder, OwnerFileName);
            var data = Path.Combine(folder, "data");
            if (File.Exists(ownerFile))
            {
                if (!int.TryParse(File.ReadAllText(ownerFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var owner)
                    || Directory.Exists($"/proc/{owner}"))
                {
                    continue;
                }

                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                {
                    try
                    {
                        Server("pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", TimeoutSeconds, "stop"]);
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
                    {
                        continue;
                    }
                }

                TryDeleteFolder(folder);
                continue;
            }

            var log = Path.Combine(folder, "server.log");
            var touched = File.Exists(log) ? File.GetLastWriteTimeUtc(log) : Directory.GetLastWriteTimeUtc(folder);
            if (touched < DateTime.UtcNow - TimeSpan.FromMinutes(10) && !File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                TryDeleteFolder(folder);
            }
        }
    }

    private static void TryDeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // a temp folder left behind is harmless
        }
    }
}
