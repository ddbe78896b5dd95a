--[[
  Takes over a result copy whose listener's lease ran out (it died or hangs): of several
  listeners sweeping at once, exactly one gets it, with a lease of its own.

  KEYS[1]  the pending result copies (sorted set: task id, scored by lease deadline, ms)
  ARGV[1]  the task id
  ARGV[2]  now, ms
  ARGV[3]  the new lease deadline, ms

  Returns 1 when the copy is now this caller's; 0 when it is done or still held by another.
]]
local deadline = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not deadline or tonumber(deadline) > tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
return 1
