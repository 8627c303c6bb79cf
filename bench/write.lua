-- wrk script of bench/load.sh: each request creates a dialogue through
-- POST /api/registers/dialogues as the officer `load` (cookie and CSRF token
-- from the environment: DV_COOKIE, DV_CSRF; DV_UNITS: commune codes, comma-separated);
-- tid (set by setup) keeps the titles of two threads apart.
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

local units, n = {}, 0
function init(args)
  for u in string.gmatch(os.getenv("DV_UNITS") or "VN", "[^,]+") do table.insert(units, u) end
  wrk.headers["Cookie"] = os.getenv("DV_COOKIE")
  wrk.headers["X-CSRF-Token"] = os.getenv("DV_CSRF")
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  n = n + 1
  local body = string.format(
    '{"date":"2023-%02d-%02d","unit":"%s","type":"dinh_ky","chair":"cap_uy","title":"Tải ghi %d-%d","participants":"12"}',
    1 + n % 12, 1 + n % 28, units[1 + n % #units], tid, n)
  return wrk.format("POST", "/api/registers/dialogues", nil, body)
end

function response(status, headers, body)
  if status ~= 200 and status ~= 201 then
    io.stderr:write("write: HTTP " .. status .. " " .. string.sub(body, 1, 200) .. "\n")
  end
end
