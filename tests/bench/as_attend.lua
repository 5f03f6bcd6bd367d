-- as_attend.lua - wrk script for tests/bench/afterschool.sh: POST
-- /api/v1/afterschool/sessions/{id}/attendance, a class of 45 in one request,
-- as the bench teachers (bearer tokens, one per school).
-- AS_MODE=spread (default): like an afternoon, each class records once per
-- day: thread t of AS_THREADS sends sessions AS_START + t, + AS_THREADS, ...
-- of the list (ordered by day, then program), wrapping round at its end.
-- AS_MODE=same: sessions chosen at random among the first AS_HOT (64) of the
-- list, recorded already: every request re-submits a session.
-- The data come from the Lua file named by AS_DATA:
--   return { programs = { {token_index, {45 student ids}}, ... },
--            tokens = { ... }, sessions = { {session_id, program_index}, ... } }
-- done() prints "as_attend: 200=N 422=N other=N" for the script to add up.
dofile(string.match(debug.getinfo(1, "S").source, "^@(.*/)") .. "counts.lua")
counts_statuses({ 200, 422 })
local data = dofile(os.getenv("AS_DATA"))
local mode = os.getenv("AS_MODE") or "spread"
local stride = tonumber(os.getenv("AS_THREADS") or "2")
local start = tonumber(os.getenv("AS_START") or "0")
local nhot = math.min(tonumber(os.getenv("AS_HOT") or "64"), #data.sessions)
local i = 0

function init(args)
	counts_init()
	math.randomseed((tid or 1) * 7919 + os.time())
	i = start + (tid or 1) - 1
end

function request()
	local s
	if mode == "same" then
		s = data.sessions[math.random(nhot)]
	else
		s = data.sessions[i % #data.sessions + 1]
		i = i + stride
	end
	local p = data.programs[s[2]]
	local recs = {}
	for k, sid in ipairs(p[2]) do
		local r = math.random()
		if r < 0.9 then
			recs[k] = string.format('{"student_id":%d,"status":"present","homework_done":%s}',
				sid, math.random() < 0.8 and "true" or "false")
		elseif r < 0.95 then
			recs[k] = string.format('{"student_id":%d,"status":"absent"}', sid)
		else
			recs[k] = string.format('{"student_id":%d,"status":"leave"}', sid)
		end
	end
	local body = '{"records":[' .. table.concat(recs, ",")
		.. '],"content":"完成当天书面作业，答疑与个别辅导","form":"作业辅导","no_new_lesson":true}'
	return wrk.format("POST", "/api/v1/afterschool/sessions/" .. s[1] .. "/attendance", {
		["Authorization"] = "Bearer " .. data.tokens[p[1]],
		["Content-Type"] = "application/json",
	}, body)
end

function done(summary, latency, requests)
	counts_done("as_attend")
end
