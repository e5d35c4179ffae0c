using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Grains.Abstractions.Redis;
using WhatsTheTab.Silo.Gpu.Configuration;
using WhatsTheTab.Silo.Gpu.Tests.TestDoubles;
using WhatsTheTab.Silo.Gpu.Worker;
using WhatsTheTab.TaskQueue;
using WhatsTheTab.TestSupport;
using WhatsTheTab.TestSupport.Services;
using WhatsTheTab.Transcription;

namespace WhatsTheTab.Silo.Gpu.Tests;

/// <summary>
/// One test's worker, wired like the silo wires it but with test doubles at the two edges the GPU silo does not own:
/// the real queue on the shared redis-server (under a unique key prefix), the real engine, the real downloader,
/// uploader, runner and worker loop; a <see cref="FakeWebTier"/> for the web tier's HTTP endpoints and
/// <see cref="RecordingJobGrains"/> for the job grains. Queue times come from a manual clock.
/// </summary>
internal sealed class WorkerHarness : IAsyncDisposable
{
    /// <summary>Only there so a broken test fails instead of hanging; never reached in a healthy run.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    public const string Token = "test-worker-token-0123456789";

    private static readonly Lazy<ConnectionMultiplexer> SharedConnection = new(() =>
    {
        var options = ConfigurationOptions.Parse(SharedTestServers.Redis.Endpoint);
        options.AbortOnConnectFail = true;
        options.SyncTimeout = 30_000;
        options.AsyncTimeout = 30_000;
        return ConnectionMultiplexer.Connect(options);
    });

    private readonly ConnectionMultiplexer _connection = SharedConnection.Value;
    private readonly List<RedisTaskQueueClient> _clients = [];
    private readonly List<HttpClient> _http = [];
    private readonly ConcurrentQueue<(string Channel, string Message)> _events = new();
    private ChannelMessageQueue? _subscription;

    private WorkerHarness(TranscriptionEngine engine, FakeWebTier web, Action<WorkerOptions>? configure)
    {
        Engine = engine;
        Web = web;
        Prefix = $"gputest:{Guid.NewGuid():N}:";
        Keys = new RedisKeys(Prefix);
        Channels = new RedisChannels(Prefix);
        Clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        QueueOptions = new QueueOptions { KeyPrefix = Prefix, ClaimPollInterval = TimeSpan.FromMilliseconds(50) };
        TempDirectory = Directory.CreateTempSubdirectory("whatsthetab-gpu-test-").FullName;
        Options = new WorkerOptions
        {
            WorkerId = $"gpu-test-{Guid.NewGuid():N}"[..20],
            WebBaseAddress = web.BaseAddress.ToString(),
            Token = Token,
            ClaimTimeout = TimeSpan.FromSeconds(5),
            TempDirectory = TempDirectory,
        };
        configure?.Invoke(Options);
        Queue = NewQueueClient();
        Activity = new WorkerActivity(TimeProvider.System);
        Runner = new JobRunner(
            Queue,
            Grains,
            engine,
            EngineThreads,
            new AudioDownloader(NewHttpClient(), Microsoft.Extensions.Options.Options.Create(Options), NullLogger<AudioDownloader>.Instance),
            new ResultUploader(NewHttpClient(), Microsoft.Extensions.Options.Options.Create(Options), NullLogger<ResultUploader>.Instance),
            Activity,
            Microsoft.Extensions.Options.Options.Create(QueueOptions),
            TimeProvider.System,
            NullLogger<JobRunner>.Instance);
    }

    public TranscriptionEngine Engine { get; }

    public EngineThreads EngineThreads { get; } = new(1, EnginePriority.Idle, NullLogger.Instance);

    public FakeWebTier Web { get; }

    public RecordingJobGrains Grains { get; } = new();

    public string Prefix { get; }

    public RedisKeys Keys { get; }

    public RedisChannels Channels { get; }

    public ManualClock Clock { get; }

    public QueueOptions QueueOptions { get; }

    public WorkerOptions Options { get; }

    public string WorkerId => Options.WorkerId!;

    public string TempDirectory { get; }

    /// <summary>The queue client the worker uses.</summary>
    public RedisTaskQueueClient Queue { get; }

    public WorkerActivity Activity { get; }

    public JobRunner Runner { get; }

    public IDatabase Db => _connection.GetDatabase();

