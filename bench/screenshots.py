#!/usr/bin/env python3
"""Screenshots of the map for the README, in Debian's headless Chromium driven through chromedriver's W3C WebDriver
API (standard library only; the helpers of map_first_view.py).

Usage: bench/screenshots.py BASE_URL OUT_DIR   (BASE_URL a server with the demo sample). Writes one PNG per VIEWS row
into OUT_DIR once the view's base layer, estates and names are drawn.
"""
import base64
import os
import subprocess
import sys
import time

from map_first_view import call, free_port

# file, permalink (its lang= wins over the browser's), window width, height
VIEWS = [
    ("map-en.png", "#/?z=8&lat=36.700000&lng=49.900000&lang=en", 1200, 720),
    ("map-fa.png", "#/?z=8&lat=36.700000&lng=49.900000&lang=fa", 1200, 720),
    ("map-phone-fa.png", "#/?z=9&lat=37.250000&lng=49.750000&lang=fa", 390, 780),
]

READY = """
const done = arguments[arguments.length - 1];
const started = Date.now();
(function poll() {
  const map = document.getElementById('map');
  const ready = document.body.dataset.ready === 'true' && map && map.dataset.baseLayer === 'drawn'
    && map.dataset.estateTiles === 'drawn' && Number(map.dataset.estateLabels || 0) > 0;
  if (ready || Date.now() - started > 60000) done(Boolean(ready));
  else setTimeout(poll, 100);
})();
"""


def main():
    base_url, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
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
        for name, view, width, height in VIEWS:
            session = call(wd, "POST", "/session", {"capabilities": {"alwaysMatch": {
                "browserName": "chrome", "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--force-device-scale-factor=1", f"--window-size={width},{height}"]}}}})["sessionId"]
            try:
                call(wd, "POST", f"/session/{session}/timeouts", {"script": 90000})
                call(wd, "POST", f"/session/{session}/url", {"url": base_url + "/" + view})
                if not call(wd, "POST", f"/session/{session}/execute/async", {"script": READY, "args": []}):
                    sys.exit(f"{view}: the map was not drawn within a minute")
                time.sleep(1.5)  # the last label and tile fade-ins
                png = base64.b64decode(call(wd, "GET", f"/session/{session}/screenshot"))
                path = os.path.join(out_dir, name)
                with open(path, "wb") as f:
                    f.write(png)
                print(f"{path}: {width}x{height}, {len(png) // 1024} kB", flush=True)
            finally:
                call(wd, "DELETE", f"/session/{session}")
    finally:
        driver.terminate()


if __name__ == "__main__":
    main()
