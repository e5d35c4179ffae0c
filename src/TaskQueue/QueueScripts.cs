namespace WhatsTheTab.TaskQueue;

/// <summary>
/// The Lua scripts of the queue: every multi-key transition is one script, so Redis (and Garnet with <c>--lua</c>) runs
/// it atomically. Times arrive in ARGV as Unix milliseconds; numbers leave through <c>string.format('%d')</c> so Lua 5.1
/// (Redis) and Lua 5.4 (Garnet) print them the same. Event JSON built here uses <c>cjson.encode</c> for strings only.
/// Keys a script touches are in KEYS, except the per-task hash of an id popped inside the claim and promote scripts
/// (unknown before they run; fine on a single Redis or Garnet, not on Redis Cluster). Garnet's transaction mode locks
/// only KEYS, so every script also names a list or sorted set that every conflicting script names too (queue,
/// processing, deadlines or delayed): that shared key serializes them.
/// </summary>
internal static class QueueScripts
{
    // Ownership: the hash says processing by this worker and the lease entry exists. A requeue or dead-letter clears
    // one of the three, so a worker whose lease was taken over fails this check even before anybody re-claims.
    private const string Prelude = """
        local function n(x) return string.format('%d', x) end
        local function owns(hash, deadlines, id, worker)
          local f = redis.call('HMGET', hash, 'status', 'worker')
          if f[1] ~= 'processing' or f[2] ~= worker then return false end
          return redis.call('ZSCORE', deadlines, id) ~= false
        end
        local function failed_json(id, worker, err, permanent, attempts, now, retry_at)
          local r = 'null'
          if retry_at then r = n(retry_at) end
          local p = 'false'
          if permanent then p = 'true' end
          return '{"task_id":' .. cjson.encode(id) .. ',"worker_id":' .. cjson.encode(worker) .. ',"error":' .. cjson.encode(err)
            .. ',"permanent":' .. p .. ',"attempts":' .. n(attempts) .. ',"failed_at":' .. now .. ',"retry_at":' .. r .. '}'
        end
        local function new_json(id, now)
          return '{"task_id":' .. cjson.encode(id) .. ',"enqueued_at":' .. now .. '}'
        end
        local function dead_letter(hash, failed, id, reason, now, ttl)
          redis.call('RPUSH', failed, id)
          redis.call('HSET', hash, 'status', 'failed', 'error', reason, 'updated_at', now)
          redis.call('HDEL', hash, 'retry_at')
          redis.call('EXPIRE', hash, ttl)
        end

        """;

    /// <summary>
    /// KEYS: queue, task hash. ARGV: id, payload, now, new-channel.
    /// Returns 1 enqueued, 0 already active (pending/processing/delayed), 2 already finished (completed/failed).
    /// </summary>
    public const string Enqueue = Prelude + """
        local status = redis.call('HGET', KEYS[2], 'status')
        if status == 'pending' or status == 'processing' or status == 'delayed' then return 0 end
        if status == 'completed' or status == 'failed' then return 2 end
        redis.call('DEL', KEYS[2])
        redis.call('HSET', KEYS[2], 'payload', ARGV[2], 'status', 'pending', 'attempts', '0', 'created_at', ARGV[3], 'updated_at', ARGV[3])
        redis.call('RPUSH', KEYS[1], ARGV[1])
        redis.call('PUBLISH', ARGV[4], new_json(ARGV[1], ARGV[3]))
        return 1
        """;

