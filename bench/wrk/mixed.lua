-- 70% list (50 a page), 20% create, 10% complete of a random seeded id.
local min_id = tonumber(os.getenv("MIN_ID") or "1")
local max_id = tonumber(os.getenv("MAX_ID") or "10000")
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
local create_headers = { ["Content-Type"] = "application/json", ["Authorization"] = wrk.headers["Authorization"] }
local create_body = '{"title": "Benchmark task", "description": null}'
request = function()
  local r = math.random(1, 100)
  if r <= 70 then
    return wrk.format("GET", "/tasks?limit=50")
  elseif r <= 90 then
    return wrk.format("POST", "/tasks", create_headers, create_body)
  else
    return wrk.format("POST", "/tasks/" .. math.random(min_id, max_id) .. "/complete")
  end
end
