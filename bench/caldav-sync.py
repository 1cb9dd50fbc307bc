#!/usr/bin/env python3
"""A phone's first CalDAV sync of a large Inbox, timed, with the service's memory beside it.

    bench/caldav-sync.py --url http://127.0.0.1:18000 --user ada --token TOKEN \
        [--tasks 10000] [--chunk 30] [--pid PID]

Creates --tasks tasks in the user's Inbox through the API unless it already holds that
many, then syncs the Inbox as DAVx5 and Tasks.org do on a first sync: PROPFIND of the
calendar (getctag, sync-token), REPORT sync-collection with no token (every href and
ETag), then REPORT calendar-multiget for the hrefs in chunks of --chunk (Tasks.org asks
30 at a time), then one sync-collection with the new token (nothing changed). Each step
is timed from the request to the last byte read; with --pid, the service's peak and
current resident memory (VmHWM, VmRSS from /proc) are read before and after.

Prints one line per step and one RESULT line. Only Python's standard library.
"""

import argparse
import base64
import http.client
import json
import re
import sys
import time
import urllib.parse

DAV_NS = 'xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/"'


def memory(pid):
    if not pid:
        return None
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmHWM", "VmRSS"):
                fields[name] = int(value.split()[0]) // 1024
    return fields


class Client:

    def __init__(self, url, user, token):
        parts = urllib.parse.urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        self.basic = "Basic " + base64.b64encode(f"{user}:{token}".encode()).decode()
        self.bearer = "Bearer " + token

    def send(self, method, path, body=None, headers=None, dav=True):
        all_headers = {"Authorization": self.basic if dav else self.bearer}
        all_headers.update(headers or {})
        self.connection.request(method, path, body=body, headers=all_headers)
        response = self.connection.getresponse()
        return response.status, response.read()


def timed(name, step):
    start = time.perf_counter()
    result = step()
    took = (time.perf_counter() - start) * 1000
    return result, took


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--tasks", type=int, default=10000)
    parser.add_argument("--chunk", type=int, default=30)
    parser.add_argument("--pid", type=int)
    args = parser.parse_args()
    client = Client(args.url, args.user, args.token)

    held = 0
    after = None
    while True:
        query = "/tasks?project_id=inbox&limit=200" + (f"&after={after}" if after else "")
        status, body = client.send("GET", query, dav=False)
        page = json.loads(body)
        held += len(page)
        if len(page) < 200:
            break
        after = page[-1]["id"]
    for i in range(held, args.tasks):
        status, body = client.send("POST", "/tasks", json.dumps({"title": f"CalDAV sync task {i}",
                                   "description": "A task of the first sync's measurement"}),
                                   {"Content-Type": "application/json"}, dav=False)
        if status != 201:
            sys.exit(f"creating task {i}: {status} {body[:200]!r}")

    inbox = f"/dav/calendars/{args.user}/inbox/"
    before = memory(args.pid)
    steps = []

    (status, body), took = timed("propfind", lambda: client.send(
        "PROPFIND", inbox, f'<d:propfind {DAV_NS}><d:prop><cs:getctag/><d:sync-token/></d:prop></d:propfind>',
        {"Depth": "0", "Content-Type": "application/xml"}))
    assert status == 207, (status, body[:300])
    steps.append(("propfind", took, len(body)))

    sync = f'<d:sync-collection {DAV_NS}><d:sync-token/><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>'
    (status, body), took = timed("sync", lambda: client.send("REPORT", inbox, sync,
                                                             {"Depth": "1", "Content-Type": "application/xml"}))
    assert status == 207, (status, body[:300])
    text = body.decode()
    hrefs = [href for href in re.findall(r"<d:href>([^<]+\.ics)</d:href>", text)]
    token = re.search(r"<d:sync-token>([^<]+)</d:sync-token>", text).group(1)
    steps.append((f"sync-collection ({len(hrefs)} hrefs)", took, len(body)))
    if len(hrefs) < args.tasks:
        sys.exit(f"sync-collection named {len(hrefs)} tasks, fewer than {args.tasks}")

    total = 0.0
    size = 0
    slowest = 0.0
    for start in range(0, len(hrefs), args.chunk):
        chunk = "".join(f"<d:href>{href}</d:href>" for href in hrefs[start:start + args.chunk])
        multiget = f'<c:calendar-multiget {DAV_NS}><d:prop><d:getetag/><c:calendar-data/></d:prop>{chunk}</c:calendar-multiget>'
        (status, body), took = timed("multiget", lambda: client.send("REPORT", inbox, multiget,
                                                                     {"Depth": "1", "Content-Type": "application/xml"}))
        assert status == 207, (status, body[:300])
        total += took
        slowest = max(slowest, took)
        size += len(body)
    steps.append((f"calendar-multiget x{(len(hrefs) + args.chunk - 1) // args.chunk} (of {args.chunk})", total, size))

    again = sync.replace("<d:sync-token/>", f"<d:sync-token>{token}</d:sync-token>")
    (status, body), took = timed("sync again", lambda: client.send("REPORT", inbox, again,
                                                                   {"Depth": "1", "Content-Type": "application/xml"}))
    assert status == 207, (status, body[:300])
    steps.append(("sync-collection with its token", took, len(body)))
    after_memory = memory(args.pid)

    for name, took, size in steps:
        print(f"{name}: {took:.0f} ms, {size / 1024:.0f} KiB")
    first_sync = sum(took for name, took, size in steps[:3])
    print(f"RESULT tasks={len(hrefs)} first_sync_ms={first_sync:.0f} slowest_multiget_ms={slowest:.0f} "
          f"rss_before_mb={before and before['VmRSS']} rss_after_mb={after_memory and after_memory['VmRSS']} "
          f"peak_before_mb={before and before['VmHWM']} peak_after_mb={after_memory and after_memory['VmHWM']}")


if __name__ == "__main__":
    main()
