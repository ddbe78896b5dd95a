--[[
  Counts one request of an account refused by Discord's edge (Cloudflare's non-JSON 403).

  KEYS[1]  the accounts hash: account id -> the account's public record (JSON)
  ARGV[1]  the account id
  ARGV[2]  when the refusal came (ms since epoch)

  Returns the record as stored after the change (JSON), or nil when there is no such account.

  Guarantees: the count is incremented on the record as it is now, so edge blocks met at the same
  moment by several dispatchers (or several jobs of one) are all counted; every other field,
  the enabled state included, is left as it is.
]]
local accountsKey = KEYS[1]
local accountId = ARGV[1]
local at = tonumber(ARGV[2])

local storedJson = redis.call('HGET', accountsKey, accountId)
if not storedJson then return nil end

local record = cjson.decode(storedJson)
record.edgeBlocks = (tonumber(record.edgeBlocks) or 0) + 1
if not record.edgeBlockedAt or at > tonumber(record.edgeBlockedAt) then
  record.edgeBlockedAt = at
end

local mergedJson = cjson.encode(record)
redis.call('HSET', accountsKey, accountId, mergedJson)
return mergedJson
