--[[
  Takes one send of an account's interaction budget, unless Discord told the account to wait or
  the account sent its last interaction too recently for a person — and, for an interaction that
  starts a job, records the send on its task in the same step: the prompt and nonce it goes with,
  and the nonce's link to the task (the listener knows Midjourney's answers by it). One round
  trip between the slot and the request, where the record and the link were two more.

  Three keys, or five with a task:
  KEYS[1]  the account's pause key (exists, with a TTL, while Discord's pause lasts)
  KEYS[2]  the account's send counter for the current wall-clock second
  KEYS[3]  the account's pacing key (exists, with a TTL, until the next interaction may go)
  KEYS[4]  the task's hash
  KEYS[5]  the nonce → task link
  ARGV[1]  the most sends the account may make per second
  ARGV[2]  how many ms of the current second have passed (0-999)
  ARGV[3]  the gap to keep after this send, ms (already jittered by the caller; 0 = none)
  ARGV[4]  the task id (with KEYS[4])
  ARGV[5]  how long the link is kept, seconds
  ARGV[6..] field, JSON value pairs set on the task with the send

  Returns 0 when the send may go now (it is counted, the gap starts, the send is recorded), else
  how many ms to wait — nothing is counted or recorded then: what is left of the pause or of the
  gap, or the rest of this second when its budget is spent.

  Guarantees: however many dispatcher replicas take at once, no second counts more than ARGV[1]
  sends of the account, none goes out while a pause is set, and two sends of the account are at
  least the gap apart. A task whose hash is gone (finished meanwhile) gets no fields: an HSET
  would recreate a partial hash without a TTL (as patch-task-1.lua).
]]
local pauseKey = KEYS[1]
local secondKey = KEYS[2]
local pacingKey = KEYS[3]
local maxPerSecond = tonumber(ARGV[1])
local msIntoSecond = tonumber(ARGV[2])
local gapMs = tonumber(ARGV[3])

local pauseLeft = redis.call('PTTL', pauseKey)
if pauseLeft > 0 then return pauseLeft end
local gapLeft = redis.call('PTTL', pacingKey)
if gapLeft > 0 then return gapLeft end

local sendsThisSecond = redis.call('INCR', secondKey)
-- Two seconds: the counter outlives its own second whatever the clock skew between replicas.
if sendsThisSecond == 1 then redis.call('PEXPIRE', secondKey, 2000) end
if sendsThisSecond > maxPerSecond then return 1000 - msIntoSecond end
if gapMs > 0 then redis.call('SET', pacingKey, '1', 'PX', gapMs) end
if KEYS[4] then
  if #ARGV > 5 and redis.call('EXISTS', KEYS[4]) == 1 then redis.call('HSET', KEYS[4], unpack(ARGV, 6)) end
  redis.call('SET', KEYS[5], ARGV[4], 'EX', ARGV[5])
end
return 0
