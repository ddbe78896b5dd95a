--[[
  Midjourney's job of a finished task ended (its result or error was seen, or its deadline
  passed): the slot a CANCEL kept for it is freed. Nothing happens for a live task, whose own
  terminal change frees the slot.

  KEYS[1]  the task hash
  KEYS[2]  the deadlines sorted set
  KEYS[3]  the slot set of the task's account
  ARGV[1]  the task id
  ARGV[2]  the account id
  ARGV[3]  pub/sub channel of freed slots

  Returns 1 when a slot was freed, else 0.
]]
local encodedStatus = redis.call('HGET', KEYS[1], 'status')
local status = encodedStatus and cjson.decode(encodedStatus)
if status ~= 'CANCEL' and status ~= 'SUCCESS' and status ~= 'FAILURE' then return 0 end
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('ZREM', KEYS[3], ARGV[1]) == 1 then
  redis.call('PUBLISH', ARGV[3], ARGV[2])
  return 1
end
return 0
