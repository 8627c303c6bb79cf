-- wrk script of bench/load.sh: GETs as the viewer `bench` (DV_COOKIE); any answer
-- but 200 is reported (a reader must never get 503 or a timeout while writers run).
function init(args) wrk.headers["Cookie"] = os.getenv("DV_COOKIE") end
function response(status, headers, body)
  if status ~= 200 then io.stderr:write("read: HTTP " .. status .. " " .. string.sub(body, 1, 120) .. "\n") end
end
