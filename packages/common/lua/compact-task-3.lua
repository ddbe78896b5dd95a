--[[
  Replaces a finished task's hash with one compact record (the caller deflates the snapshot):
  a finished task is read, never changed, and a hash of ~25 JSON fields costs Redis more than
  twice the bytes of its deflated JSON. Run by whoever applied the terminal change.

  KEYS[1]  the task hash
  KEYS[2]  the finished-task record (a string)
  KEYS[3]  the deadlines sorted set
  ARGV[1]  the task id
  ARGV[2]  the revision the compact record was made from (`_rev`)
  ARGV[3]  the compact record
  ARGV[4]  its TTL, seconds

  Returns 1 when compacted; 0 when the hash moved on since the snapshot (another field was
  set: the caller may try again with a fresh one), is not terminal, or still has a deadline
  (a cancelled task whose Midjourney job still holds a slot: compacted once it is released).
]]
local stored = redis.call('HMGET', KEYS[1], '_rev', 'status')
if stored[1] ~= ARGV[2] or not stored[2] then return 0 end
local status = cjson.decode(stored[2])
if status ~= 'SUCCESS' and status ~= 'FAILURE' and status ~= 'CANCEL' then return 0 end
if redis.call('ZSCORE', KEYS[3], ARGV[1]) then return 0 end
redis.call('SET', KEYS[2], ARGV[3], 'EX', ARGV[4])
redis.call('DEL', KEYS[1])
return 1
