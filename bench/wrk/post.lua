-- POST to the path given, without a body (bench/run.sh --scale: completing a task).
wrk.method = "POST"