    /// <summary>
    /// KEYS: queue, processing, deadlines. ARGV: worker, now, lease deadline, task-key prefix, claimed-channel.
    /// Moves the oldest id (LMOVE LEFT RIGHT), leases it, counts the attempt, publishes task:claimed.
    /// Returns false when the queue is empty, else {id, payload, attempt}.
    /// </summary>
    public const string Claim = Prelude + """
        local id = redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT')
        if not id then return false end
        local hash = ARGV[4] .. id
        redis.call('ZADD', KEYS[3], ARGV[3], id)
        local attempt = redis.call('HINCRBY', hash, 'attempts', 1)
        redis.call('HSET', hash, 'status', 'processing', 'worker', ARGV[1], 'claimed_at', ARGV[2], 'updated_at', ARGV[2], 'current_chunk', '0', 'total_chunks', '0')
        redis.call('HSETNX', hash, 'created_at', ARGV[2])
        redis.call('HDEL', hash, 'retry_at')
        redis.call('PERSIST', hash)
        local payload = redis.call('HGET', hash, 'payload')
        if not payload then payload = '' end
        redis.call('PUBLISH', ARGV[5], '{"task_id":' .. cjson.encode(id) .. ',"worker_id":' .. cjson.encode(ARGV[1]) .. ',"attempt":' .. n(attempt)
          .. ',"claimed_at":' .. ARGV[2] .. ',"lease_deadline":' .. ARGV[3] .. '}')
        return {id, payload, attempt}
        """;

    /// <summary>KEYS: deadlines, task hash. ARGV: id, worker, new deadline, now. Returns 1 renewed, 0 not the owner.</summary>
    public const string Renew = Prelude + """
        if not owns(KEYS[2], KEYS[1], ARGV[1], ARGV[2]) then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
        redis.call('HSET', KEYS[2], 'updated_at', ARGV[4])
        return 1
        """;

    /// <summary>
    /// KEYS: deadlines, task hash. ARGV: id, worker, new deadline, now, chunk, total, progress-channel, event JSON.
    /// Records progress, renews the lease, publishes task:progress:{id}. Returns 1, or 0 when not the owner.
    /// </summary>
    public const string Progress = Prelude + """
        if not owns(KEYS[2], KEYS[1], ARGV[1], ARGV[2]) then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
        redis.call('HSET', KEYS[2], 'current_chunk', ARGV[5], 'total_chunks', ARGV[6], 'updated_at', ARGV[4])
        redis.call('PUBLISH', ARGV[7], ARGV[8])
        return 1
        """;

    /// <summary>
    /// KEYS: processing, deadlines, results, task hash. ARGV: id, worker, now, completed TTL seconds (0 keeps), completed-channel.
    /// Returns 1 completed, 0 not the owner (nothing changed).
    /// </summary>
    public const string Ack = Prelude + """
        if not owns(KEYS[4], KEYS[2], ARGV[1], ARGV[2]) then return 0 end
        redis.call('LREM', KEYS[1], 0, ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        redis.call('HSET', KEYS[4], 'status', 'completed', 'updated_at', ARGV[3])
        if tonumber(ARGV[4]) > 0 then redis.call('EXPIRE', KEYS[4], ARGV[4]) end
        redis.call('RPUSH', KEYS[3], ARGV[1])
        local attempt = tonumber(redis.call('HGET', KEYS[4], 'attempts')) or 0
        redis.call('PUBLISH', ARGV[5], '{"task_id":' .. cjson.encode(ARGV[1]) .. ',"worker_id":' .. cjson.encode(ARGV[2])
          .. ',"attempt":' .. n(attempt) .. ',"completed_at":' .. ARGV[3] .. '}')
        return 1
        """;

