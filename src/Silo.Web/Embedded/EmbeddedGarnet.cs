using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WhatsTheTab.Silo.Web.Embedded;

/// <summary>
/// The in-process Garnet server that stands in for Redis when none is configured: loopback only, Lua with atomic
/// scripts (the task queue's transitions and Orleans' Redis storage need both), and durable: an append-only log committed
/// per write plus checkpoints under <c>{data}/garnet</c>, recovered at start, so jobs survive a restart or a crash.
/// </summary>
public sealed partial class EmbeddedGarnet : IAsyncDisposable
{
    private readonly Garnet.GarnetServer _server;
    private readonly ILogger _logger;

    private EmbeddedGarnet(Garnet.GarnetServer server, int port, string directory, IReadOnlyList<string> arguments, ILogger logger)
    {
        _server = server;
        _logger = logger;
        Port = port;
        Directory = directory;
        Arguments = arguments;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Where its checkpoints and log live.</summary>
    public string Directory { get; }

    /// <summary>The command-line arguments it was started with.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>
    /// Starts Garnet on 127.0.0.1:<paramref name="port"/> with its files in <c>{dataDirectory}/garnet</c>, logging through
    /// <paramref name="loggerFactory"/> (give it one that passes warnings only: Garnet's information is pages of settings).
    /// </summary>
    /// <exception cref="InvalidOperationException">The port is taken (another Redis or a second web silo on this machine).</exception>
    public static EmbeddedGarnet Start(string dataDirectory, int port, string memory, ILoggerFactory loggerFactory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        EnsurePortFree(port);
        var directory = Path.Combine(dataDirectory, "garnet");
        System.IO.Directory.CreateDirectory(directory);
        string[] arguments =
        [
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--lua",
            // Without it Garnet interleaves the commands of concurrent scripts: the queue's Lua transitions are only atomic with it.
            "--lua-transaction-mode",
            // Debian 12 lacks libaio: the default device type makes checkpoints and the AOF fail.
            "--device-type", "RandomAccess",
            "--checkpointdir", directory,
            "--logdir", directory,
            "--aof",
            "--recover",
            // Without the storage tier a small --memory silently evicts records; with it they spill to files in logdir.
            "--storage-tier",
            "--memory", memory,
            "--index", "16m",
            "-q",
        ];
        var server = new Garnet.GarnetServer(arguments, loggerFactory);
        try
        {
            server.Start();
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return new EmbeddedGarnet(server, port, directory, arguments, loggerFactory.CreateLogger<EmbeddedGarnet>());
    }

    /// <summary>Commits the append-only log and stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _server.Store.CommitAOFAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException)
        {
            LogCommitFailed(_logger, e);
        }

        _server.Dispose();
    }

    private static void EnsurePortFree(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            probe.Stop();
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException(
                $"The embedded Garnet server cannot listen on 127.0.0.1:{port}: the port is in use. Stop what uses it, " +
                "set Embedded__GarnetPort to a free port (GPU silos then need Redis__ConnectionString=127.0.0.1:<that port>), " +
                "or point Redis__ConnectionString at a real Redis server.", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Committing the embedded Garnet append-only log at shutdown failed; it recovers up to the last commit")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception);
}
