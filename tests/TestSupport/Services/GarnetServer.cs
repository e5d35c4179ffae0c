using System.Globalization;

namespace WhatsTheTab.TestSupport.Services;

/// <summary>
/// An in-process Garnet server (<c>Microsoft.Garnet</c>) with Lua enabled, scripts run atomically
/// (<c>--lua-transaction-mode</c>), on a free loopback port: the embedded
/// stand-in for Redis, tested with the same code. <see cref="Restart"/> disposes and recreates it on the same port (and,
/// when <see cref="GarnetServerOptions.Durable"/>, recovers its data).
/// </summary>
public sealed class GarnetServer : IDisposable
{
    private readonly GarnetServerOptions _options;
    private readonly bool _ownsDirectory;
    private readonly Lock _gate = new();
    private Garnet.GarnetServer? _server;
    private bool _disposed;

    private GarnetServer(GarnetServerOptions options)
    {
        _options = options;
        Port = options.Port > 0 ? options.Port : FreeTcpPort.Next();
        _ownsDirectory = options.DataDirectory is null;
        DataDirectory = options.DataDirectory ?? Directory.CreateTempSubdirectory("whatsthetab-garnet-").FullName;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>, usable as a StackExchange.Redis configuration string.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>The folder for checkpoints and the AOF (used when durable).</summary>
    public string DataDirectory { get; }

    /// <summary>The command-line arguments the server was started with.</summary>
    public IReadOnlyList<string> Arguments => BuildArguments();

    /// <summary>Starts a server and waits until it answers PING.</summary>
    public static GarnetServer Start(GarnetServerOptions? options = null)
    {
        var server = new GarnetServer(options ?? new GarnetServerOptions());
        try
        {
            server.StartServer();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Stops the server and starts a new one on the same port and folder.</summary>
    public void Restart()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        StopServer();
        StartServer();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        StopServer();
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

    private void StartServer()
    {
        lock (_gate)
        {
            var server = new Garnet.GarnetServer([.. BuildArguments()]);
            try
            {
                server.Start();
            }
            catch
            {
                server.Dispose();
                throw;
            }

            _server = server;
        }

        RespProbe.WaitUntilReady(Port, _options.StartTimeout, () => $"Garnet arguments: {string.Join(' ', BuildArguments())}");
    }

    private void StopServer()
    {
        lock (_gate)
        {
            _server?.Dispose();
            _server = null;
        }
    }

    private List<string> BuildArguments()
    {
        var arguments = new List<string>
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--lua",
            // Without it Garnet runs a script's commands one by one, interleaved with other clients' scripts: the queue's
            // Lua transitions are only atomic with it (it locks the script's KEYS for the run).
            "--lua-transaction-mode",
            "--index", "16m",
            "-q",
        };
        if (_options.Durable)
        {
            // Debian 12 lacks libaio: the default device type makes checkpoints and the AOF fail.
            arguments.AddRange(["--device-type", "RandomAccess", "--checkpointdir", DataDirectory, "--logdir", DataDirectory, "--aof", "--recover"]);
        }

        arguments.AddRange(_options.ExtraArguments);
        return arguments;
    }
}