    /// <summary>
    /// KEYS: processing, deadlines, delayed, failed, task hash.
    /// ARGV: id, worker, now, error, permanent (1/0), max attempts, back-off base ms, back-off max ms, jitter factor,
    /// dead-letter TTL seconds, failed-channel.
    /// Permanent, or out of attempts: dead letter. Otherwise: task:delayed with due = now + min(max, base·2^(attempts−1))·factor.
    /// Returns {0} not the owner, {1, due} retry scheduled, {2} dead-lettered.
    /// </summary>
    public const string Fail = Prelude + """
        if not owns(KEYS[5], KEYS[2], ARGV[1], ARGV[2]) then return {0} end
        local attempts = tonumber(redis.call('HGET', KEYS[5], 'attempts')) or 0
        redis.call('LREM', KEYS[1], 0, ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        local permanent = ARGV[5] == '1'
        if permanent or attempts >= tonumber(ARGV[6]) then
          local reason = ARGV[4]
          if not permanent then reason = 'gave up after ' .. n(attempts) .. ' attempts; last error: ' .. ARGV[4] end
          dead_letter(KEYS[5], KEYS[4], ARGV[1], reason, ARGV[3], ARGV[10])
          redis.call('PUBLISH', ARGV[11], failed_json(ARGV[1], ARGV[2], reason, true, attempts, ARGV[3], nil))
          return {2}
        end
        local exponent = attempts - 1
        if exponent < 0 then exponent = 0 end
        if exponent > 40 then exponent = 40 end
        local delay = tonumber(ARGV[7]) * (2 ^ exponent)
        if delay > tonumber(ARGV[8]) then delay = tonumber(ARGV[8]) end
        delay = math.floor(delay * tonumber(ARGV[9]))
        local due = math.floor(tonumber(ARGV[3]) + delay)
        redis.call('ZADD', KEYS[3], n(due), ARGV[1])
        redis.call('HSET', KEYS[5], 'status', 'delayed', 'error', ARGV[4], 'updated_at', ARGV[3], 'retry_at', n(due))
        redis.call('HDEL', KEYS[5], 'worker')
        redis.call('PUBLISH', ARGV[11], failed_json(ARGV[1], ARGV[2], ARGV[4], false, attempts, ARGV[3], due))
        return {1, n(due)}
        """;

    /// <summary>
    /// KEYS: queue, processing, deadlines, task hash. ARGV: id, worker, now, new-channel.
    /// Graceful shutdown: back to the front of the queue, the attempt given back, the lease removed. Returns 1, or 0 when not the owner.
    /// </summary>
    public const string HandBack = Prelude + """
        if not owns(KEYS[4], KEYS[3], ARGV[1], ARGV[2]) then return 0 end
        redis.call('LREM', KEYS[2], 0, ARGV[1])
        redis.call('ZREM', KEYS[3], ARGV[1])
        redis.call('LPUSH', KEYS[1], ARGV[1])
        local attempts = tonumber(redis.call('HGET', KEYS[4], 'attempts')) or 0
        if attempts > 0 then redis.call('HINCRBY', KEYS[4], 'attempts', -1) end
        redis.call('HSET', KEYS[4], 'status', 'pending', 'updated_at', ARGV[3])
        redis.call('HDEL', KEYS[4], 'worker')
        redis.call('PUBLISH', ARGV[4], new_json(ARGV[1], ARGV[3]))
        return 1
        """;

    /// <summary>
    /// KEYS: queue, processing, deadlines, failed, task hash, worker heartbeat key (of the worker the caller saw).
    /// ARGV: id, now, worker the caller saw ('' for none), max attempts, dead-letter TTL seconds, failed-channel, new-channel.
    /// Re-checks inside the script that the lease is still the one the caller saw (same worker, still leased) and that
    /// it expired or its worker's heartbeat is gone, so racing supervisors recover each lease once.
    /// Returns {0} nothing to do, {1, reason, attempts} requeued at the front, {2, reason, attempts} dead-lettered as poison.
    /// </summary>
    public const string Recover = Prelude + """
        local deadline = redis.call('ZSCORE', KEYS[3], ARGV[1])
        if not deadline then return {0} end
        local f = redis.call('HMGET', KEYS[5], 'worker', 'attempts', 'status')
        local worker = f[1]
        if not worker then worker = '' end
        if worker ~= ARGV[3] then return {0} end
        local reason
        if tonumber(deadline) < tonumber(ARGV[2]) then
          reason = 'lease expired'
        elseif worker ~= '' and redis.call('EXISTS', KEYS[6]) == 0 then
          reason = 'worker heartbeat lost'
        else
          return {0}
        end
        if worker ~= '' then reason = reason .. ' (worker ' .. worker .. ')' end
        local removed = redis.call('LREM', KEYS[2], 0, ARGV[1])
        redis.call('ZREM', KEYS[3], ARGV[1])
        if removed == 0 and f[3] ~= 'processing' then return {0} end
        local attempts = tonumber(f[2]) or 0
        if attempts >= tonumber(ARGV[4]) then
          local why = 'poison job: gave up after ' .. n(attempts) .. ' attempts; last: ' .. reason
          dead_letter(KEYS[5], KEYS[4], ARGV[1], why, ARGV[2], ARGV[5])
          redis.call('HDEL', KEYS[5], 'worker')
          redis.call('PUBLISH', ARGV[6], failed_json(ARGV[1], worker, why, true, attempts, ARGV[2], nil))
          return {2, why, attempts}
        end
        redis.call('LPUSH', KEYS[1], ARGV[1])
        redis.call('HSET', KEYS[5], 'status', 'pending', 'error', reason, 'updated_at', ARGV[2])
        redis.call('HDEL', KEYS[5], 'worker')
        redis.call('PUBLISH', ARGV[6], failed_json(ARGV[1], worker, reason, false, attempts, ARGV[2], nil))
        redis.call('PUBLISH', ARGV[7], new_json(ARGV[1], ARGV[2]))
        return {1, reason, attempts}
        """;

