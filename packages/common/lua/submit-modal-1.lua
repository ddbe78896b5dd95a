--[[
  Records the client's text for a task waiting in MODAL, once: a second call, or a call for a
  task in any other state, changes nothing.

  KEYS[1]  the task hash
  ARGV[1]  the text
  ARGV[2]  the stored mask's image key (Vary (Region)), or ''

  Returns 1 ok, 0 unknown task, -1 not in MODAL, -2 text already given.
]]
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 0 end
if cjson.decode(status) ~= 'MODAL' then return -1 end
local encodedModal = redis.call('HGET', KEYS[1], 'modal')
if not encodedModal then return -1 end
local modal = cjson.decode(encodedModal)
if modal['prompt'] then return -2 end
modal['prompt'] = ARGV[1]
if ARGV[2] ~= '' then modal['maskKey'] = ARGV[2] end
redis.call('HSET', KEYS[1], 'modal', cjson.encode(modal))
return 1
