--[[
  Applies one forward-only status change to a task, atomically, and keeps its scheduling state
  true in the same step. Mirrors canTransition (task.ts), which is the specification;
  test/task-store.test.ts checks both agree on every pair of statuses.

  KEYS[1]  the task hash
  KEYS[2]  the task's event stream
  KEYS[3]  the callback outbox (sorted set)
  ARGV[1]  STATUS_RANK as JSON
  ARGV[2]  the new status
  ARGV[3]  the new progress, or '' for none
  ARGV[4]  prefix of the per-status sets (+ status)
  ARGV[5]  the task id
  ARGV[6]  TTL of a finished task, seconds
  ARGV[7]  the terminal rank
  ARGV[8]  prefix of the per-account slot sets (+ account id)
  ARGV[9]  the deadlines sorted set
  ARGV[10] now, ms
  ARGV[11] idle timeout of the new status, ms
  ARGV[12] slot lease, ms
  ARGV[13] pub/sub channel of freed slots
  ARGV[14] prefix of the per-account waiting sets (+ account id)
  ARGV[15..] field, JSON value pairs to set with the change

  Returns the whole hash after the change, or nil when it was refused (unknown task, terminal
  task, a backwards move, progress that does not grow): replays are no-ops.

  Guarantees, in the same step as the change:
  - a task leaving NOT_START leaves the waiting sets it was admitted into;
  - a live task's idle deadline and slot lease move forward;
  - a terminal task leaves the deadlines and frees its account slot (the account is published,
    so a job parked for a slot wakes) — except a CANCEL of a task Midjourney may be running (it
    holds a slot: it was claimed for sending): that slot stays taken, with its deadline, until
    the job's end is seen (release-ended-job) or the deadline passes;
  - a task waiting in MODAL gives its slot back (a person, not Midjourney, holds it up);
  - the snapshot after the change is appended to the task's event stream as `<revision>-0`;
  - a change a callback reports (MODAL onwards) enters the callback outbox.
]]
local current = redis.call('HGET', KEYS[1], 'status')
if not current then return nil end
local ranks = cjson.decode(ARGV[1])
local from = cjson.decode(current)
local to = ARGV[2]
local progress = ARGV[3]
local statusPrefix, taskId, ttl, terminalRank = ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
local slotPrefix, deadlines, now, idleMs, leaseMs = ARGV[8], ARGV[9], tonumber(ARGV[10]), tonumber(ARGV[11]), tonumber(ARGV[12])
local freedChannel, waitingPrefix = ARGV[13], ARGV[14]
local fromRank = ranks[from]
local toRank = ranks[to]
if fromRank >= terminalRank then return nil end
local allowed = toRank > fromRank
if (not allowed) and toRank == fromRank and to == 'IN_PROGRESS' and progress ~= '' then
  local currentProgress = tonumber(redis.call('HGET', KEYS[1], 'progress') or '0')
  allowed = tonumber(progress) > currentProgress
end
if not allowed then return nil end

for i = 15, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('HSET', KEYS[1], 'status', cjson.encode(to))
if progress ~= '' then redis.call('HSET', KEYS[1], 'progress', progress) end
if from ~= to then
  redis.call('SREM', statusPrefix .. from, taskId)
  redis.call('SADD', statusPrefix .. to, taskId)
end
if from == 'NOT_START' then
  local waitingOn = redis.call('HGET', KEYS[1], 'waitingOn')
  if waitingOn then
    for _, accountId in ipairs(cjson.decode(waitingOn)) do redis.call('SREM', waitingPrefix .. accountId, taskId) end
    redis.call('HDEL', KEYS[1], 'waitingOn')
  end
end

local encodedAccount = redis.call('HGET', KEYS[1], 'accountId')
local accountId = encodedAccount and cjson.decode(encodedAccount)
local slotKey = accountId and (slotPrefix .. accountId)
local function freeSlot()
  if slotKey and redis.call('ZREM', slotKey, taskId) == 1 then redis.call('PUBLISH', freedChannel, accountId) end
end
if toRank >= terminalRank then
  redis.call('EXPIRE', KEYS[1], ttl)
  if to == 'CANCEL' and slotKey and redis.call('ZSCORE', slotKey, taskId) then
    redis.call('ZADD', deadlines, now + idleMs, taskId)
  else
    redis.call('ZREM', deadlines, taskId)
    freeSlot()
  end
elseif toRank >= ranks['SUBMITTED'] then
  redis.call('ZADD', deadlines, now + idleMs, taskId)
  if to == 'MODAL' then freeSlot()
  elseif slotKey then redis.call('ZADD', slotKey, 'XX', now + leaseMs, taskId) end
end

local revision = redis.call('HINCRBY', KEYS[1], '_rev', 1)
local snapshot = redis.call('HGETALL', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', 200, revision .. '-0', unpack(snapshot))
if toRank >= terminalRank then redis.call('EXPIRE', KEYS[2], ttl) end
if toRank >= ranks['MODAL'] then redis.call('ZADD', KEYS[3], now, taskId .. ':' .. revision) end
return snapshot
