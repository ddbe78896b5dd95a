--[[
  Midjourney's job of a live task was seen to end (its result arrived; the task becomes SUCCESS
  once the result is copied): its account slot is freed now, so the account's next job is sent
  while this one's images are still being copied. The task keeps its deadline: a copy that
  hangs still ends in a timeout. The terminal change later finds the slot already free.

  KEYS[1]  the task hash
  KEYS[2]  the slot set of the task's account
  ARGV[1]  the task id
  ARGV[2]  the account id
  ARGV[3]  pub/sub channel of freed slots

  Returns 1 when a slot was freed, else 0.
]]
local encodedStatus = redis.call('HGET', KEYS[1], 'status')
local status = encodedStatus and cjson.decode(encodedStatus)
if status ~= 'SUBMITTED' and status ~= 'IN_PROGRESS' then return 0 end
if redis.call('ZREM', KEYS[2], ARGV[1]) == 1 then
  redis.call('PUBLISH', ARGV[3], ARGV[2])
  return 1
end
return 0
