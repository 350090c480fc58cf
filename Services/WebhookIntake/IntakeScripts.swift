import FintrakRedis

/// The Redis side of accepting a message, as Lua scripts so that each step is one atomic round trip.
enum IntakeScripts {
    /// Deduplicates, rate-limits and moves the conversation state in one step.
    ///
    /// KEYS: 1 the message's mark, 2 the sender's token bucket, 3 the sender's slow-down notice, 4 the sender's
    ///       conversation state, 5 this attempt's record (what it found, for running it again).
    /// ARGV: 1 correlation id, 2 mark expiry (s), 3 in-flight window (ms), 4 bucket capacity (0: no limit),
    ///       5 refill per minute, 6 notice expiry (s), 7 state change ('' keep, '-' clear).
    ///
    /// The mark is `p:<ms>:<correlation id>` while the publish is in flight and `d` once the broker confirmed
    /// (written by the caller). A repeat that finds `d` (or `limited`) is a duplicate; one that finds a fresh `p:`
    /// mark is in flight (the caller answers 503, the provider retries); a `p:` mark older than the window was
    /// left by a process that died before the confirm, so this attempt takes it over.
    ///
    /// Safe to run again for the same attempt (the same correlation id): when Redis went away after the script was
    /// sent and before its reply came, intake cannot know whether it ran. Run again, it finds its own mark and
    /// answers as the first run did, from the attempt's record, without taking a second token or clearing twice.
    ///
    /// Returns `{'duplicate'}`, `{'inflight'}`, `{'limited', 1 if the notice is due else 0}`, or
    /// `{'accepted', mark, previous state or nil}`.
    static let accept = RedisScript(#"""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local mark = 'p:' .. string.format('%d', now) .. ':' .. ARGV[1]
        if not redis.call('SET', KEYS[1], mark, 'NX', 'EX', ARGV[2]) then
          local seen = redis.call('GET', KEYS[1])
          if seen then
            local since, attempt = string.match(seen, '^p:(%d+):(.*)$')
            if not since then return {'duplicate'} end
            if attempt == ARGV[1] then
              local found = redis.call('GET', KEYS[5])
              if found then return {'accepted', seen, found ~= 'n' and string.sub(found, 2) or false} end
              return {'accepted', seen, redis.call('GET', KEYS[4])}
            end
            if now - tonumber(since) < tonumber(ARGV[3]) then return {'inflight'} end
          end
          redis.call('SET', KEYS[1], mark, 'EX', ARGV[2])
        end

        local capacity = tonumber(ARGV[4])
        if capacity > 0 then
          local rate = tonumber(ARGV[5]) / 60000
          local bucket = redis.call('HMGET', KEYS[2], 'tokens', 'at')
          local tokens = tonumber(bucket[1]) or capacity
          local at = tonumber(bucket[2]) or now
          tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
          local limited = tokens < 1
          if not limited then tokens = tokens - 1 end
          redis.call('HSET', KEYS[2], 'tokens', string.format('%.6f', tokens), 'at', string.format('%d', now))
          redis.call('PEXPIRE', KEYS[2], math.ceil((capacity - tokens) / rate) + 1000)
          if limited then
            redis.call('SET', KEYS[1], 'limited', 'EX', ARGV[2])
            if redis.call('SET', KEYS[3], '1', 'NX', 'EX', ARGV[6]) then return {'limited', 1} end
            return {'limited', 0}
          end
        end

        local previous = redis.call('GET', KEYS[4])
        if ARGV[7] == '-' and previous then redis.call('DEL', KEYS[4]) end
        redis.call('SET', KEYS[5], previous and ('s' .. previous) or 'n', 'PX', ARGV[3])
        return {'accepted', mark, previous}
        """#)

    /// Undoes `accept` after a failed publish, so that the provider's retry is processed as new and finds the state
    /// as it was: removes the mark if it is still this attempt's, puts back the state a "0" cleared unless a new one
    /// was written since, and returns the token.
    ///
    /// KEYS: 1 mark, 2 token bucket, 3 conversation state.
    /// ARGV: 1 the mark, 2 previous state ('' none), 3 the state change, 4 conversation expiry (s), 5 bucket
    ///       capacity.
    static let undo = RedisScript(#"""
        if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
        if ARGV[3] == '-' and ARGV[2] ~= '' and not redis.call('GET', KEYS[3]) then
          redis.call('SET', KEYS[3], ARGV[2], 'EX', ARGV[4])
        end
        local capacity = tonumber(ARGV[5])
        local tokens = tonumber(redis.call('HGET', KEYS[2], 'tokens'))
        if capacity > 0 and tokens then
          redis.call('HSET', KEYS[2], 'tokens', string.format('%.6f', math.min(capacity, tokens + 1)))
        end
        return 1
        """#)
}
