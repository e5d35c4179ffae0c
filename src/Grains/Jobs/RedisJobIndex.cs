using System.Globalization;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Grains.Abstractions.Redis;

namespace WhatsTheTab.Grains.Jobs;

/// <summary>
/// The job listing and the Idempotency-Key reservations, kept in Redis (Garnet in the embedded default) as sorted sets
/// by creation time — one for all jobs, one per status, one per owner and per owner and status — and one small hash per
/// job. Every change costs one small atomic script whatever the number of jobs, and nothing grows in a silo's memory;
/// <see cref="JobCatalogGrain"/> is its grain face.
/// </summary>
/// <remarks>
/// A read model: each job grain holds the truth and records itself again whenever it activates or changes, so a lost
/// entry comes back with the job's next change. Bounded: beyond the maximum (<see cref="DefaultMaxEntries"/> unless
/// given) the oldest jobs are dropped from the listing (never from storage). Reservations live <see cref="IdempotencyKeyLifetime"/>.
/// </remarks>
public sealed class RedisJobIndex
{
    /// <summary>The most jobs listed by default; older ones leave the listing.</summary>
    public const int DefaultMaxEntries = 1_000_000;

    /// <summary>How long an <c>Idempotency-Key</c> keeps pointing at the job it created.</summary>
    public static readonly TimeSpan IdempotencyKeyLifetime = TimeSpan.FromHours(24);

    private static readonly LuaScript RecordScript = LuaScript.Prepare(JobIndexScripts.Record);
    private static readonly LuaScript ReserveScript = LuaScript.Prepare(JobIndexScripts.Reserve);

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeys _keys;
    private readonly int _maxEntries;

    public RedisJobIndex(IConnectionMultiplexer redis, RedisKeys keys, int maxEntries = DefaultMaxEntries)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        _redis = redis;
        _keys = keys;
        _maxEntries = maxEntries;
    }

    private IDatabase Db => _redis.GetDatabase();

    /// <summary>Adds or updates a job's entry; an older or equal version changes nothing. True when recorded.</summary>
    public async Task<bool> RecordAsync(JobListEntry entry, long version)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var id = entry.Id.ToString("N");
        RedisKey[] keys = [_keys.JobsAll, _keys.JobEntryPrefix + id];
        RedisValue[] values =
        [
            id,
            version,
            entry.Status.ToWire(),
            entry.CreatedAt.ToUnixTimeMilliseconds(),
            entry.FileName,
            entry.Owner ?? string.Empty,
            _keys.JobStatusPrefix,
            _keys.JobOwnerPrefix,
            _keys.JobEntryPrefix,
            _maxEntries,
        ];
        return (long)await Db.ScriptEvaluateAsync(RecordScript.ExecutableScript, keys, values) == 1;
    }

    /// <summary>A page of jobs, newest first, optionally only one status and/or one owner; offset and limit are taken as given.</summary>
    public async Task<JobPage> ListAsync(JobStatus? status, string? owner, int offset, int limit)
    {
        var listing = ListingKey(status, owner);
        var db = Db;
        var total = db.SortedSetLengthAsync(listing);
        var ids = await db.SortedSetRangeByRankAsync(listing, offset, offset + limit - 1, Order.Descending);
        var batch = db.CreateBatch();
        var reads = ids.Select(id => batch.HashGetAsync(_keys.JobEntryPrefix + (string)id!, EntryFields)).ToList();
        batch.Execute();
        var items = new List<JobListEntry>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if (ToEntry((string)ids[i]!, await reads[i]) is { } entry)
            {
                items.Add(entry);
            }
        }

        return new JobPage(items, (int)Math.Min(int.MaxValue, await total), offset, limit);
    }

    /// <summary>Jobs per status.</summary>
    public async Task<IReadOnlyDictionary<JobStatus, int>> CountsAsync()
    {
        var db = Db;
        var batch = db.CreateBatch();
        var lengths = Enum.GetValues<JobStatus>().Select(s => (Status: s, Length: batch.SortedSetLengthAsync(_keys.JobStatusPrefix + s.ToWire()))).ToList();
        batch.Execute();
        var counts = new Dictionary<JobStatus, int>();
        foreach (var (status, length) in lengths)
        {
            counts[status] = (int)Math.Min(int.MaxValue, await length);
        }

        return counts;
    }

    /// <summary>
    /// Reserves (owner, key) for <paramref name="jobId"/> and <paramref name="requestFingerprint"/>, or returns the live
    /// reservation someone else made; a reservation made more than <see cref="IdempotencyKeyLifetime"/> before
    /// <paramref name="now"/> no longer counts.
    /// </summary>
    public async Task<IdempotencyReservation?> ReserveIdempotencyKeyAsync(string? owner, string key, string requestFingerprint, Guid jobId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(requestFingerprint);
        owner ??= string.Empty;
        RedisKey reservation = _keys.IdempotencyPrefix + owner.Length.ToString(CultureInfo.InvariantCulture) + ":" + owner + ":" + key;
        var result = await Db.ScriptEvaluateAsync(
            ReserveScript.ExecutableScript,
            [reservation],
            [jobId.ToString("D"), requestFingerprint, now.ToUnixTimeMilliseconds(), (long)IdempotencyKeyLifetime.TotalMilliseconds]);
        if (result.IsNull)
        {
            return null;
        }

        var fields = (RedisValue[])result!;
        return new IdempotencyReservation(Guid.Parse((string)fields[0]!, CultureInfo.InvariantCulture), (string)fields[1]!);
    }

    private static readonly RedisValue[] EntryFields = ["s", "f", "c", "o"];

    private RedisKey ListingKey(JobStatus? status, string? owner) => (status, owner) switch
    {
        (null, null) => _keys.JobsAll,
        ({ } s, null) => _keys.JobStatusPrefix + s.ToWire(),
        (null, { } o) => OwnerKey(o),
        ({ } s, { } o) => OwnerKey(o) + ":status:" + s.ToWire(),
    };

    // Length-prefixed, as the scripts write it, so no owner name can reach into another's keys.
    private string OwnerKey(string owner) => _keys.JobOwnerPrefix + owner.Length.ToString(CultureInfo.InvariantCulture) + ":" + owner;

    private static JobListEntry? ToEntry(string id, RedisValue[] fields)
    {
        // An entry dropped between reading the listing and reading the entry is left out of the page.
        if (fields[0].IsNull || !JobStatusTransitions.TryParseWire(fields[0], out var status))
        {
            return null;
        }

        var owner = (string?)fields[3];
        return new JobListEntry(
            Guid.ParseExact(id, "N"),
            status,
            (string?)fields[1] ?? string.Empty,
            DateTimeOffset.FromUnixTimeMilliseconds((long)fields[2]),
            string.IsNullOrEmpty(owner) ? null : owner);
    }
}
