--[[
  Takes a slot for a task on the least busy candidate account with room, or renews the one it
  already holds (a retried job keeps its slot). Expired leases (a holder that died) are swept
  before counting. Variable number of keys: one slot set per candidate.

  KEYS[1..n]  slot sets of the candidate accounts (member task id, score lease expiry)
  ARGV[1]     now, ms
  ARGV[2]     lease, ms
  ARGV[3]     the task id
  ARGV[4..]   account id, concurrency pairs, in the order of KEYS

  Returns the account id, or nil when every candidate is full.
]]
local now = tonumber(ARGV[1])
local expiry = now + tonumber(ARGV[2])
local taskId = ARGV[3]
for i = 1, #KEYS do
  if redis.call('ZSCORE', KEYS[i], taskId) then
    redis.call('ZADD', KEYS[i], expiry, taskId)
    return ARGV[2 + 2 * i]
  end
end
local best, bestUsed = nil, nil
for i = 1, #KEYS do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
  local used = redis.call('ZCARD', KEYS[i])
  if used < tonumber(ARGV[3 + 2 * i]) and (bestUsed == nil or used < bestUsed) then best, bestUsed = i, used end
end
if not best then return nil end
redis.call('ZADD', KEYS[best], expiry, taskId)
return ARGV[2 + 2 * best]
