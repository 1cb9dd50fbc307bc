#!/usr/bin/env python3
"""Long polls of GET /sync?wait=N held open while one writer changes the same user's tasks.

bench/run.sh --workloads long-poll runs it; alone:

    bench/long-poll.py --url http://127.0.0.1:18000 --token TOKEN --first-id 11 \
        [--waiters 500] [--wait 30] [--idle 0] [--duration 10] [--interval 1]

Every waiter is one client on a connection of its own: it asks GET /sync?since=...&wait=N
and, whenever answered, asks again at once with the answer's next. All start from one
token, read once (paging through the user's state) before they connect. Once all have
asked, the script waits until the service's /metrics count them all as waiting and
show the pool idle for a second (their first reads done), and prints READY; with --idle it leaves them waiting
that long with no change and prints WRITING; then, for --duration seconds, it
changes one task every --interval seconds (PATCH /tasks/{first-id + k}, title
"Long poll write k": a task of its own each time, so that an answer always shows the
first write its client had not seen). Each answer that carries a write the client had
not seen counts as answered, with the time from the moment the writer sent that write
to the moment the answer was read whole: the whole way from the writer's request,
through the commit, the notification and the waiter's read, to the client. After the
last write it waits up to --grace seconds for every waiter to have seen it, then writes
once more and lets each client go when that answers it, so that no wait outlives its
client in the service.

Prints one line: RESULT waiters=... writes=... answered=... p50_ms=... p99_ms=...
max_ms=... saw_last=... timeouts=... errors=... write_errors=... write_p50_ms=...
write_max_ms=... (errors: polls that failed or were not answered 200, each asked again
with the same token; write_errors: writes not answered 200, each written to stderr;
saw_last: the clients that saw the last write that succeeded; left_waiting: waits still
open in the service when the script gave up on them, after a last write meant to end them;
waiting and pool_active: the service's tasktracker_sync_waiting when READY, and the most
pooled connections in use or asked for (hikaricp_connections_active plus
tasktracker_database_connections_waiting) over the second before, "?" where /metrics did
not say; settled_s: how long from the last client's first request to READY).
Only Python's standard library: asyncio and a small HTTP/1.1 client over keep-alive
connections (one thread, so that 500 clients cost 500 sockets, not 500 threads).
"""

import argparse
import asyncio
import re
import sys
from urllib.parse import urlsplit

NEXT = re.compile(rb'"next":"([^"]+)"')
MORE = re.compile(rb'"more":true')
WRITE = re.compile(rb'"title":"Long poll write (\d+)"')


def gauge(metrics, name):
    """The sum of a gauge's series in a Prometheus scrape, or None without it."""
    values = re.findall(rb"^" + name.encode() + rb"(?:\{[^}]*\})? ([-+0-9.eE]+)$", metrics, re.M)
    return sum(float(v) for v in values) if values else None


class Connection:
    """One keep-alive HTTP/1.1 connection, one request at a time."""

    def __init__(self, host, port, token):
        self.host, self.port = host, port
        self.auth = f"Authorization: Bearer {token}\r\n" if token else ""
        self.reader = self.writer = None

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port, limit=1 << 20)

    def close(self):
        if self.writer:
            self.writer.close()

    async def request(self, method, path, body=None, timeout=60):
        """Status and body; on a timeout the connection is opened again and it raises.
        A connection the service has closed (Tomcat does after a 503) is opened again and
        the request sent once more."""
        for attempt in (1, 2):
            try:
                return await asyncio.wait_for(self._request(method, path, body), timeout)
            except asyncio.TimeoutError:
                self.close()
                await self.open()
                raise
            except (IndexError, asyncio.IncompleteReadError, ConnectionError):
                self.close()
                await self.open()
                if attempt == 2:
                    raise

    async def _request(self, method, path, body=None):
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n{self.auth}"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + (body or b""))
        await self.writer.drain()
        status = int((await self.reader.readline()).split()[1])
        length, chunked, closing = None, False, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
            elif name == "connection" and "close" in value.lower():
                closing = True
        if chunked:
            parts = []
            while True:
                size = int((await self.reader.readline()).split(b";")[0], 16)
                if size == 0:
                    while (await self.reader.readline()) not in (b"\r\n", b""):
                        pass
                    break
                parts.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
            body = b"".join(parts)
        else:
            body = await self.reader.readexactly(length) if length else b""
        if closing:
            self.close()
            await self.open()
        return status, body


def percentile(values, p):
    """As bench/run.sh reads pgbench's log: the value at rank (n + 1) * p / 100."""
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values), max(1, int((len(values) + 1) * p / 100))) - 1]


