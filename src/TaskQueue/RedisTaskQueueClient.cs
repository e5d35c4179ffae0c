using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Redis;

namespace WhatsTheTab.TaskQueue;

/// <summary>
/// <see cref="ITaskQueueClient"/> on Redis 7 or Garnet. Garnet needs <c>--lua</c> and <c>--lua-transaction-mode</c>:
/// without the second it interleaves the commands of concurrent scripts, and the transitions below stop being atomic
/// (seen as a task recovered twice by racing supervisors). Claims are one Lua script doing
/// LMOVE + ZADD + HSET + PUBLISH, so there is no window in which an id sits in <c>task:processing</c> without a lease;
/// a worker waits on an empty queue by polling that script, woken early by <c>task:new</c>. The injected
/// <see cref="TimeProvider"/> stamps times and lease deadlines; waits use the real clock.
/// </summary>
public sealed partial class RedisTaskQueueClient : ITaskQueueClient, IAsyncDisposable
{
    private const int PromoteBatch = 100;

    private readonly IConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly QueueOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly NewTaskSignal _newTask = new();
    private readonly Action<RedisChannel, RedisValue> _onNewTask;
    private readonly SemaphoreSlim _subscribeGate = new(1, 1);
    private volatile bool _subscribed;

    /// <summary>Creates the queue on <paramref name="redis"/>; throws <see cref="OptionsValidationException"/> for invalid options.</summary>
    public RedisTaskQueueClient(
        IConnectionMultiplexer redis,
        IOptions<QueueOptions> options,
        ILogger<RedisTaskQueueClient> logger,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var validation = new QueueOptionsValidator().Validate(Options.DefaultName, options.Value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(QueueOptions), validation.Failures);
        }

