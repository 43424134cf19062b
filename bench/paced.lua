-- bench/paced.lua -- wrk script: each connection waits 10 ms before each
-- request, so 8 connections read at most about 800 requests/s: a steady
-- read load (many readers' pages), where plain wrk reads as fast as the
-- server answers and takes a core of its own to do it.
function delay()
  return 10
end
