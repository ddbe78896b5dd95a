--[[
  Writes the shipped default banned-word list, once: only while Redis has no list yet.

  KEYS[1]  the banned-words version counter (exists once any list was ever written)
  KEYS[2]  the banned-words set
  ARGV[1..] the default words, already normalised by the caller (at least one)

  Returns 1 when the list was seeded, 0 when a list was already there (left untouched).

  Guarantees: the words and the version appear together, so no API replica can read the version
  before the words are there and cache an empty matcher; of several replicas seeding at once,
  one writes and the others change nothing. A list an admin emptied keeps its version and is
  never re-seeded.
]]
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SADD', KEYS[2], unpack(ARGV))
redis.call('SET', KEYS[1], '1')
return 1
