-- The writers beside the sync pollers: half POST /tasks (as the create workload), half
-- POST /tasks/{random id}/complete over the seeded ids MIN_ID..MAX_ID (as complete).
local min_id = tonumber(os.getenv("MIN_ID") or "1")
local max_id = tonumber(os.getenv("MAX_ID") or "10000")
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
local create_headers = { ["Content-Type"] = "application/json", ["Authorization"] = wrk.headers["Authorization"] }
local create_body = '{"title": "Benchmark task", "description": null}'
request = function()
  if math.random(1, 2) == 1 then
    return wrk.format("POST", "/tasks", create_headers, create_body)
  end
  return wrk.format("POST", "/tasks/" .. math.random(min_id, max_id) .. "/complete")
end
