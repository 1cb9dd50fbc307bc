-- GET /sync as clients following the change feed, each asking again as soon as it has its
-- answer, with the answer's next as since. wrk's callbacks do not say which connection an
-- answer came on, so each wrk thread keeps its clients' tokens in one queue: an answer
-- puts its next at the back, a request takes the token at the front, and a connection
-- that finds the queue empty (its first request, or one after a failed answer) is a new
-- client and sends no since (the whole state, page by page). Each token is sent once, so
-- the connections follow as many clients as there are connections; which connection
-- carries which client's token changes from request to request, which the service cannot
-- tell, as a token carries all of a client's position.
local tokens = {}
local first, last = 1, 0

request = function()
  if first > last then
    return wrk.format("GET", "/sync")
  end
  local token = tokens[first]
  tokens[first] = nil
  first = first + 1
  return wrk.format("GET", "/sync?since=" .. token)
end

response = function(status, headers, body)
  if status == 200 then
    local token = string.match(body, '"next":"([^"]+)"')
    if token then
      last = last + 1
      tokens[last] = token
    end
  end
end
