-- With TOKEN set, every request carries it as a bearer token (bench/run.sh --token).
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
