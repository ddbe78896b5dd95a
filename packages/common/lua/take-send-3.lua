--[[
  Takes one send of an account's interaction budget, unless Discord told the account to wait.

  KEYS[1]  the account's pause key (exists, with a TTL, while Discord's pause lasts)
  KEYS[2]  the account's send counter for the current wall-clock second
  ARGV[1]  the most sends the account may make per second
  ARGV[2]  how many ms of the current second have passed (0-999)

  Returns 0 when the send may go now (it is counted), else how many ms to wait: what is left of
  the pause, or the rest of this second when its budget is spent.

  Guarantees: however many dispatcher replicas take at once, no second counts more than ARGV[1]
  sends of the account, and none goes out while a pause is set.
]]
local pauseKey = KEYS[1]
local secondKey = KEYS[2]
local maxPerSecond = tonumber(ARGV[1])
local msIntoSecond = tonumber(ARGV[2])

local pauseLeft = redis.call('PTTL', pauseKey)
if pauseLeft > 0 then return pauseLeft end

local sendsThisSecond = redis.call('INCR', secondKey)
-- Two seconds: the counter outlives its own second whatever the clock skew between replicas.
if sendsThisSecond == 1 then redis.call('PEXPIRE', secondKey, 2000) end
if sendsThisSecond > maxPerSecond then return 1000 - msIntoSecond end
return 0
