--[[
  Pauses every send of an account, unless a pause that ends later is already set.

  KEYS[1]  the account's pause key
  ARGV[1]  how long the new pause lasts, in ms (a positive integer)

  Returns the pause left after the call, in ms: ARGV[1] when it was set, else the longer one kept.

  Guarantees: a pause only ever grows. Two replicas told by Discord to wait different times
  (a 429's retry_after, an exhausted bucket's reset) leave the later end in place, whichever
  arrives last. Within a script time stands still, so comparing what is left compares ends.
]]
local pauseKey = KEYS[1]
local pauseMs = tonumber(ARGV[1])

-- PTTL is -2 without a key and -1 for a key without expiry, which the send gate ignores too.
local pauseLeft = redis.call('PTTL', pauseKey)
if pauseLeft >= pauseMs then return pauseLeft end

redis.call('SET', pauseKey, '1', 'PX', pauseMs)
return pauseMs
