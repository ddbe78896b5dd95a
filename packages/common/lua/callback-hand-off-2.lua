--[[
  A deliverer hands its task's callbacks to a retry job: its delivery failed, and the task's
  later callbacks must wait behind the retries. The lease becomes `job:<id>`, so neither a new
  publisher nor the sweep delivers them meanwhile; the sweep looks again at ARGV[4] and takes
  over if the job is gone.

  KEYS[1]  the task's delivery lease
  KEYS[2]  the due set
  ARGV[1]  the caller's lease token
  ARGV[2]  the new holder, `job:<id>`
  ARGV[3]  how long the job may hold the lease, ms (longer than its whole retry schedule)
  ARGV[4]  when the sweep should check on the job, ms
  ARGV[5]  the task id

  Returns 1, or 0 when the caller no longer holds the lease.
]]
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
return 1
