-- ck_post.lua - wrk script for tests/bench/checkins.sh: POST /api/v1/checkins
-- as many parents (bearer tokens), each for its own child, spread over the
-- weeks of the term (a week already checked in is replaced, the old row
-- kept). The data come from the Lua file named by CK_DATA:
--   return { parents = { {token, student_id}, ... }, weeks = { "2026-W36", ... } }
-- done() prints "ck_post: 201=N 422=N other=N" for the script to add up.
dofile(string.match(debug.getinfo(1, "S").source, "^@(.*/)") .. "counts.lua")
counts_statuses({ 201, 422 })
local data = dofile(os.getenv("CK_DATA"))

function init(args)
	counts_init()
	math.randomseed((tid or 1) * 7919 + os.time())
end

function request()
	local p = data.parents[math.random(#data.parents)]
	local w = data.weeks[math.random(#data.weeks)]
	local body = string.format('{"student_id":%d,"week":"%s","bedtime":"21:%02d",'
		.. '"wake_time":"06:%02d","phone_minutes":%d,"reading_minutes":%d}',
		p[2], w, math.random(0, 59), math.random(0, 59), math.random(0, 90), math.random(0, 60))
	return wrk.format("POST", "/api/v1/checkins", {
		["Authorization"] = "Bearer " .. p[1],
		["Content-Type"] = "application/json",
	}, body)
end

function done(summary, latency, requests)
	counts_done("ck_post")
end
