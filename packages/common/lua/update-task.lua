--[[
  Applies one forward-only status change to a task, atomically, and keeps its scheduling state
  true in the same step. Mirrors canTransition (task.ts), which is the specification;
  test/task-store.test.ts checks both agree on every pair of statuses.

  Variable number of keys, all read by the caller first (TaskStore.apply), so that every key
  the script touches is declared (Redis Cluster):
  KEYS[1]  the task hash
  KEYS[2]  the task's event stream
  KEYS[3]  the callback outbox (sorted set)
  KEYS[4]  the deadlines sorted set
  KEYS[5]  the task's pending callbacks (hash, callback-push-4.lua)
  KEYS[6]  the task's callback delivery lease
  KEYS[7]  the slot set of the task's account as the caller read it (any key when it has none)
  KEYS[8]  the result copies under way (sorted set, result-copies.ts)
  KEYS[9..] the waiting sets of the accounts in the task's `waitingOn`, as the caller read it
  ARGV[1]  STATUS_RANK as JSON
  ARGV[2]  the new status
  ARGV[3]  the new progress, or '' for none
  ARGV[4]  the task id
  ARGV[5]  TTL of a finished task, seconds
  ARGV[6]  the terminal rank
  ARGV[7]  now, ms
  ARGV[8]  idle timeout of the new status, ms
  ARGV[9]  slot lease, ms
  ARGV[10] pub/sub channel of freed slots
  ARGV[11] the task's account id as the caller read it, or ''
  ARGV[12] the task's `waitingOn` (JSON) as the caller read it, or ''
  ARGV[13] how long the event stream outlives the task's end, seconds (SSE replay, outbox relay)
  ARGV[14] the least time between two progress callbacks of the task, ms (0: every one)
  ARGV[15] a callback lease token, or '' (the caller does not deliver callbacks)
  ARGV[16] callback lease, ms
  ARGV[17] '1' when a default callback URL is configured (a task without its own has callbacks)
  ARGV[18] when the change owes a copy of its result files: the copier's lease deadline, ms; else ''
  ARGV[19..] field, JSON value pairs to set with the change

  Returns {the whole hash after the change, 1 when the caller took the callback lease else 0};
  nil when it was refused (unknown task, terminal
  task, a backwards move, progress that does not grow): replays are no-ops; 0 when the account
  or `waitingOn` differ from what the caller read (it reads them again and retries).

  Guarantees, in the same step as the change:
  - a task leaving NOT_START leaves the waiting sets it was admitted into;
  - a live task's idle deadline and slot lease move forward (a step within a tenth of the idle
    timeout of the last move, by a step or by claim-send, leaves them: still at least 9/10 away;
    entering or leaving MODAL always moves them);
  - a terminal task leaves the deadlines and frees its account slot (the account is published,
    so a job parked for a slot wakes) — except a CANCEL of a task Midjourney may be running (it
    holds a slot: it was claimed for sending): that slot stays taken, with its deadline, until
    the job's end is seen (release-ended-job) or the deadline passes;
  - a task waiting in MODAL gives its slot back (a person, not Midjourney, holds it up);
  - the snapshot after the change is appended to the task's event stream as `<revision>-0`;
  - a result whose files are still to be copied enters the result copies (ARGV[18]);
  - a change a callback reports (MODAL onwards) enters the callback outbox — except a progress
    step that comes sooner than ARGV[14] after the last reported one: it is marked quiet
    (`_quiet` = its revision) and reaches only the event stream (SSE); the next step or the end
    reports the state anyway;
  - with a lease token, when the change has a callback, none of the task's callbacks is recorded
    and the lease is free or already the caller's, the caller takes (or keeps) the task's
    callback lease: it delivers this callback itself, in order after any it is delivering now,
    and records it only if that fails (the outbox entry covers a crash).
]]
-- One read of the whole hash: the decision's fields, and the snapshot after the change built from
-- it here, rather than read again once written (one command fewer per step).
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then return nil end
local hash = {}
for i = 1, #fields, 2 do hash[fields[i]] = fields[i + 1] end
local stored = {hash.status, hash.accountId, hash.waitingOn, hash.progress, hash._progressAt, hash._rev, hash._touchedAt, hash.callbackUrl}
local current = stored[1]
if not current then return nil end
local ranks = cjson.decode(ARGV[1])
local from = cjson.decode(current)
local to = ARGV[2]
local progress = ARGV[3]
local taskId, ttl, terminalRank = ARGV[4], ARGV[5], tonumber(ARGV[6])
local now, idleMs, leaseMs = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local freedChannel, streamGrace = ARGV[10], ARGV[13]
local fromRank = ranks[from]
local toRank = ranks[to]
if fromRank >= terminalRank then return nil end

