#!/usr/bin/env python3
"""The map's first view in Debian's headless Chromium, driven through chromedriver's W3C WebDriver API (standard
library only): time until the first vector tiles are drawn, and the page's DOM node count.

Usage: bench/map_first_view.py BASE_URL [HASH ...]   (each HASH a map permalink such as '#/?z=12&lat=..&lng=..';
none: the default first view). Prints one Markdown table row per view and run: view, estate tiles drawn (ms after
navigation start), plot tiles drawn (ms), DOM nodes in the page, DOM nodes in the map.
"""
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request

RUNS = 3


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read() or b"{}").get("value")


WAIT = """
const done = arguments[arguments.length - 1];
const wantPlots = arguments[0];
const started = Date.now();
(function poll() {
  const map = document.getElementById('map');
  const estates = map && map.dataset.firstEstateTilesMs;
  const plots = map && map.dataset.firstTilesMs;
  if (estates && (!wantPlots || plots) || Date.now() - started > 60000) {
    done({ estates: Number(estates || -1), plots: Number(plots || -1),
           nodes: document.getElementsByTagName('*').length,
           mapNodes: map ? map.getElementsByTagName('*').length : -1, hash: location.hash });
  } else {
    setTimeout(poll, 20);
  }
})();
"""


def wants_plots(h):
    """Plots are drawn from zoom 12 (web/js/map.js PARCEL_MIN_ZOOM)."""
    m = re.search(r"z=(\d+)", h)
    return bool(m) and int(m.group(1)) >= 12


def main():
    base_url = sys.argv[1]
    hashes = sys.argv[2:] or [""]
    port = free_port()
    driver = subprocess.Popen(["chromedriver", f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wd = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                call(wd, "GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        for h in hashes:
            for run in range(RUNS):
                # a new browser per run: nothing cached
                session = call(wd, "POST", "/session", {"capabilities": {"alwaysMatch": {
                    "browserName": "chrome", "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,800"]}}}})["sessionId"]
                try:
                    call(wd, "POST", f"/session/{session}/timeouts", {"script": 90000})
                    call(wd, "POST", f"/session/{session}/url", {"url": base_url + "/" + h})
                    r = call(wd, "POST", f"/session/{session}/execute/async",
                             {"script": WAIT, "args": [wants_plots(h)]})
                    print(f"| {h or '(default)'} | {run + 1} | {r['estates']} | {r['plots']} | {r['nodes']} | "
                          f"{r['mapNodes']} |", flush=True)
                finally:
                    call(wd, "DELETE", f"/session/{session}")
    finally:
        driver.terminate()


if __name__ == "__main__":
    main()
