-- Posts one RouteChat note at one location, atomically (Redis 6.2 and 7.x, standalone or Cluster).
-- KEYS[1]  the location's list of notes, oldest first; each entry is "<sequence> <message>"
-- ARGV[1]  the new note's message
-- ARGV[2]  notes kept at the location (the cap)
-- ARGV[3]  idle expiry of the location, in milliseconds
-- ARGV[4]  the location's live channel
-- Returns the earlier entries, oldest first, followed by the new entry.
local earlier = redis.call('LRANGE', KEYS[1], 0, -1)
local sequence
if #earlier > 0 then
  local last = earlier[#earlier]
  sequence = tonumber(string.sub(last, 1, string.find(last, ' ', 1, true) - 1)) + 1
else
  -- A new or expired location starts from the server's clock in milliseconds, so its sequence
  -- keeps growing across an expiry and a session still following it drops nothing new.
  local now = redis.call('TIME')
  sequence = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
end
local entry = string.format('%d', sequence) .. ' ' .. ARGV[1]
redis.call('RPUSH', KEYS[1], entry)
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PUBLISH', ARGV[4], entry)
earlier[#earlier + 1] = entry
return earlier
