#!/usr/bin/env python3
"""Creates tasks through the load balancer, each with an Idempotency-Key, retrying any
failure (a refused or cut connection, a timeout, any status but 201) with the same key and
body until it is acknowledged; for bench/cluster.sh's SIGKILL run. Standard library only.

    keyed-creates.py URL TOKEN SECONDS CLIENTS ACKED_KEYS_FILE

Each client thread keeps one connection (a new one after any failure) and makes one create
after another for SECONDS. Every acknowledged key (its title is the key too) is written to
ACKED_KEYS_FILE, one a line; a create in its retries when the time is up is finished
first. Prints one line: RESULT acknowledged=... attempts=... failures=... (by kind) and
the most retries one create needed."""
import http.client
import json
import sys
import threading
import time
import urllib.parse
import uuid
from collections import Counter

url, token, seconds, clients, acked_path = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
target = urllib.parse.urlsplit(url)
deadline = time.monotonic() + seconds
lock = threading.Lock()
acked = []
failures = Counter()
attempts = 0
most_retries = 0
slowest = 0.0


def client():
    global attempts, most_retries, slowest
    connection = None
    while time.monotonic() < deadline:
        key = str(uuid.uuid4())
        body = json.dumps({"title": key})
        headers = {"Content-Type": "application/json", "Authorization": "Bearer " + token, "Idempotency-Key": key}
        retries = 0
        started = time.monotonic()
        while True:
            with lock:
                attempts += 1
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=15)
                connection.request("POST", "/tasks", body, headers)
                response = connection.getresponse()
                response.read()
                if response.status == 201:
                    break
                kind = "status %d" % response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as error:
                kind = type(error).__name__
                if connection is not None:
                    connection.close()
                connection = None
            with lock:
                failures[kind] += 1
            retries += 1
            time.sleep(min(0.05 * retries, 1.0))
        with lock:
            acked.append(key)
            most_retries = max(most_retries, retries)
            slowest = max(slowest, time.monotonic() - started)


threads = [threading.Thread(target=client) for _ in range(clients)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with open(acked_path, "w") as out:
    out.write("".join(key + "\n" for key in acked))
kinds = ", ".join("%s: %d" % item for item in sorted(failures.items())) or "none"
print("RESULT acknowledged=%d attempts=%d failures=%d most_retries=%d slowest_s=%.2f kinds=%s"
      % (len(acked), attempts, sum(failures.values()), most_retries, slowest, kinds.replace(" ", "_")))
