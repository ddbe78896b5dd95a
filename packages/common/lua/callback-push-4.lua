--[[
  Records an applied change's callback in its task's pending callbacks and, when asked and
  nobody delivers the task's callbacks now, makes the caller their deliverer (the lease). One
  deliverer per task at a time is what keeps a task's callbacks in revision order.

  KEYS[1]  the task's pending callbacks (hash: revision → entry JSON; `_done` = the highest
           revision settled: delivered, coalesced or given up)
  KEYS[2]  the task's delivery lease (string: the holder's token)
  KEYS[3]  the due set (sorted set: task id → when somebody should look at its callbacks)
  KEYS[4]  the callback outbox (sorted set of `<taskId>:<revision>`)
  ARGV[1]  the change's revision
  ARGV[2]  the entry JSON
  ARGV[3]  the outbox member to clear, or ''
  ARGV[4]  a lease token to claim with, or '' (this process does not deliver)
  ARGV[5]  lease, ms
  ARGV[6]  now, ms
  ARGV[7]  TTL of the pending callbacks, seconds
  ARGV[8]  the task id

  Returns {revision, entry JSON, pending count} of the task's first pending callback when the
  lease was claimed (the caller delivers it, then calls callback-next); {} otherwise. A change
  already settled or already pending (a second publisher of the same change), or whose outbox
  entry is gone (delivered at once by the process that took the lease with it, callback-settle-4),
  is not added again.
]]
--- @include "pending-head"

local rev, leaseMs, now, taskId = tonumber(ARGV[1]), tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[8]
-- Its outbox entry gone: recorded or delivered already (by its publisher or the relay) — unless
-- the caller holds the lease: it took it with the change, tried at once, failed, and records now.
if ARGV[3] ~= '' and redis.call('ZREM', KEYS[4], ARGV[3]) == 0 then
  if ARGV[4] == '' or redis.call('GET', KEYS[2]) ~= ARGV[4] then return {} end
end
local done = tonumber(redis.call('HGET', KEYS[1], '_done') or '0')
-- Settled already: a late second publish of the same change.
if rev <= done then return {} end
redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[7])

local holder = redis.call('GET', KEYS[2])
-- The caller's own token: a retried push whose first reply was lost.
if ARGV[4] ~= '' and (not holder or holder == ARGV[4]) then
  redis.call('SET', KEYS[2], ARGV[4], 'PX', leaseMs)
  local first, entry, n = pendingHead(KEYS[1])
  if first == nil then
    redis.call('DEL', KEYS[2])
    return {}
  end
  redis.call('ZADD', KEYS[3], now + leaseMs, taskId)
  return {first, entry, n}
end
-- Whoever holds the lease delivers it too; with nobody holding it, the sweep does, at once.
redis.call('ZADD', KEYS[3], 'NX', now, taskId)
return {}
