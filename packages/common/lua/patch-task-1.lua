--[[
  Sets fields of a live task that are not part of the status machine (ids learnt along the
  way). A task that is gone or already compacted (finished) is left alone: a plain HSET would
  recreate a partial hash without a TTL.

  KEYS[1]  the task hash
  ARGV[1..] field, JSON value pairs

  Returns 1 when set, 0 when the task hash does not exist.
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