local encodedAccount = stored[2]
local accountId = encodedAccount and cjson.decode(encodedAccount)
local waitingOn = stored[3]
if (accountId or '') ~= ARGV[11] or (waitingOn or '') ~= ARGV[12] then return 0 end

local allowed = toRank > fromRank
if (not allowed) and toRank == fromRank and to == 'IN_PROGRESS' and progress ~= '' then
  local currentProgress = tonumber(stored[4] or '0')
  allowed = tonumber(progress) > currentProgress
end
if not allowed then return nil end

-- Every field of the change in one HSET: status, progress, the revision, the callback pacing marks.
local revision = tonumber(stored[6] or '0') + 1
local changed = {'status', cjson.encode(to), '_rev', tostring(revision)}
if progress ~= '' then
  changed[#changed + 1] = 'progress'
  changed[#changed + 1] = progress
end
local quiet = false
if from == 'IN_PROGRESS' and to == 'IN_PROGRESS' and progress ~= '' and tonumber(progress) > 0 then
  local reportedAt = tonumber(stored[5] or '0')
  if now - reportedAt < tonumber(ARGV[14]) then quiet = true end
  changed[#changed + 1] = quiet and '_quiet' or '_progressAt'
  changed[#changed + 1] = quiet and tostring(revision) or ARGV[7]
end
-- A step soon after the deadline and slot lease were last pushed forward (by a step, or by the
-- claim that sent the job) leaves them: they are at least 9/10 of the idle timeout away — two
-- writes fewer per step. Entering or leaving MODAL always moves them (its longer deadline, its
-- slot given back and taken again).
local touch = toRank < terminalRank and toRank >= ranks['SUBMITTED']
  and (to == 'MODAL' or from == 'MODAL' or now - tonumber(stored[7] or '0') >= idleMs / 10)
if touch then
  changed[#changed + 1] = '_touchedAt'
  changed[#changed + 1] = ARGV[7]
end
for i = 19, #ARGV do changed[#changed + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(changed))
-- Owed with the result it copies: a listener that dies after this leaves the entry to the sweep.
if ARGV[18] ~= '' then redis.call('ZADD', KEYS[8], ARGV[18], taskId) end
for i = 1, #changed, 2 do hash[changed[i]] = changed[i + 1] end
if from == 'NOT_START' and waitingOn then
  for i = 9, #KEYS do redis.call('SREM', KEYS[i], taskId) end
  redis.call('HDEL', KEYS[1], 'waitingOn')
  hash.waitingOn = nil
end

local function freeSlot()
  if accountId and redis.call('ZREM', KEYS[7], taskId) == 1 then redis.call('PUBLISH', freedChannel, accountId) end
end
if toRank >= terminalRank then
  redis.call('EXPIRE', KEYS[1], ttl)
  if to == 'CANCEL' and accountId and redis.call('ZSCORE', KEYS[7], taskId) then
    redis.call('ZADD', KEYS[4], now + idleMs, taskId)
  else
    redis.call('ZREM', KEYS[4], taskId)
    freeSlot()
  end
elseif touch then
  redis.call('ZADD', KEYS[4], now + idleMs, taskId)
  if to == 'MODAL' then freeSlot()
  elseif accountId then redis.call('ZADD', KEYS[7], 'XX', now + leaseMs, taskId) end
end

local snapshot = {}
for field, value in pairs(hash) do
  snapshot[#snapshot + 1] = field
  snapshot[#snapshot + 1] = value
end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', 200, revision .. '-0', unpack(snapshot))
if toRank >= terminalRank then redis.call('EXPIRE', KEYS[2], streamGrace) end
local leased = 0
if toRank >= ranks['MODAL'] and not quiet then
  redis.call('ZADD', KEYS[3], now, taskId .. ':' .. revision)
  -- Nothing recorded, and the lease free or the caller's own (it delivers the task's last one now).
  if ARGV[15] ~= '' and (stored[8] or ARGV[17] == '1') and redis.call('EXISTS', KEYS[5]) == 0 then
    -- Taken when free; else its holder, in the same command (SET NX GET, Redis 7).
    local holder = redis.call('SET', KEYS[6], ARGV[15], 'NX', 'PX', ARGV[16], 'GET')
    if not holder then
      leased = 1
    elseif holder == ARGV[15] then
      redis.call('PEXPIRE', KEYS[6], ARGV[16])
      leased = 1
    end
  end
end
return {snapshot, leased}
