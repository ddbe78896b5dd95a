--[[
  The deliverer of a task's callbacks settled one (delivered, coalesced or given up): forget it
  and hand back the next one, or give the lease up when none is left.

  KEYS[1]  the task's pending callbacks (hash, see callback-push-4.lua)
  KEYS[2]  the task's delivery lease
  KEYS[3]  the due set
  ARGV[1]  the caller's lease token
  ARGV[2]  the settled revision, or '' (none: just the first pending one)
  ARGV[3]  lease, ms
  ARGV[4]  the task id
  ARGV[5]  how long the pending hash outlives its last callback, seconds (late duplicates)

  Returns {revision, entry JSON, pending count} of the next pending callback (the lease is
  renewed); {0} when none is left (the lease is released); {-1} when the caller no longer holds
  the lease (it stops: somebody else delivers now).
]]
--- @include "hand-on"

if redis.call('GET', KEYS[2]) ~= ARGV[1] then return {-1} end
if ARGV[2] ~= '' then
  -- Settled in revision order (one deliverer at a time, first pending first): it is the highest.
  redis.call('HDEL', KEYS[1], ARGV[2])
  redis.call('HSET', KEYS[1], '_done', ARGV[2])
end
return handOn(ARGV[3], ARGV[4], ARGV[5])
