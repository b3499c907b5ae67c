"""Server memory while ten viewers load one 200 MB presentation video at once.

Starts the app as production does (``streamlit run serve.py``), stores a video of
``--mb`` random megabytes (default 200), signs one link to it as the page would
(``/files/<token>``), and lets ``--clients`` HTTP clients (default 10) fetch the
whole file at the same time, each reading a mebibyte at a time and keeping nothing.
Meanwhile the server's resident memory (VmRSS in /proc) is sampled every 20 ms.
Prints the server's memory before, its peak during the downloads, the growth, and
the growth as a share of one copy of the file (the issue's target: well under one
copy per viewer). Run more than once; read the figures, not a single run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from served import free_port, start_server, stop, wait_for_health

from prize.file_links import FileGrant, expiry, path_of, sign
from prize.storage import LocalStorage

COOKIE_KEY = "bench-key-for-video-streaming-0123456789"
MEBIBYTE = 1024 * 1024
SAMPLE_S = 0.02


class RandomVideo:
    """``size`` random-looking bytes read in pieces: never the whole file in this process."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.block = os.urandom(MEBIBYTE)

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        self.left -= size
        return (self.block * (size // MEBIBYTE + 1))[:size]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def sample_peak(pid: int, stop_event: threading.Event, samples: list[float]) -> None:
    while not stop_event.is_set():
        samples.append(rss_mib(pid))
        time.sleep(SAMPLE_S)


def download(url: str, received: list[int]) -> None:
    total = 0
    with urllib.request.urlopen(url, timeout=600) as answer:
        while piece := answer.read(MEBIBYTE):
            total += len(piece)
    received.append(total)


def measure(*, megabytes: int, clients: int, directory: Path) -> dict[str, float]:
    storage = LocalStorage(directory / "files")
    stored = storage.put(RandomVideo(megabytes * 1_000_000))
    grant = FileGrant(storage_key=stored.key, media_type="video/webm", download_name="præsentation.webm",
                      expires_at=expiry(datetime.now(UTC), minutes=60))
    env = os.environ | {"PRIZE_DATABASE_URL": f"sqlite:///{directory / 'prize.db'}",
                        "PRIZE_STORAGE_DIR": str(directory / "files"), "PRIZE_COOKIE_KEY": COOKIE_KEY,
                        "PRIZE_DEMO_MODE": "true", "PRIZE_BCRYPT_ROUNDS": "4"}
    port = free_port()
    log = directory / "streamlit.log"
    server = start_server("serve.py", env, port, log)
    try:
        wait_for_health(server, port, log, timeout_s=120)
        url = f"http://127.0.0.1:{port}{path_of(sign(grant, cookie_key=COOKIE_KEY))}"
        urllib.request.urlopen(urllib.request.Request(url, headers={"Range": "bytes=0-1023"}), timeout=30).read()
        time.sleep(1)  # let the server settle after its first answer before the baseline
        before = rss_mib(server.pid)
        samples: list[float] = []
        done = threading.Event()
        sampler = threading.Thread(target=sample_peak, args=(server.pid, done, samples))
        sampler.start()
        received: list[int] = []
        started = time.perf_counter()
        viewers = [threading.Thread(target=download, args=(url, received)) for _ in range(clients)]
        for viewer in viewers:
            viewer.start()
        for viewer in viewers:
            viewer.join()
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
    finally:
        stop(server)
    if received != [stored.size] * clients:
        raise RuntimeError(f"incomplete downloads: {received}")
    return {"file_mib": stored.size / MEBIBYTE, "before": before, "peak": max(samples),
            "median": statistics.median(samples), "seconds": seconds,
            "throughput": clients * stored.size / MEBIBYTE / seconds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="size of the video in MB (default 200)")
    parser.add_argument("--clients", type=int, default=10, help="viewers at once (default 10)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-video-") as folder:
        figures = measure(megabytes=args.mb, clients=args.clients, directory=Path(folder))
    growth = figures["peak"] - figures["before"]
    print(f"{args.clients} clients fetched a {figures['file_mib']:.0f} MiB video through /files/<token> at once "
          f"({args.clients * figures['file_mib'] / 1024:.1f} GiB in {figures['seconds']:.1f} s, "
          f"{figures['throughput']:.0f} MiB/s in all)")
    print(f"server RSS before: {figures['before']:.0f} MiB; during: median {figures['median']:.0f} MiB, "
          f"peak {figures['peak']:.0f} MiB")
    print(f"growth: {growth:.1f} MiB = {growth / figures['file_mib']:.3f} of one copy of the file "
          f"({growth / args.clients:.1f} MiB per viewer; {args.clients} copies would be "
          f"{args.clients * figures['file_mib']:.0f} MiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
