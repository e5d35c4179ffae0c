using Microsoft.Extensions.Logging;
using Orleans.GrainDirectory;
using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Grains.Jobs;

/// <summary>The job listing and the idempotency-key reservations (one activation, key 0): the <see cref="IJobCatalogGrain"/>.</summary>
/// <remarks>
/// <para>
/// Non-reentrant. Reservations are written before the call returns, so a reservation is never handed out twice.
/// Listing updates are coalesced: the state is written at most once per <see cref="ListingFlushDelay"/> (and on
/// deactivation), so a job's status change costs no storage write on its hot path and a burst of changes costs one.
/// The catalog is a read model — each job grain holds the truth and records itself again whenever it activates — so
/// a crash loses at most the last flush interval of listing updates, never a job. Calls that change nothing (an older
/// or repeated version, a key already reserved) write nothing.
/// </para>
/// <para>
/// Bounded: at most <see cref="MaxEntries"/> jobs are kept; beyond that the oldest finished (completed, failed,
/// cancelled) jobs are dropped first, then the oldest of any status. The whole state is one row, so each write costs
/// in proportion to the listing (roughly 150 bytes a job); a larger history wants a SQL read model instead.
/// Reservations expire <see cref="IdempotencyKeyLifetime"/> after they were made and are pruned when keys are reserved.
/// </para>
/// </remarks>
[GrainType("whatsthetab.job-catalog")]
[GrainDirectory(GrainDirectoryName = JobGrainDirectory.Name)]
public sealed partial class JobCatalogGrain : Grain, IJobCatalogGrain
{
    /// <summary>The most jobs listed; older ones are dropped (finished ones first).</summary>
    public const int MaxEntries = 100_000;

    /// <summary>The largest page <see cref="ListAsync"/> returns.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The longest a listing change waits before it is written (changes in between share the write).</summary>
    public static readonly TimeSpan ListingFlushDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>How long an <c>Idempotency-Key</c> keeps pointing at the job it created.</summary>
    public static readonly TimeSpan IdempotencyKeyLifetime = TimeSpan.FromHours(24);

    private readonly IPersistentState<JobCatalogState> _catalog;
    private readonly ILogger<JobCatalogGrain> _logger;
    private readonly TimeProvider _clock;

    // Transient: the listing order (newest first), rebuilt from the stored entries on activation.
    private readonly SortedSet<JobListEntry> _newestFirst = new(NewestFirst.Instance);

    // Transient: the pending coalesced write of listing changes, if any.
    private IGrainTimer? _flush;

    public JobCatalogGrain(
        [PersistentState("catalog", "jobs")] IPersistentState<JobCatalogState> catalog,
        ILogger<JobCatalogGrain> logger,
        IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _catalog = catalog;
        _logger = logger;
        _clock = GrainClock.Resolve(services);
    }