    public static async Task<WorkerHarness> StartAsync(TranscriptionEngine engine, Action<WorkerOptions>? configure = null)
    {
        var web = await FakeWebTier.StartAsync(Token);
        var harness = new WorkerHarness(engine, web, configure);
        await harness.RecordEventsAsync();
        return harness;
    }

    /// <summary>Another client on the same keys: another worker process or a supervisor.</summary>
    public RedisTaskQueueClient NewQueueClient()
    {
        var client = new RedisTaskQueueClient(SharedConnection.Value, Microsoft.Extensions.Options.Options.Create(QueueOptions), NullLogger<RedisTaskQueueClient>.Instance, Clock);
        _clients.Add(client);
        return client;
    }

    /// <summary>The worker loop as the silo hosts it, on this harness's runner.</summary>
    public TranscriptionWorker NewWorker(TimeSpan? shutdownTimeout = null) => new(
        Queue,
        Runner,
        Microsoft.Extensions.Options.Options.Create(Options),
        Microsoft.Extensions.Options.Options.Create(QueueOptions),
        Microsoft.Extensions.Options.Options.Create(new HostOptions { ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(30) }),
        NullLogger<TranscriptionWorker>.Instance);

    /// <summary>
    /// A job as the web tier creates it: the grain double knows it, the fake web tier serves its audio, and its id is
    /// queued with the seed-style payload (plus <paramref name="extraPayload"/> fields).
    /// </summary>
    public async Task<(Guid Id, RecordingTranscriptionGrain Grain)> EnqueueJobAsync(byte[]? audio, Dictionary<string, string>? extraPayload = null)
    {
        var id = Guid.NewGuid();
        var grain = Grains.AddJob(id);
        if (audio is not null)
        {
            Web.ServeAudio(id, audio);
        }

        var payload = new Dictionary<string, string> { ["task_id"] = id.ToString("D"), ["audio_midi_id"] = id.ToString("D"), ["file_name"] = "tone.wav" };
        foreach (var (key, value) in extraPayload ?? [])
        {
            payload[key] = value;
        }

        await Queue.EnqueueAsync(id.ToString("D"), JsonSerializer.Serialize(payload));
        return (id, grain);
    }

    public async Task<ClaimedTask> ClaimAsync() =>
        await Queue.ClaimAsync(WorkerId, QueueOptions.LeaseDuration, TimeSpan.FromSeconds(10))
        ?? throw new InvalidOperationException("Nothing to claim.");

    /// <summary>Waits (up to the hang guard) for a message on <paramref name="channel"/> whose payload mentions <paramref name="taskId"/>.</summary>
    public async Task<JsonElement> WaitForEventAsync(string channel, string taskId)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            foreach (var (name, message) in _events)
            {
                if (name == channel && message.Contains(taskId, StringComparison.Ordinal))
                {
                    return JsonDocument.Parse(message).RootElement.Clone();
                }
            }

            await Task.Delay(20, guard.Token);
        }
    }

    /// <summary>Waits (up to the hang guard) until <paramref name="condition"/> holds.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (!await condition())
        {
            await Task.Delay(20, guard.Token);
        }
    }

    public bool SawEvent(string channel, string taskId) => _events.Any(e => e.Channel == channel && e.Message.Contains(taskId, StringComparison.Ordinal));

    public async Task<string[]> ListAsync(string key) => (await Db.ListRangeAsync(key)).Select(v => (string)v!).ToArray();

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.UnsubscribeAsync();
        }

        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        foreach (var http in _http)
        {
            http.Dispose();
        }

        await Web.DisposeAsync();
        EngineThreads.Dispose();
        var server = SharedConnection.Value.GetServers().First();
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: Prefix + "*"))
        {
            keys.Add(key);
        }

        if (keys.Count > 0)
        {
            await Db.KeyDeleteAsync([.. keys]);
        }

        Directory.Delete(TempDirectory, recursive: true);
    }

    private HttpClient NewHttpClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = Options.WebBaseUri(), Timeout = Timeout.InfiniteTimeSpan };
        _http.Add(client);
        return client;
    }

    private async Task RecordEventsAsync()
    {
        _subscription = await SharedConnection.Value.GetSubscriber().SubscribeAsync(RedisChannel.Pattern(Prefix + "task:*"));
        _subscription.OnMessage(message => _events.Enqueue(((string)message.Channel!, (string)message.Message!)));
    }
}