    /// <summary>
    /// KEYS: processing, deadlines. ARGV: id, deadline.
    /// Gives a lease to an id that sits in task:processing without one (a raw-command worker that moved it without ZADD),
    /// so an abandoned one is recovered once that lease runs out. Returns 1 adopted, 0 nothing to do.
    /// </summary>
    public const string Adopt = """
        if redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 0 end
        if not redis.call('LPOS', KEYS[1], ARGV[1]) then return 0 end
        redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
        return 1
        """;

    /// <summary>
    /// KEYS: delayed, queue. ARGV: now, batch size, task-key prefix, new-channel.
    /// Moves due ids (score ≤ now) to the back of the queue. Returns the ids moved.
    /// </summary>
    public const string Promote = Prelude + """
        local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', '0', ARGV[2])
        local moved = {}
        for _, id in ipairs(ids) do
          if redis.call('ZREM', KEYS[1], id) == 1 then
            redis.call('RPUSH', KEYS[2], id)
            local hash = ARGV[3] .. id
            redis.call('HSET', hash, 'status', 'pending', 'updated_at', ARGV[1])
            redis.call('HDEL', hash, 'retry_at')
            redis.call('PUBLISH', ARGV[4], new_json(id, ARGV[1]))
            moved[#moved + 1] = id
          end
        end
        return moved
        """;

    /// <summary>
    /// KEYS: queue, failed, task hash. ARGV: id, now, new-channel.
    /// Runs a dead-lettered task again: out of task:failed, expiry cleared, attempts reset, pushed to the queue.
    /// Returns 1 requeued, 0 when the task is not dead-lettered (or its hash already expired).
    /// </summary>
    public const string Retry = Prelude + """
        if redis.call('HGET', KEYS[3], 'status') ~= 'failed' then return 0 end
        redis.call('LREM', KEYS[2], 0, ARGV[1])
        redis.call('PERSIST', KEYS[3])
        redis.call('HSET', KEYS[3], 'status', 'pending', 'attempts', '0', 'updated_at', ARGV[2])
        redis.call('HDEL', KEYS[3], 'error', 'worker', 'retry_at')
        redis.call('RPUSH', KEYS[1], ARGV[1])
        redis.call('PUBLISH', ARGV[3], new_json(ARGV[1], ARGV[2]))
        return 1
        """;

    /// <summary>
    /// KEYS: worker key. ARGV: TTL ms, host, device, current task, completed, failed, started at, last seen.
    /// Writes the heartbeat and its TTL together.
    /// </summary>
    public const string Heartbeat = """
        redis.call('HSET', KEYS[1], 'host', ARGV[2], 'device', ARGV[3], 'current_task', ARGV[4], 'completed', ARGV[5], 'failed', ARGV[6], 'started_at', ARGV[7], 'last_seen', ARGV[8])
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return 1
        """;

    /// <summary>
    /// KEYS: results. ARGV: id. Moves one occurrence of a result id whose routing failed to the back of task:results,
    /// so it does not block the ids behind it. Returns 1 moved, 0 when another router already removed it.
    /// </summary>
    public const string RotateResult = """
        if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 1 then
          redis.call('RPUSH', KEYS[1], ARGV[1])
          return 1
        end
        return 0
        """;
}
