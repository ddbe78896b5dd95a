-- After a callback of the task was settled by its lease holder (KEYS[1..3] of callback-next-3 and
-- callback-settle-4: pending hash, lease, due set): the next pending one with the lease renewed,
-- or, none being left, the lease released and the task out of the due set.
--- @include "pending-head"
local function handOn(leaseMs, taskId, settledMemoryS)
  local best, entry, n, fields = pendingHead(KEYS[1])
  if best == nil then
    redis.call('DEL', KEYS[2])
    redis.call('ZREM', KEYS[3], taskId)
    -- Kept a while only to refuse a late second publish of a settled change.
    if fields > 0 then redis.call('EXPIRE', KEYS[1], settledMemoryS) end
    return {0}
  end
  -- The due set keeps the time the lease was taken with: a sweep finding the lease renewed looks later.
  redis.call('PEXPIRE', KEYS[2], leaseMs)
  return {best, entry, n}
end
