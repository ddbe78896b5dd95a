--[[
  Merges what was just seen of an account on Midjourney into its observations, in one step.

  KEYS[1]  the observations hash: account id -> JSON (account-info.ts, accountObservedSchema)
  ARGV[1]  the account id
  ARGV[2]  the change: a JSON object of the fields to set (null: remove the field), already validated by the caller

  Returns the observations as stored after the change (JSON).

  Guarantees: the change is applied to the record as it is now, so two answers arriving together
  (an /info and a /settings, on two listener replicas) both survive. Fields the change does not
  name are kept.
]]
local current = redis.call('HGET', KEYS[1], ARGV[1])
local record = current and cjson.decode(current) or {}
for field, value in pairs(cjson.decode(ARGV[2])) do
  if value == cjson.null then record[field] = nil else record[field] = value end
end
local merged = cjson.encode(record)
redis.call('HSET', KEYS[1], ARGV[1], merged)
return merged
