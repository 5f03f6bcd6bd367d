-- hw_notice.lua - wrk script for tests/bench/homework.sh: GET
-- /public/v1/notices/{public_code}?date=DAY, a random public code and a
-- random day each time, from the Lua file named by HW_NOTICES:
--   return { codes = { ... }, days = { "YYYY-MM-DD", ... } }
-- done() prints "hw_notice: 200=N other=N".
dofile(string.match(debug.getinfo(1, "S").source, "^@(.*/)") .. "counts.lua")
counts_statuses({ 200 })
local data = dofile(os.getenv("HW_NOTICES"))

function init(args)
	counts_init()
	math.randomseed((tid or 1) * 104729 + os.time())
end

function request()
	return wrk.format("GET", "/public/v1/notices/" .. data.codes[math.random(#data.codes)]
		.. "?date=" .. data.days[math.random(#data.days)])
end

function done(summary, latency, requests)
	counts_done("hw_notice")
end
