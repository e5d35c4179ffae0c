using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Redis;
using WhatsTheTab.TestSupport;

namespace WhatsTheTab.TaskQueue.Tests;

/// <summary>
/// One test's view of a backend: a unique key prefix (so tests share servers and run in parallel), a manual clock,
/// the queue client(s) under test, raw database access for assertions, and an ordered event recorder.
/// </summary>
internal sealed class QueueHarness : IAsyncDisposable
{
    /// <summary>Long enough never to fire in a healthy run; only there so a broken test fails instead of hanging.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly List<RedisTaskQueueClient> _clients = [];
    private readonly List<ChannelMessageQueue> _subscriptions = [];

    private QueueHarness(Backend backend, Action<QueueOptions>? configure)
    {
        Backend = backend;
        Connection = BackendConnections.Get(backend);
        Prefix = $"test:{Guid.NewGuid():N}:";
        Keys = new RedisKeys(Prefix);
        Channels = new RedisChannels(Prefix);
        Clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        Options = new QueueOptions { KeyPrefix = Prefix, ClaimPollInterval = TimeSpan.FromMilliseconds(50) };
        configure?.Invoke(Options);
        Queue = NewClient();
    }

    public Backend Backend { get; }

    public ConnectionMultiplexer Connection { get; }

    public IDatabase Db => Connection.GetDatabase();

    public string Prefix { get; }

    public RedisKeys Keys { get; }

    public RedisChannels Channels { get; }

    public ManualClock Clock { get; }

    public QueueOptions Options { get; }

    /// <summary>The client under test.</summary>
    public RedisTaskQueueClient Queue { get; }

    public static QueueHarness Create(Backend backend, Action<QueueOptions>? configure = null) => new(backend, configure);

    /// <summary>Another client on the same keys (another worker process or supervisor), optionally on its own connection.</summary>
    public RedisTaskQueueClient NewClient(IConnectionMultiplexer? connection = null)
    {
        var client = new RedisTaskQueueClient(connection ?? Connection, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<RedisTaskQueueClient>.Instance, Clock);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Records every message on this test's <c>task:*</c> channels, in the order the server sent them.</summary>
    public async Task<EventRecorder> RecordEventsAsync()
    {
        var queue = await Connection.GetSubscriber().SubscribeAsync(RedisChannel.Pattern(Prefix + "task:*"));
        _subscriptions.Add(queue);
        var events = Channel.CreateUnbounded<(string Channel, string Message)>();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var message = await queue.ReadAsync();
                    await events.Writer.WriteAsync(((string)message.Channel!, (string)message.Message!));
                }
            }
            catch (ChannelClosedException)
            {
                events.Writer.TryComplete();
            }
        });
        return new EventRecorder(events.Reader, Prefix);
    }

    public async Task<string[]> ListAsync(string key) => (await Db.ListRangeAsync(key)).Select(v => (string)v!).ToArray();

    public async Task<string?> HashFieldAsync(string taskId, string field) => await Db.HashGetAsync(Keys.Task(taskId), field);

    public async Task HeartbeatAsync(string workerId) =>
        await Queue.HeartbeatAsync(workerId, new WorkerInfo("test-host", "cpu", null, 0, 0, Clock.GetUtcNow()), TimeSpan.FromMinutes(10));

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            await subscription.UnsubscribeAsync();
        }

        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        var server = Connection.GetServers().First();
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: Prefix + "*"))
        {
            keys.Add(key);
        }

        if (keys.Count > 0)
        {
            await Db.KeyDeleteAsync([.. keys]);
        }
    }
}
