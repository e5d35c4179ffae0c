using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Grains.Abstractions.Redis;
using WhatsTheTab.Storage.Media;
using WhatsTheTab.TaskQueue;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Silo.Web.Tests;

/// <summary>
/// One web silo process in production mode (real redis-server, real PostgreSQL, migrations at start-up) shared by the
/// tests of <see cref="PostgresWebSiloDefinition"/>, with its own key prefix and cluster id on the shared Redis, plus
/// what the tests drive it with: HTTP, an Orleans client, the queue, raw Redis and the media store.
/// </summary>
public sealed class PostgresWebSilo : IAsyncLifetime
{
    public const string WorkerToken = "silo-web-tests-worker-token-0123456789";

    /// <summary>Attempts before the supervisor dead-letters a job whose worker keeps vanishing (small, to test poison jobs).</summary>
    public const int MaxAttempts = 2;

    private NpgsqlDataSource? _dataSource;

    public WebSiloProcess Silo { get; private set; } = null!;

    public OrleansTestClient Client { get; private set; } = null!;

    public IGrainFactory Grains => Client.Grains;

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    public RedisTaskQueueClient Queue { get; private set; } = null!;

    public IMediaStore Media { get; private set; } = null!;

    public string KeyPrefix { get; } = $"webtest-{Guid.NewGuid():N}:";

    public string ClusterId { get; } = $"webtest-{Guid.NewGuid():N}";

    public string PostgresConnectionString { get; private set; } = null!;

    public RedisKeys Keys => new(KeyPrefix);

    public RedisChannels Channels => new(KeyPrefix);

    public async Task InitializeAsync()
    {
        PostgresConnectionString = SharedPostgresServer.CreateDatabase();
        var redis = SharedTestServers.Redis.Endpoint;
        Silo = WebSiloProcess.Start(new Dictionary<string, string>
        {
            ["Redis__ConnectionString"] = redis,
            ["ConnectionStrings__Postgres"] = PostgresConnectionString,
            ["Worker__Token"] = WorkerToken,
            ["Orleans__ClusterId"] = ClusterId,
            ["Queue__KeyPrefix"] = KeyPrefix,
            ["Queue__MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Events__DrainInterval"] = "00:00:01",
            ["Supervisor__Interval"] = "00:00:01",
        });
        await Silo.WaitUntilReadyAsync();
        Client = await OrleansTestClient.ConnectAsync(redis, ClusterId);
        Redis = await ConnectionMultiplexer.ConnectAsync(redis);
        Queue = new RedisTaskQueueClient(Redis, Options.Create(new QueueOptions { KeyPrefix = KeyPrefix, MaxAttempts = MaxAttempts }), NullLogger<RedisTaskQueueClient>.Instance);
        _dataSource = NpgsqlDataSource.Create(PostgresConnectionString);
        Media = new PostgresMediaStore(_dataSource, NullLogger<PostgresMediaStore>.Instance);
    }

    public HttpClient Http(string? token = WorkerToken)
    {
        var http = new HttpClient { BaseAddress = Silo.BaseAddress };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Add("X-Worker-Token", token);
        }

        return http;
    }

    /// <summary>Stores <paramref name="audio"/> and submits a job for it through its grain, as the REST API does.</summary>
    public async Task<Guid> CreateJobAsync(byte[] audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        using var content = new MemoryStream(audio);
        var stored = await Media.SaveAsync("audio", content, "audio/wav", CancellationToken.None);
        var id = Guid.NewGuid();
        await Grains.GetGrain<ITranscriptionGrain>(id).SubmitAsync(
            new JobSubmission("clip.wav", audio.Length, 1.5, stored.Key, new JobOptions(), null, DateTimeOffset.UtcNow));
        return id;
    }

    public Task<JobSnapshot?> GetJobAsync(Guid id) => Grains.GetGrain<ITranscriptionGrain>(id).GetAsync();

    /// <summary>Polls the job until <paramref name="done"/> holds (or the allowance runs out) and returns it.</summary>
    public async Task<JobSnapshot> WaitForJobAsync(Guid id, Func<JobSnapshot, bool> done) =>
        (await Eventually.ReadAsync(() => GetJobAsync(id), j => j is not null && done(j)))!;

    public async Task DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        if (Queue is not null)
        {
            await Queue.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }
    }
}
