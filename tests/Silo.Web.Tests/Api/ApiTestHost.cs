using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhatsTheTab.TaskQueue;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Silo.Web.Tests.Api;

/// <summary>
/// A web silo of its own in the embedded default (in-process Garnet on a free port, media and data in a temp folder)
/// with small upload limits, for the tests that need those limits or a queue no other test touches.
/// </summary>
public sealed class ApiTestHost : IAsyncLifetime
{
    /// <summary>Uploads larger than this many bytes are refused.</summary>
    public const long MaxBytes = 256 * 1024;

    /// <summary>Audio longer than this many seconds is refused.</summary>
    public const double MaxSeconds = 3;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"wtt-api-{Guid.NewGuid():N}");

    public WebSiloProcess Silo { get; private set; } = null!;

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    /// <summary>The silo's queue (the seed's key names, on the silo's own Garnet).</summary>
    public RedisTaskQueueClient Queue { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var garnetPort = FreeTcpPort.Next();
        Silo = WebSiloProcess.Start(new Dictionary<string, string>
        {
            ["Embedded__DataDirectory"] = _dataDirectory,
            ["Embedded__GarnetPort"] = garnetPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans__ClusterId"] = $"apitest-{Guid.NewGuid():N}",
            ["Uploads__MaxBytes"] = MaxBytes.ToString(CultureInfo.InvariantCulture),
            ["Uploads__MaxSeconds"] = MaxSeconds.ToString(CultureInfo.InvariantCulture),
            ["Events__DrainInterval"] = "00:00:01",
            ["Supervisor__Interval"] = "00:00:01",
        });
        await Silo.WaitUntilReadyAsync();
        Redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{garnetPort.ToString(CultureInfo.InvariantCulture)}");
        Queue = new RedisTaskQueueClient(Redis, Options.Create(new QueueOptions()), NullLogger<RedisTaskQueueClient>.Instance);
    }

    public HttpClient Http() => new() { BaseAddress = Silo.BaseAddress };

    public async Task DisposeAsync()
    {
        if (Queue is not null)
        {
            await Queue.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
