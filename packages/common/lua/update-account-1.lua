--[[
  Merges a change into one account's stored record, in one step.

  KEYS[1]  the accounts hash: account id -> the account's public record (JSON)
  ARGV[1]  the account id
  ARGV[2]  the change: a JSON object of the fields to set, already validated by the caller

  Returns the record as stored after the change (JSON), or nil when there is no such account.

  Guarantees: the change is applied to the record as it is now, not as some caller read it
  earlier, so concurrent changes of different fields (a 401 disabling the account while a
  replica switches it to relax mode) all survive. Fields the change does not name are kept.
  An enabled account carries no disabledReason.
]]
local accountsKey = KEYS[1]
local accountId = ARGV[1]
local changeJson = ARGV[2]

local storedJson = redis.call('HGET', accountsKey, accountId)
if not storedJson then return nil end

local record = cjson.decode(storedJson)
local change = cjson.decode(changeJson)
for field, value in pairs(change) do
  record[field] = value
end
if record.enabled then
  record.disabledReason = nil
end

local mergedJson = cjson.encode(record)
redis.call('HSET', accountsKey, accountId, mergedJson)
return mergedJson
