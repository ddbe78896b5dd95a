-- The first pending callback of a task's pending hash (KEYS[1] of the callback-* scripts):
-- returns its revision and entry JSON, and how many are pending; nil when none is. An entry at or
-- below `_done` was recorded after a later change's callback had been settled (two processes
-- applied the task's changes at once, and the earlier one recorded its callback last): it is
-- dropped here, as callback-push-4 drops one recorded after the settle — never delivered out of
-- order, back in time.
local function pendingHead(key)
  local all = redis.call('HGETALL', key)
  local done = 0
  for i = 1, #all, 2 do
    if all[i] == '_done' then done = tonumber(all[i + 1]) end
  end
  local best, entry, n = nil, nil, 0
  for i = 1, #all, 2 do
    if all[i] ~= '_done' then
      local r = tonumber(all[i])
      if r <= done then
        redis.call('HDEL', key, all[i])
      else
        n = n + 1
        if best == nil or r < best then best, entry = r, all[i + 1] end
      end
    end
  end
  return best, entry, n, #all
end
