--[[
  Creates a task, admitting it only while the accounts that could run it have room in their
  wait queues. Variable number of keys: 3 fixed ones, then one waiting set per eligible account.

  KEYS[1]    the task hash
  KEYS[2]    the by-submit-time sorted set
  KEYS[3]    the task's event stream
  KEYS[4..]  the waiting sets (tasks admitted and not yet claimed for sending) of each account
             that may run the task; none for a task that waits for no account
  ARGV[1]    how many tasks may wait for those accounts together (-1: no limit)
  ARGV[2]    submit time (score)
  ARGV[3]    the task id
  ARGV[4]    TTL in seconds for a task born terminal, or 0
  ARGV[5]    the eligible account ids as a JSON array (recorded as `waitingOn`)
  ARGV[6]    the oldest submit time still kept: older entries of the by-submit-time set belong
             to tasks that have expired and are trimmed (ms); '' to leave the set untrimmed
             (the caller trims now and then, not on every create)
  ARGV[7..]  field, JSON value pairs of the task

  Returns 1 when created, 0 when the wait queue of those accounts is full.

  Admission counts the distinct tasks waiting for any of the eligible accounts, so a relax task
  is not refused because fast accounts are busy, and a task is added to every eligible account's
  set (it may take a slot on any of them). A task leaves the sets when it is claimed for sending
  (claim-send) or leaves NOT_START (update-task).
]]
local maxWaiting = tonumber(ARGV[1])
if maxWaiting >= 0 and #KEYS > 3 then
  -- The union is at least the largest set and at most their sum: SUNION (as long as the queue)
  -- only when those bounds do not decide, so a deep queue does not slow every admission.
  local largest, sum = 0, 0
  for i = 4, #KEYS do
    local n = redis.call('SCARD', KEYS[i])
    sum = sum + n
    if n > largest then largest = n end
  end
  if largest >= maxWaiting then return 0 end
  if sum >= maxWaiting and #redis.call('SUNION', unpack(KEYS, 4)) >= maxWaiting then return 0 end
end
-- The task's fields, its `waitingOn` and revision 1 in one write; the same snapshot opens its event stream.
local fields = {unpack(ARGV, 7)}
if #KEYS > 3 then
  fields[#fields + 1] = 'waitingOn'
  fields[#fields + 1] = ARGV[5]
end
fields[#fields + 1] = '_rev'
fields[#fields + 1] = 1
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
if ARGV[6] ~= '' then redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[6]) end
if #KEYS > 3 then
  for i = 4, #KEYS do redis.call('SADD', KEYS[i], ARGV[3]) end
end
local ttl = tonumber(ARGV[4])
if ttl > 0 then redis.call('EXPIRE', KEYS[1], ttl) end
redis.call('XADD', KEYS[3], 'MAXLEN', '~', 200, '1-0', unpack(fields))
if ttl > 0 then redis.call('EXPIRE', KEYS[3], ttl) end
return 1