        _redis = redis;
        _db = redis.GetDatabase();
        _options = options.Value;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _onNewTask = (_, _) => _newTask.Pulse();
        Keys = new RedisKeys(_options.KeyPrefix);
        Channels = new RedisChannels(_options.KeyPrefix);
    }

    /// <summary>The key names this queue uses (the seed's, unless <see cref="QueueOptions.KeyPrefix"/> is set).</summary>
    public RedisKeys Keys { get; }

    /// <summary>The channel names this queue publishes on.</summary>
    public RedisChannels Channels { get; }

    /// <inheritdoc />
    public async Task<EnqueueResult> EnqueueAsync(string taskId, string payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        ArgumentNullException.ThrowIfNull(payload);
        cancellationToken.ThrowIfCancellationRequested();
        var now = NowMs();
        var code = (long)await _db.ScriptEvaluateAsync(
            QueueScripts.Enqueue,
            [Keys.Queue, Keys.Task(taskId)],
            [taskId, payload, now, Channels.New]).ConfigureAwait(false);
        var result = code switch
        {
            1 => EnqueueResult.Enqueued,
            0 => EnqueueResult.AlreadyActive,
            _ => EnqueueResult.AlreadyFinished,
        };
        LogEnqueued(_logger, taskId, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<ClaimedTask?> ClaimAsync(string workerId, TimeSpan lease, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        await EnsureSubscribedAsync().ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var woken = _newTask.Current;
            var claimed = await TryClaimAsync(workerId, lease).ConfigureAwait(false);
            if (claimed is not null)
            {
                return claimed;
            }

            var remaining = timeout - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            var wait = remaining < _options.ClaimPollInterval ? remaining : _options.ClaimPollInterval;
            using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(woken, Task.Delay(wait, stopDelay.Token)).ConfigureAwait(false);
            await stopDelay.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<bool> RenewLeaseAsync(string taskId, string workerId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        var now = NowMs();
        var renewed = (long)await _db.ScriptEvaluateAsync(
            QueueScripts.Renew,
            [Keys.ProcessingDeadlines, Keys.Task(taskId)],
            [taskId, workerId, now + (long)lease.TotalMilliseconds, now]).ConfigureAwait(false) == 1;
        if (!renewed)
        {
            LogNotOwner(_logger, "lease renewal", taskId, workerId);
        }

        return renewed;
    }

    /// <inheritdoc />
    public async Task<bool> ReportProgressAsync(string taskId, string workerId, int chunk, int total, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfNegative(chunk);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        cancellationToken.ThrowIfCancellationRequested();
        var now = NowMs();
        var json = TaskEventJson.Serialize(new TaskProgressEvent(taskId, workerId, chunk, total, now));
        var reported = (long)await _db.ScriptEvaluateAsync(
            QueueScripts.Progress,
            [Keys.ProcessingDeadlines, Keys.Task(taskId)],
            [taskId, workerId, now + (long)_options.LeaseDuration.TotalMilliseconds, now, chunk, total, Channels.Progress(taskId), json]).ConfigureAwait(false) == 1;
        if (!reported)
        {
            LogNotOwner(_logger, "progress report", taskId, workerId);
        }

        return reported;
    }

    /// <inheritdoc />
    public async Task<AckResult> AckAsync(string taskId, string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = NowMs();
        var completed = (long)await _db.ScriptEvaluateAsync(
            QueueScripts.Ack,
            [Keys.Processing, Keys.ProcessingDeadlines, Keys.Results, Keys.Task(taskId)],
            [taskId, workerId, now, Seconds(_options.CompletedTtl), Channels.Completed]).ConfigureAwait(false) == 1;
        if (!completed)
        {
            LogLateAck(_logger, taskId, workerId);
            return AckResult.NotOwner;
        }

        LogCompleted(_logger, taskId, workerId);
        return AckResult.Completed;
    }

    /// <inheritdoc />
    public async Task<FailResult> FailAsync(string taskId, string workerId, string reason, bool permanent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentNullException.ThrowIfNull(reason);
        cancellationToken.ThrowIfCancellationRequested();
        var now = NowMs();
        var jitterFactor = 1.0 - (_options.BackoffJitter * Random.Shared.NextDouble());
        var reply = (RedisResult[])(await _db.ScriptEvaluateAsync(
            QueueScripts.Fail,
            [Keys.Processing, Keys.ProcessingDeadlines, Keys.Delayed, Keys.Failed, Keys.Task(taskId)],
            [
                taskId, workerId, now, reason, permanent ? 1 : 0, _options.MaxAttempts,
                (long)_options.BackoffBase.TotalMilliseconds, (long)_options.BackoffMax.TotalMilliseconds,
                jitterFactor.ToString("R", CultureInfo.InvariantCulture), Seconds(_options.DeadLetterTtl), Channels.Failed,
            ]).ConfigureAwait(false))!;
        switch ((long)reply[0])
        {
            case 1:
                var retryAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)reply[1]!, CultureInfo.InvariantCulture));
                LogRetryScheduled(_logger, taskId, workerId, retryAt, reason);
                return new FailResult(FailOutcome.RetryScheduled, retryAt);
            case 2:
                LogDeadLettered(_logger, taskId, workerId, reason);
                return new FailResult(FailOutcome.DeadLettered, null);
            default:
                LogNotOwner(_logger, "failure report", taskId, workerId);
                return new FailResult(FailOutcome.NotOwner, null);
        }
    }

    /// <inheritdoc />
    public async Task<bool> HandBackAsync(string taskId, string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = NowMs();
        var handedBack = (long)await _db.ScriptEvaluateAsync(
            QueueScripts.HandBack,
            [Keys.Queue, Keys.Processing, Keys.ProcessingDeadlines, Keys.Task(taskId)],
            [taskId, workerId, now, Channels.New]).ConfigureAwait(false) == 1;
        if (handedBack)
        {
            LogHandedBack(_logger, taskId, workerId);
        }
        else
        {
            LogNotOwner(_logger, "hand-back", taskId, workerId);
        }

        return handedBack;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecoveredTask>> RequeueExpiredAsync(DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var nowMs = now.ToUnixTimeMilliseconds();
        var processing = await _db.ListRangeAsync(Keys.Processing).ConfigureAwait(false);
        var leases = await _db.SortedSetRangeByRankWithScoresAsync(Keys.ProcessingDeadlines).ConfigureAwait(false);

        var leased = new HashSet<string>(leases.Select(e => (string)e.Element!), StringComparer.Ordinal);
        var adoptedDeadline = nowMs + (long)_options.LeaseDuration.TotalMilliseconds;
        foreach (var id in processing.Select(v => (string)v!).Where(id => !string.IsNullOrEmpty(id) && !leased.Contains(id)).Distinct(StringComparer.Ordinal))
        {
            var adopted = (long)await _db.ScriptEvaluateAsync(
                QueueScripts.Adopt,
                [Keys.Processing, Keys.ProcessingDeadlines],
                [id, adoptedDeadline]).ConfigureAwait(false) == 1;
            if (adopted)
            {
                var deadline = DateTimeOffset.FromUnixTimeMilliseconds(adoptedDeadline);
                LogAdopted(_logger, id, deadline);
            }
        }

        var candidates = leases.Where(e => !string.IsNullOrEmpty(e.Element)).ToArray();
        var owners = await Task.WhenAll(candidates.Select(e => _db.HashGetAsync(Keys.Task((string)e.Element!), TaskHashFields.Worker))).ConfigureAwait(false);
        var ownerIds = owners.Select(o => (string?)o).Where(o => !string.IsNullOrEmpty(o)).Select(o => o!).Distinct(StringComparer.Ordinal).ToArray();
        var alive = await Task.WhenAll(ownerIds.Select(w => _db.KeyExistsAsync(Keys.Worker(w)))).ConfigureAwait(false);
        var aliveByWorker = ownerIds.Zip(alive).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);

        var recovered = new List<RecoveredTask>();
        for (var i = 0; i < candidates.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = (string)candidates[i].Element!;
            var worker = (string?)owners[i] ?? string.Empty;
            var expired = candidates[i].Score < nowMs;
            var lost = worker.Length > 0 && !aliveByWorker[worker];
            if (!expired && !lost)
            {
                continue;
            }

            var reply = (RedisResult[])(await _db.ScriptEvaluateAsync(
                QueueScripts.Recover,
                [Keys.Queue, Keys.Processing, Keys.ProcessingDeadlines, Keys.Failed, Keys.Task(id), worker.Length > 0 ? Keys.Worker(worker) : Keys.WorkerPrefix],
                [id, nowMs, worker, maxAttempts, Seconds(_options.DeadLetterTtl), Channels.Failed, Channels.New]).ConfigureAwait(false))!;
            var code = (long)reply[0];
            if (code == 0)
            {
                continue;
            }

            var reason = (string)reply[1]!;
            var attempts = (int)reply[2];
            var outcome = code == 1 ? RecoveryOutcome.Requeued : RecoveryOutcome.DeadLettered;
            recovered.Add(new RecoveredTask(id, outcome, reason, attempts, worker));
            if (outcome == RecoveryOutcome.Requeued)
            {
                LogRequeued(_logger, id, reason, attempts);
            }
            else
            {
                LogPoison(_logger, id, reason);
            }
        }

        return recovered;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> PromoteDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var promoted = new List<string>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = (RedisResult[])(await _db.ScriptEvaluateAsync(
                QueueScripts.Promote,
                [Keys.Delayed, Keys.Queue],
                [nowMs, PromoteBatch, Keys.TaskPrefix, Channels.New]).ConfigureAwait(false))!;
            promoted.AddRange(batch.Select(r => (string)r!));
            if (batch.Length < PromoteBatch)
            {
                break;
            }
        }

        if (promoted.Count > 0)
        {
            LogPromoted(_logger, promoted.Count);
        }

        return promoted;
    }

    /// <inheritdoc />
    public async Task<bool> RetryAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        cancellationToken.ThrowIfCancellationRequested();
        var retried = (long)await _db.ScriptEvaluateAsync(
            QueueScripts.Retry,
            [Keys.Queue, Keys.Failed, Keys.Task(taskId)],
            [taskId, NowMs(), Channels.New]).ConfigureAwait(false) == 1;
        if (retried)
        {
            LogRetried(_logger, taskId);
        }

        return retried;
    }

    /// <inheritdoc />
    public async Task HeartbeatAsync(string workerId, WorkerInfo info, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentNullException.ThrowIfNull(info);
        var lifetime = ttl ?? _options.HeartbeatTtl;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero, nameof(ttl));
        cancellationToken.ThrowIfCancellationRequested();
        await _db.ScriptEvaluateAsync(
            QueueScripts.Heartbeat,
            [Keys.Worker(workerId)],
            [
                (long)Math.Ceiling(lifetime.TotalMilliseconds), info.Host, info.Device, info.CurrentTask ?? string.Empty,
                info.Completed, info.Failed, info.StartedAt.ToUnixTimeMilliseconds(), NowMs(),
            ]).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<QueueDepths> GetDepthsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var queued = _db.ListLengthAsync(Keys.Queue);
        var processing = _db.ListLengthAsync(Keys.Processing);
        var leased = _db.SortedSetLengthAsync(Keys.ProcessingDeadlines);
        var delayed = _db.SortedSetLengthAsync(Keys.Delayed);
        var failed = _db.ListLengthAsync(Keys.Failed);
        var results = _db.ListLengthAsync(Keys.Results);
        await Task.WhenAll(queued, processing, leased, delayed, failed, results).ConfigureAwait(false);
        return new QueueDepths(await queued, await processing, await leased, await delayed, await failed, await results);
    }

    /// <inheritdoc />
    public async Task<TaskRecord?> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        cancellationToken.ThrowIfCancellationRequested();
        var key = Keys.Task(taskId);
        var entriesTask = _db.HashGetAllAsync(key);
        var ttlTask = _db.KeyTimeToLiveAsync(key);
        var leaseTask = _db.SortedSetScoreAsync(Keys.ProcessingDeadlines, taskId);
        await Task.WhenAll(entriesTask, ttlTask, leaseTask).ConfigureAwait(false);
        var entries = await entriesTask;
        if (entries.Length == 0)
        {
            return null;
        }

        var fields = entries.ToDictionary(e => (string)e.Name!, e => (string?)e.Value, StringComparer.Ordinal);
        string? Text(string field) => fields.TryGetValue(field, out var v) && !string.IsNullOrEmpty(v) ? v : null;
        int Integer(string field) => int.TryParse(Text(field), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
        var lease = await leaseTask;
        return new TaskRecord(
            taskId,
            Text(TaskHashFields.Payload) ?? string.Empty,
            Text(TaskHashFields.Status) ?? string.Empty,
            Integer(TaskHashFields.Attempts),
            Text(TaskHashFields.Worker),
            UnixMs(Text(TaskHashFields.CreatedAt)),
            UnixMs(Text(TaskHashFields.ClaimedAt)),
            UnixMs(Text(TaskHashFields.UpdatedAt)),
            Text(TaskHashFields.Error),
            Integer(TaskHashFields.CurrentChunk),
            Integer(TaskHashFields.TotalChunks),
            UnixMs(Text(TaskHashFields.RetryAt)),
            lease is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : null,
            await ttlTask);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkerStatus>> ListWorkersAsync(CancellationToken cancellationToken = default)
    {
        var pattern = EscapeGlob(Keys.WorkerPrefix) + "*";
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var server in _redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(_db.Database, pattern, pageSize: 250).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                keys.Add(key!);
            }
        }

        var workers = new List<WorkerStatus>(keys.Count);
        foreach (var key in keys.Order(StringComparer.Ordinal))
        {
            var entriesTask = _db.HashGetAllAsync(key);
            var ttlTask = _db.KeyTimeToLiveAsync(key);
            await Task.WhenAll(entriesTask, ttlTask).ConfigureAwait(false);
            var entries = await entriesTask;
            if (entries.Length == 0)
            {
                continue; // expired between SCAN and HGETALL
            }

            var fields = entries.ToDictionary(e => (string)e.Name!, e => (string?)e.Value, StringComparer.Ordinal);
            string Text(string field) => fields.TryGetValue(field, out var v) && v is not null ? v : string.Empty;
            long Number(string field) => long.TryParse(Text(field), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
            var currentTask = Text(WorkerHashFields.CurrentTask);
            workers.Add(new WorkerStatus(
                key[Keys.WorkerPrefix.Length..],
                Text(WorkerHashFields.Host),
                Text(WorkerHashFields.Device),
                currentTask.Length > 0 ? currentTask : null,
                Number(WorkerHashFields.Completed),
                Number(WorkerHashFields.Failed),
                UnixMs(Text(WorkerHashFields.StartedAt)),
                UnixMs(Text(WorkerHashFields.LastSeen)),
                await ttlTask));
        }

        return workers;
    }

    /// <inheritdoc />
    public async Task<int> DrainResultsAsync(Func<string, CancellationToken, Task> apply, int maxCount = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var ids = await _db.ListRangeAsync(Keys.Results, 0, maxCount - 1).ConfigureAwait(false);
        var applied = 0;
        foreach (var value in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = (string)value!;
            try
            {
                await apply(id, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogResultNotApplied(_logger, id, ex);
                await _db.ScriptEvaluateAsync(QueueScripts.RotateResult, [Keys.Results], [id]).ConfigureAwait(false);
                continue;
            }

            await _db.ListRemoveAsync(Keys.Results, id, 1).ConfigureAwait(false);
            applied++;
        }

        return applied;
    }

    /// <summary>Stops listening for <c>task:new</c>; the connection itself belongs to the caller.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_subscribed)
        {
            _subscribed = false;
            await _redis.GetSubscriber().UnsubscribeAsync(RedisChannel.Literal(Channels.New), _onNewTask).ConfigureAwait(false);
        }

        _subscribeGate.Dispose();
    }

    private async Task<ClaimedTask?> TryClaimAsync(string workerId, TimeSpan lease)
    {
        var now = NowMs();
        var deadline = now + (long)lease.TotalMilliseconds;
        var reply = await _db.ScriptEvaluateAsync(
            QueueScripts.Claim,
            [Keys.Queue, Keys.Processing, Keys.ProcessingDeadlines],
            [workerId, now, deadline, Keys.TaskPrefix, Channels.Claimed]).ConfigureAwait(false);
        if (reply.IsNull)
        {
            return null;
        }

        var parts = (RedisResult[])reply!;
        var claimed = new ClaimedTask(
            (string)parts[0]!,
            (string?)parts[1] ?? string.Empty,
            workerId,
            (int)parts[2],
            DateTimeOffset.FromUnixTimeMilliseconds(now),
            DateTimeOffset.FromUnixTimeMilliseconds(deadline));
        LogClaimed(_logger, claimed.Id, workerId, claimed.Attempt);
        return claimed;
    }

    private async Task EnsureSubscribedAsync()
    {
        if (_subscribed)
        {
            return;
        }

        await _subscribeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_subscribed)
            {
                await _redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(Channels.New), _onNewTask).ConfigureAwait(false);
                _subscribed = true;
            }
        }
        finally
        {
            _subscribeGate.Release();
        }
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static long Seconds(TimeSpan span) => (long)Math.Ceiling(span.TotalSeconds);

    private static DateTimeOffset? UnixMs(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static string EscapeGlob(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Enqueue of task {TaskId}: {Result}")]
    private static partial void LogEnqueued(ILogger logger, string taskId, EnqueueResult result);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Worker {WorkerId} claimed task {TaskId}, attempt {Attempt}")]
    private static partial void LogClaimed(ILogger logger, string taskId, string workerId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} completed by worker {WorkerId}")]
    private static partial void LogCompleted(ILogger logger, string taskId, string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored completion of task {TaskId} from worker {WorkerId}: it no longer owns the task (lease taken over, or already finished)")]
    private static partial void LogLateAck(ILogger logger, string taskId, string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored {Operation} of task {TaskId} from worker {WorkerId}: it no longer owns the task")]
    private static partial void LogNotOwner(ILogger logger, string operation, string taskId, string workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} failed on worker {WorkerId}, retry at {RetryAt:O}: {Error}")]
    private static partial void LogRetryScheduled(ILogger logger, string taskId, string workerId, DateTimeOffset retryAt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} failed on worker {WorkerId} and went to the dead letter list: {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string taskId, string workerId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} handed task {TaskId} back to the front of the queue")]
    private static partial void LogHandedBack(ILogger logger, string taskId, string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Requeued task {TaskId}: {Reason}; {Attempts} attempt(s) so far")]
    private static partial void LogRequeued(ILogger logger, string taskId, string reason, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dead-lettered task {TaskId}: {Reason}")]
    private static partial void LogPoison(ILogger logger, string taskId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} sat in task:processing without a lease; leased it until {Deadline:O}")]
    private static partial void LogAdopted(ILogger logger, string taskId, DateTimeOffset deadline);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Moved {Count} due delayed task(s) to the queue")]
    private static partial void LogPromoted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead-lettered task {TaskId} queued again by a retry")]
    private static partial void LogRetried(ILogger logger, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing result {TaskId} failed; moved it to the back of task:results")]
    private static partial void LogResultNotApplied(ILogger logger, string taskId, Exception exception);
}
