--[[
  Adds or replaces an account (its public record and its token), in one step.

  KEYS[1]  the accounts hash: account id -> the account's public record (JSON)
  KEYS[2]  the account tokens hash: account id -> user token
  ARGV[1]  the account id
  ARGV[2]  the new record (JSON), already validated by the caller
  ARGV[3]  the account's user token
  ARGV[4]  '1' to keep the state of an existing record (enabled, disabledReason, mode), else '0'

  Returns the record as stored (JSON).

  Guarantees: with ARGV[4] = '1', the state kept is the one stored at this moment, so a replica
  re-seeding its configured accounts at start never undoes a disable (or a relax switch) made by
  another replica in the meantime. Record and token are written together.
]]
local accountsKey = KEYS[1]
local tokensKey = KEYS[2]
local accountId = ARGV[1]
local recordJson = ARGV[2]
local userToken = ARGV[3]
local keepState = ARGV[4] == '1'

if keepState then
  local existingJson = redis.call('HGET', accountsKey, accountId)
  if existingJson then
    local record = cjson.decode(recordJson)
    local existing = cjson.decode(existingJson)
    record.enabled = existing.enabled
    record.disabledReason = existing.disabledReason
    record.mode = existing.mode
    recordJson = cjson.encode(record)
  end
end

redis.call('HSET', accountsKey, accountId, recordJson)
redis.call('HSET', tokensKey, accountId, userToken)
return recordJson