async def main(args):
    url = urlsplit(args.url)
    host, port = url.hostname, url.port or 80
    loop = asyncio.get_running_loop()

    first = Connection(host, port, args.token)
    await first.open()
    since, more = None, True
    while more:
        status, body = await first.request("GET", "/sync?limit=1000" + (f"&since={since}" if since else ""))
        if status != 200:
            sys.exit(f"long-poll: GET /sync answered {status}: {body[:200]!r}")
        since, more = NEXT.search(body).group(1).decode(), MORE.search(body) is not None

    sent = {}  # write number -> when the writer sent it (loop time, seconds)
    latencies, state = [], {"timeouts": 0, "errors": 0, "asked": 0, "stopping": False}
    last_seen = [0] * args.waiters
    all_asked = asyncio.Event()

    async def waiter(i):
        connection = Connection(host, port, args.token)
        token, seen, counted = since, 0, False
        try:
            await connection.open()
            while not state["stopping"]:
                if not counted:
                    counted = True
                    state["asked"] += 1
                    if state["asked"] == args.waiters:
                        loop.call_soon(all_asked.set)
                try:
                    status, body = await connection.request("GET", f"/sync?since={token}&wait={args.wait}",
                                                            timeout=args.wait + 30)
                except asyncio.TimeoutError:
                    state["errors"] += 1
                    continue
                except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
                    state["errors"] += 1
                    connection.close()
                    await asyncio.sleep(0.1)
                    await connection.open()
                    continue
                now = loop.time()
                if state["stopping"]:
                    break
                if status != 200:
                    state["errors"] += 1
                    await asyncio.sleep(0.1)
                    continue
                token = NEXT.search(body).group(1).decode()
                unseen = [k for k in map(int, WRITE.findall(body)) if k > seen]
                if unseen:
                    latencies.append(now - sent[min(unseen)])
                    seen = max(unseen)
                    last_seen[i] = seen
                elif MORE.search(body) is None:
                    state["timeouts"] += 1
        finally:
            connection.close()

    tasks = [asyncio.create_task(waiter(i)) for i in range(args.waiters)]
    await asyncio.wait_for(all_asked.wait(), 60)
    # The service's /metrics (which the local user may read) count a request as waiting
    # from before its first read, so: until every client is counted, then until the pool
    # has been idle, with nobody queueing for it, for a second (five scrapes running): the
    # first reads are over, and nothing but the waits is left in the service. If waits
    # held connections that would never come; after 30 s the script goes on, and
    # pool_active tells. Without /metrics, a second's pause instead.
    scrape = Connection(host, port, "")
    await scrape.open()
    waiting = active = None
    settling = loop.time()
    deadline = settling + 60
    while loop.time() < deadline:
        status, metrics = await scrape.request("GET", "/metrics")
        if status != 200:
            await asyncio.sleep(1)
            break
        waiting = gauge(metrics, "tasktracker_sync_waiting")
        if waiting is None or waiting >= args.waiters:
            break
        await asyncio.sleep(0.1)
    if waiting is not None:
        recent = []
        deadline = loop.time() + 30
        while loop.time() < deadline:
            status, metrics = await scrape.request("GET", "/metrics")
            in_use = gauge(metrics, "hikaricp_connections_active") or 0
            queued = gauge(metrics, "tasktracker_database_connections_waiting") or 0
            recent = (recent + [in_use + queued])[-5:]
            if len(recent) == 5 and max(recent) == 0:
                break
            await asyncio.sleep(0.2)
        active = max(recent)
        waiting = gauge(metrics, "tasktracker_sync_waiting")
    settled_s = loop.time() - settling
    scrape.close()
    print("READY", flush=True)
    if args.idle > 0:
        await asyncio.sleep(args.idle)
        print("WRITING", flush=True)
    first.close()  # idle since the first read, maybe past the service's keep-alive time
    await first.open()

    write_times, writes, write_errors, last_written = [], 0, 0, 0
    started = loop.time()
    while loop.time() - started < args.duration:
        writes += 1
        sent[writes] = loop.time()
        try:
            status, body = await first.request(
                "PATCH", f"/tasks/{args.first_id + writes}", f'{{"title": "Long poll write {writes}"}}'.encode())
        except asyncio.TimeoutError:
            status, body = 0, b"no answer within 60 s"
        write_times.append(loop.time() - sent[writes])
        if status == 200:
            last_written = writes
        else:
            write_errors += 1
            print(f"long-poll: PATCH answered {status}: {body[:200]!r}", file=sys.stderr, flush=True)
        await asyncio.sleep(max(0.0, started + writes * args.interval - loop.time()))

    deadline = loop.time() + args.grace
    while loop.time() < deadline and min(last_seen) < last_written:
        await asyncio.sleep(0.05)
    # One more write wakes every waiter, which then stops instead of asking again, so that
    # no wait is left in the service for the next pass (a wait whose client has gone stays
    # there until its time runs out).
    state["stopping"] = True
    try:
        await first.request("PATCH", f"/tasks/{args.first_id + writes + 1}", b'{"title": "Long poll done"}')
    except asyncio.TimeoutError:
        pass
    _, left = await asyncio.wait(tasks, timeout=args.grace)
    for task in left:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    first.close()

    ms = [1000 * t for t in latencies]
    print("RESULT waiters=%d writes=%d answered=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f saw_last=%d timeouts=%d "
          "errors=%d write_errors=%d write_p50_ms=%.1f write_max_ms=%.1f left_waiting=%d waiting=%s "
          "pool_active=%s settled_s=%.1f" % (
              args.waiters, writes, len(latencies), percentile(ms, 50), percentile(ms, 99),
              max(ms) if ms else float("nan"), sum(1 for s in last_seen if s >= last_written), state["timeouts"],
              state["errors"], write_errors, percentile([1000 * t for t in write_times], 50),
              1000 * max(write_times) if write_times else float("nan"), len(left),
              "?" if waiting is None else "%.0f" % waiting, "?" if active is None else "%.0f" % active, settled_s), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", default="", help="a bearer token; without it, the local user")
    parser.add_argument("--first-id", type=int, required=True,
                        help="write k changes task first-id + k: the user's own, one per write")
    parser.add_argument("--waiters", type=int, default=500)
    parser.add_argument("--wait", type=int, default=30, help="each poll's wait=, in seconds (at most 60)")
    parser.add_argument("--duration", type=float, default=10, help="seconds of writes")
    parser.add_argument("--interval", type=float, default=1, help="seconds from one write to the next")
    parser.add_argument("--idle", type=float, default=0, help="seconds of waiting with no writes, first")
    parser.add_argument("--grace", type=float, default=5, help="seconds to wait for answers after the last write")
    asyncio.run(main(parser.parse_args()))
