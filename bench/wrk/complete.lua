-- POST /tasks/{random id}/complete over the seeded ids MIN_ID..MAX_ID.
local min_id = tonumber(os.getenv("MIN_ID") or "1")
local max_id = tonumber(os.getenv("MAX_ID") or "10000")
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  return wrk.format("POST", "/tasks/" .. math.random(min_id, max_id) .. "/complete")
end
