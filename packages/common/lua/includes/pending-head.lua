-- The first pending callback of a task's pending hash (KEYS[1] of the callback-* scripts):
-- returns its revision and entry JSON, and how many are pending; nil when none is.
local function pendingHead(key)
  local all = redis.call('HGETALL', key)
  local best, entry, n = nil, nil, 0
  for i = 1, #all, 2 do
    if all[i] ~= '_done' then
      n = n + 1
      local r = tonumber(all[i])
      if best == nil or r < best then best, entry = r, all[i + 1] end
    end
  end
  return best, entry, n, #all
end
