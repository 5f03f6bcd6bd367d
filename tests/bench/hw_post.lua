-- hw_post.lua - wrk script for tests/bench/homework.sh: POST /api/v1/homework
-- as many bench teachers (bearer tokens), spread over many classes and the
-- school days of a term. A share (HW_HOT, default 0.05) goes to a few "hot"
-- class-days with 20 minutes each, so those reach the daily limit and are
-- refused (422 HW_DAILY_LIMIT: a full rule check and a durable refusal record).
-- The data come from the Lua file named by HW_DATA:
--   return { classes = { {class_id, token_index, public_code}, ... },
--            tokens = { ... }, days = { "YYYY-MM-DD", ... } }
-- done() prints "hw_post: 201=N 422=N other=N" for the script to add up.
dofile(string.match(debug.getinfo(1, "S").source, "^@(.*/)") .. "counts.lua")
counts_statuses({ 201, 422 })
local data = dofile(os.getenv("HW_DATA"))
local hot = tonumber(os.getenv("HW_HOT") or "0.05")
local nhot = math.min(16, #data.classes)
local n = 0

function init(args)
	counts_init()
	math.randomseed((tid or 1) * 7919 + os.time())
end

function request()
	local c, day, minutes
	if math.random() < hot then
		c = data.classes[math.random(nhot)]
		day = data.days[1]
		minutes = 20
	else
		c = data.classes[math.random(#data.classes)]
		day = data.days[math.random(#data.days)]
		minutes = 1
	end
	n = n + 1
	local body = string.format('{"class_id":%d,"subject":"数学","kind":"written",'
		.. '"title":"数学练习 %d","content":"课本第%d页练习题，写在作业本上。",'
		.. '"minutes":%d,"assigned_on":"%s","due_on":"%s"}',
		c[1], n, n % 200 + 1, minutes, day, day)
	return wrk.format("POST", "/api/v1/homework", {
		["Authorization"] = "Bearer " .. data.tokens[c[2]],
		["Content-Type"] = "application/json",
	}, body)
end

function done(summary, latency, requests)
	counts_done("hw_post")
end
