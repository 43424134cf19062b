-- bench/uncached.lua -- wrk script: GET /api/events with a query
-- parameter the server ignores but its answer cache keys on, so every
-- request is read from SQLite, as the first reader after a refresh is.
-- Each wrk thread counts in a range of its own, so no key repeats.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("first", threads * 1000000000)
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/events?uncached=" .. (first + n))
end