    private JobCatalogState State => _catalog.State;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var stored in State.Jobs.Values)
        {
            _newestFirst.Add(stored.Entry);
        }

        return Task.CompletedTask;
    }

    /// <summary>The dictionary key of a reservation: owner and key, length-prefixed so no two pairs collide.</summary>
    public static string ReservationKey(string? owner, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        owner ??= string.Empty;
        return $"{owner.Length}:{owner}:{key}";
    }

    /// <inheritdoc />
    public async Task RecordAsync(JobListEntry entry, long version)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (State.Jobs.TryGetValue(entry.Id, out var existing))
        {
            if (existing.Version >= version)
            {
                return;
            }

            _newestFirst.Remove(existing.Entry);
        }

        State.Jobs[entry.Id] = new JobCatalogEntry(entry, version);
        _newestFirst.Add(entry);
        EvictBeyondBound();
        _flush ??= this.RegisterGrainTimer(
            FlushListingAsync,
            new GrainTimerCreationOptions(ListingFlushDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_flush is not null)
        {
            await FlushListingAsync(cancellationToken);
        }
    }

    private Task FlushListingAsync(CancellationToken cancellationToken) => WriteAsync();

    /// <inheritdoc />
    public Task<JobPage> ListAsync(JobStatus? status, string? owner, int offset, int limit)
    {
        offset = Math.Max(0, offset);
        limit = Math.Clamp(limit, 1, MaxPageSize);
        var items = new List<JobListEntry>(Math.Min(limit, _newestFirst.Count));
        var total = 0;
        foreach (var entry in _newestFirst)
        {
            if ((status is { } wanted && entry.Status != wanted) || (owner is not null && !string.Equals(entry.Owner, owner, StringComparison.Ordinal)))
            {
                continue;
            }

            if (total >= offset && items.Count < limit)
            {
                items.Add(entry);
            }

            total++;
        }

        return Task.FromResult(new JobPage(items, total, offset, limit));
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<JobStatus, int>> CountsAsync()
    {
        var counts = Enum.GetValues<JobStatus>().ToDictionary(status => status, _ => 0);
        foreach (var stored in State.Jobs.Values)
        {
            counts[stored.Entry.Status]++;
        }

        return Task.FromResult<IReadOnlyDictionary<JobStatus, int>>(counts);
    }

    /// <inheritdoc />
    public async Task<IdempotencyReservation?> ReserveIdempotencyKeyAsync(string? owner, string key, string requestFingerprint, Guid jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(requestFingerprint);
        var now = _clock.GetUtcNow();
        var pruned = PruneExpiredReservations(now);
        var reservationKey = ReservationKey(owner, key);
        if (State.IdempotencyKeys.TryGetValue(reservationKey, out var existing))
        {
            if (pruned > 0)
            {
                await WriteAsync();
            }

            return new IdempotencyReservation(existing.JobId, existing.RequestFingerprint);
        }

        State.IdempotencyKeys[reservationKey] = new IdempotencyRecord(jobId, requestFingerprint, now);
        await WriteAsync();
        return null;
    }

    private int PruneExpiredReservations(DateTimeOffset now)
    {
        var expired = State.IdempotencyKeys
            .Where(pair => pair.Value.ReservedAt + IdempotencyKeyLifetime <= now)
            .Select(pair => pair.Key)
            .ToList();
        foreach (var reservationKey in expired)
        {
            State.IdempotencyKeys.Remove(reservationKey);
        }

        return expired.Count;
    }

    private void EvictBeyondBound()
    {
        while (State.Jobs.Count > MaxEntries)
        {
            var victim = _newestFirst.Reverse().FirstOrDefault(entry => JobStatusTransitions.IsTerminal(entry.Status)) ?? _newestFirst.Max!;
            _newestFirst.Remove(victim);
            State.Jobs.Remove(victim.Id);
            LogEvicted(victim.Id, victim.Status, MaxEntries);
        }
    }

    private async Task WriteAsync()
    {
        // Any write stores the listing too, so a pending coalesced write is no longer needed.
        _flush?.Dispose();
        _flush = null;
        try
        {
            await _catalog.WriteStateAsync();
        }
        catch (Exception exception)
        {
            // The in-memory catalog is now ahead of storage; start over from storage on the next call.
            LogWriteFailed(exception);
            DeactivateOnIdle();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job catalog full ({MaxEntries} jobs): dropped job {JobId} ({Status})")]
    private partial void LogEvicted(Guid jobId, JobStatus status, int maxEntries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job catalog: writing state failed; deactivating to reload from storage")]
    private partial void LogWriteFailed(Exception exception);

    /// <summary>Orders listing entries newest first (then by id, so equal times still have one order).</summary>
    private sealed class NewestFirst : IComparer<JobListEntry>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare(JobListEntry? x, JobListEntry? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null)
            {
                return 1;
            }

            if (y is null)
            {
                return -1;
            }

            var byTime = y.CreatedAt.CompareTo(x.CreatedAt);
            return byTime != 0 ? byTime : x.Id.CompareTo(y.Id);
        }
    }
}
