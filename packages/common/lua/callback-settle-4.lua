--[[
  A callback delivered at once by the process that took the task's lease with the change
  (update-task.lua), never recorded: forget its outbox entry and give the lease up — unless
  callbacks were recorded meanwhile (a later change seen by another process, or the outbox relay
  recording this very one while its receiver was slow), which the caller then delivers in order.

  KEYS[1]  the task's pending callbacks (hash, see callback-push-4.lua)
  KEYS[2]  the task's delivery lease
  KEYS[3]  the due set
  KEYS[4]  the callback outbox
  ARGV[1]  the caller's lease token
  ARGV[2]  the delivered revision
  ARGV[3]  its outbox member
  ARGV[4]  lease, ms
  ARGV[5]  the task id
  ARGV[6]  how long the pending hash outlives its last callback, seconds (late duplicates)
  ARGV[7]  '1' when the caller has more such callbacks of the task to deliver: it keeps the lease
           (renewed) and looks at recorded ones only after those

  Returns like callback-next-3.lua: {revision, entry JSON, pending count} of the next pending
  callback (the lease is renewed); {0} when none is (the lease is released, or kept with
  ARGV[7]); {-1} when the caller no longer holds the lease.
]]
--- @include "hand-on"

-- Gone from the outbox first: a relay pass after this finds nothing to record.
redis.call('ZREM', KEYS[4], ARGV[3])
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return {-1} end
local recorded = redis.call('EXISTS', KEYS[1]) == 1
if recorded then
  -- Recorded meanwhile by the relay: delivered now, so settled (revision order: the lowest pending).
  redis.call('HDEL', KEYS[1], ARGV[2])
  if tonumber(ARGV[2]) > tonumber(redis.call('HGET', KEYS[1], '_done') or '0') then redis.call('HSET', KEYS[1], '_done', ARGV[2]) end
end
if ARGV[7] == '1' then
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
  return {0}
end
if not recorded then
  redis.call('DEL', KEYS[2])
  return {0}
end
return handOn(ARGV[4], ARGV[5], ARGV[6])
