-- POST /tasks/{random id}/complete over the seeded ids 1..MAX_ID.
local max_id = tonumber(os.getenv("MAX_ID") or "10000")
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  return wrk.format("POST", "/tasks/" .. math.random(1, max_id) .. "/complete")
end
