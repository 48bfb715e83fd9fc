#!/usr/bin/env python3
"""Load generator for bench/tiles.sh: GET requests over raw HTTP/1.1 keep-alive connections (asyncio, standard
library). Reads request paths from stdin, one a line; C connections each send the paths in turn (each connection
starting at its own offset) for D seconds, with any extra header lines given after the duration (e.g.
"Accept-Encoding: gzip"). Prints "responses/s median_ms p95_ms statuses client_cpu_s".

Usage: tile_load.py HOST PORT CONNECTIONS SECONDS [HEADER ...] < paths
"""
import asyncio
import sys
import time
from collections import Counter


async def exchange(reader, writer, payload):
    writer.write(payload)
    status_line = await reader.readline()
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return int(status_line.split()[1])


async def run(host, port, paths, connections, seconds, headers):
    extra = "".join(h + "\r\n" for h in headers)
    payloads = [f"GET {p} HTTP/1.1\r\nHost: {host}\r\n{extra}\r\n".encode() for p in paths]
    latencies, statuses = [], Counter()
    deadline = time.perf_counter() + seconds

    async def worker(k):
        reader, writer = await asyncio.open_connection(host, port)
        i = k * max(1, len(payloads) // connections)
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            statuses[await exchange(reader, writer, payloads[i % len(payloads)])] += 1
            latencies.append(time.perf_counter() - t0)
            i += 1
        writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker(k) for k in range(connections)))
    return time.perf_counter() - start, latencies, statuses


def main():
    host, port, connections, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    paths = [line.strip() for line in sys.stdin if line.strip()]
    cpu0 = time.process_time()
    elapsed, latencies, statuses = asyncio.run(run(host, port, paths, connections, seconds, sys.argv[5:]))
    latencies.sort()
    median = latencies[len(latencies) // 2] * 1000
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))] * 1000
    codes = ",".join(f"{k}:{v}" for k, v in sorted(statuses.items()))
    print(f"{len(latencies) / elapsed:.0f} {median:.2f} {p95:.2f} {codes} {time.process_time() - cpu0:.1f}")


if __name__ == "__main__":
    main()
