-- counts.lua - shared by the wrk scripts here (dofile'd next to them): counts
-- the answers of every wrk thread by status, and when wrk is done prints
--   NAME: 201=N 422=N other=N
-- for the statuses named, then the first other answer, if any. It defines
-- setup() and response(); the script calls counts_init() in its init() and
-- counts_done(NAME) in its done(). Each thread also gets `tid` (1, 2, ...).
local threads = {}
local statuses = {}

function counts_statuses(list)
	statuses = list
end

function setup(thread)
	table.insert(threads, thread)
	thread:set("tid", #threads)
end

function counts_init()
	for _, s in ipairs(statuses) do
		_G["c" .. s] = 0
	end
	cother, sample = 0, ""
end

function response(status, headers, body)
	local k = "c" .. status
	if _G[k] then
		_G[k] = _G[k] + 1
	else
		cother = cother + 1
		if sample == "" then sample = status .. " " .. string.sub(body or "", 1, 200) end
	end
end

function counts_done(name)
	local line, s = name .. ":", ""
	for _, st in ipairs(statuses) do
		local n = 0
		for _, t in ipairs(threads) do n = n + t:get("c" .. st) end
		line = line .. " " .. st .. "=" .. n
	end
	local o = 0
	for _, t in ipairs(threads) do
		o = o + t:get("cother")
		if s == "" then s = t:get("sample") or "" end
	end
	io.write(line .. " other=" .. o .. "\n")
	if s ~= "" then io.write(name .. ": first other answer: " .. s .. "\n") end
end
