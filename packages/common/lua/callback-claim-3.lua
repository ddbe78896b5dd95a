--[[
  Takes over a task's callbacks: the sweep's way in (a deliverer died, a publisher that does not
  deliver, a retry job that is gone) and a retry job's (it holds the lease as `job:<id>`).

  KEYS[1]  the task's pending callbacks (hash, see callback-push-4.lua)
  KEYS[2]  the task's delivery lease
  KEYS[3]  the due set
  ARGV[1]  the new lease token
  ARGV[2]  the holder the caller expects ('' = nobody)
  ARGV[3]  lease, ms
  ARGV[4]  now, ms
  ARGV[5]  the task id

  Returns {revision, entry JSON, pending count} of the first pending callback (the caller now
  holds the lease and delivers it); {0} when nothing is pending (the task leaves the due set);
  {-1, holder, lease ms left} when the lease is held by someone other than expected.
]]
--- @include "pending-head"

local holder = redis.call('GET', KEYS[2])
if (holder or '') ~= ARGV[2] then return {-1, holder or '', redis.call('PTTL', KEYS[2])} end
local best, entry, n = pendingHead(KEYS[1])
if best == nil then
  if holder then redis.call('DEL', KEYS[2]) end
  redis.call('ZREM', KEYS[3], ARGV[5])
  return {0}
end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
redis.call('ZADD', KEYS[3], tonumber(ARGV[4]) + tonumber(ARGV[3]), ARGV[5])
return {best, entry, n}
