--[[
  Claims a task for sending: checks it is still due and takes an account slot for it, as one
  step, so a cancel either comes first (the task is never sent and holds no slot) or after (the
  task counts as sent: its slot stays taken until Midjourney's job is seen to end).
  Variable number of keys: 2 fixed ones, then one slot set per candidate account, then the
  waiting sets the task was admitted into.

  KEYS[1]          the task hash
  KEYS[2]          the deadlines sorted set
  KEYS[3..2+n]     slot sets of the n candidate accounts (member task id, score lease expiry)
  KEYS[3+n..]      the waiting sets to leave once claimed
  ARGV[1]          now, ms
  ARGV[2]          slot lease, ms
  ARGV[3]          idle timeout, ms (the claimed task's deadline)
  ARGV[4]          the task id
  ARGV[5]          'send' (due while NOT_START) or 'modal' (due while MODAL with the client's text)
  ARGV[6]          n, the number of candidate accounts
  ARGV[7..6+2n]    account id, concurrency pairs, in the order of their slot sets
  ARGV[7+2n]       the account ids of the waiting sets named (JSON, as the task's `waitingOn` was
                   written), or ''

  Returns {'claimed', accountId, the task's `waitingOn` field or '' after the claim} (what update-task.lua checks
  its caller read: the claimer's next change need not read them), {'full'} when every candidate
  is full, or {'not_due'} when the task is gone, cancelled, finished or already sent.
  A retried job keeps the slot its task holds while its lease lives (it is renewed). Expired
  leases (a holder that died, or whose job waited too long) do not count, and leave the set of
  the account that wins; the least busy account with room wins.
]]
local now, leaseMs, idleMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local taskId, kind, candidates = ARGV[4], ARGV[5], tonumber(ARGV[6])

-- One read of what the claim decides on: due or not, the account it holds a slot on, if any.
local fields = redis.call('HMGET', KEYS[1], 'status', 'waitingOn', 'accountId', 'modal')
local encodedStatus, waitingOn, encodedAccount, encodedModal = fields[1], fields[2], fields[3], fields[4]
if not encodedStatus then return {'not_due'} end
local status = cjson.decode(encodedStatus)
if kind == 'modal' then
  if status ~= 'MODAL' or not encodedModal or not cjson.decode(encodedModal)['prompt'] then return {'not_due'} end
elseif status ~= 'NOT_START' then
  return {'not_due'}
end

local function claimed(accountId)
  -- `_touchedAt`: the deadline and slot lease were just pushed; update-task.lua's next steps need not.
  redis.call('HSET', KEYS[1], 'accountId', cjson.encode(accountId), '_touchedAt', now)
  redis.call('ZADD', KEYS[2], now + idleMs, taskId)
  -- Claimed = no longer waiting: room in the admission queues at once. When the sets named here
  -- are those the task was admitted into (as always but for a job of an older version), the
  -- `waitingOn` field goes too: the change after the send has none to clear. Else it stays, so
  -- update-task still clears whatever sets were not named here when the task moves on.
  for i = 3 + candidates, #KEYS do redis.call('SREM', KEYS[i], taskId) end
  if waitingOn and waitingOn == ARGV[7 + 2 * candidates] then
    redis.call('HDEL', KEYS[1], 'waitingOn')
    waitingOn = nil
  end
  return {'claimed', accountId, waitingOn or ''}
end

-- A slot is only ever taken here, and `accountId` names its account: a task that holds one (a
-- retried job) holds it on that account, and only that set need be asked. A lease that lapsed
-- is held no more (its room may have gone to another task): the task claims afresh.
local heldOn = encodedAccount and cjson.decode(encodedAccount)
for i = 1, candidates do
  if ARGV[5 + 2 * i] == heldOn then
    local lease = redis.call('ZSCORE', KEYS[2 + i], taskId)
    if lease and tonumber(lease) > now then
      redis.call('ZADD', KEYS[2 + i], now + leaseMs, taskId)
      return claimed(heldOn)
    end
  end
end
-- Live leases only are counted: one command per account, also for a claim that finds them all
-- full (a job waiting for a slot asks again on every slot freed).
local best, bestUsed = nil, nil
for i = 1, candidates do
  local used = redis.call('ZCOUNT', KEYS[2 + i], '(' .. ARGV[1], '+inf')
  if used < tonumber(ARGV[6 + 2 * i]) and (bestUsed == nil or used < bestUsed) then best, bestUsed = i, used end
end
if not best then return {'full'} end
-- Expired leases (holders that died) leave the set the task joins.
redis.call('ZREMRANGEBYSCORE', KEYS[2 + best], '-inf', now)
redis.call('ZADD', KEYS[2 + best], now + leaseMs, taskId)
return claimed(ARGV[5 + 2 * best])
