namespace WhatsTheTab.Grains.Jobs;

/// <summary>The Lua scripts of <see cref="RedisJobIndex"/>: each change to the listing is one atomic script.</summary>
internal static class JobIndexScripts
{
    /// <summary>
    /// Records a job's listing entry unless a newer version is there, moving it between the per-status (and per-owner)
    /// listings, then drops the oldest jobs beyond the bound. KEYS: all, entry. ARGV: id, version, status, score,
    /// file name, owner ('' for none), status-key prefix, owner-key prefix, entry-key prefix, max entries.
    /// Returns 1 when recorded, 0 when an equal or newer version was already there.
    /// </summary>
    public const string Record = """
        local function owner_key(prefix, owner) return prefix .. #owner .. ':' .. owner end
        local old_version = redis.call('HGET', KEYS[2], 'v')
        if old_version and tonumber(old_version) >= tonumber(ARGV[2]) then return 0 end
        local old_status = redis.call('HGET', KEYS[2], 's')
        local id, status, score, owner = ARGV[1], ARGV[3], ARGV[4], ARGV[6]
        if old_status and old_status ~= status then
          redis.call('ZREM', ARGV[7] .. old_status, id)
          if owner ~= '' then redis.call('ZREM', owner_key(ARGV[8], owner) .. ':status:' .. old_status, id) end
        end
        redis.call('HSET', KEYS[2], 'v', ARGV[2], 's', status, 'f', ARGV[5], 'c', score, 'o', owner)
        redis.call('ZADD', KEYS[1], score, id)
        redis.call('ZADD', ARGV[7] .. status, score, id)
        if owner ~= '' then
          redis.call('ZADD', owner_key(ARGV[8], owner), score, id)
          redis.call('ZADD', owner_key(ARGV[8], owner) .. ':status:' .. status, score, id)
        end
        local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[10])
        if excess > 0 then
          for _, victim in ipairs(redis.call('ZRANGE', KEYS[1], 0, excess - 1)) do
            local entry = ARGV[9] .. victim
            local s = redis.call('HGET', entry, 's')
            local o = redis.call('HGET', entry, 'o')
            redis.call('ZREM', KEYS[1], victim)
            if s then redis.call('ZREM', ARGV[7] .. s, victim) end
            if o and o ~= '' then
              redis.call('ZREM', owner_key(ARGV[8], o), victim)
              if s then redis.call('ZREM', owner_key(ARGV[8], o) .. ':status:' .. s, victim) end
            end
            redis.call('DEL', entry)
          end
        end
        return 1
        """;

    /// <summary>
    /// Reserves an Idempotency-Key unless a live reservation exists. KEYS: reservation. ARGV: job id, fingerprint, now
    /// (Unix ms), lifetime (ms). Returns nil when reserved now, else { job id, fingerprint } of the live reservation.
    /// </summary>
    public const string Reserve = """
        local at = redis.call('HGET', KEYS[1], 'at')
        if at and tonumber(at) + tonumber(ARGV[4]) > tonumber(ARGV[3]) then
          return redis.call('HMGET', KEYS[1], 'job', 'fp')
        end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'job', ARGV[1], 'fp', ARGV[2], 'at', ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return nil
        """;
}
