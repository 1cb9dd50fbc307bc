-- POST /tasks with a small JSON body, as a client creating tasks would.
wrk.method = "POST"
wrk.body = '{"title": "Benchmark task", "description": null}'
wrk.headers["Content-Type"] = "application/json"
