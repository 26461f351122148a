"""Real HTTP clients for the rush tests and the benchmark: one connection per client thread,
the registration form fetched first (CSRF cookie and token), then all POSTs released at once."""

from __future__ import annotations

import http.client
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COOKIE_RE = re.compile(r"csrftoken=([^;]+)")


@dataclass
class Result:
    index: int
    status: int = 0
    location: str = ""
    body: str = ""
    error: str = ""
    latency: float = 0.0
    started: float = 0.0


class Client:
    """A browser-like client: its own keep-alive connection and CSRF cookie."""

    def __init__(self, base_url: str, timeout: float = 60.0, source: str | None = None):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.timeout = timeout
        # a loopback source address of its own (127.0.x.y): a visitor of its own for the
        # per-address limits, as in a real rush of different people
        self.source = (source, 0) if source else None
        self.cookie = ""
        self.connection = self._connect()

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(
            self.host, self.port, timeout=self.timeout, source_address=self.source
        )

    def request(self, method: str, path: str, data: dict | None = None):
        headers = {"Host": f"{self.host}:{self.port}"}
        body = None
        if self.cookie:
            headers["Cookie"] = f"csrftoken={self.cookie}"
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # the server closed an idle keep-alive connection: reconnect once
                self.connection.close()
                self.connection = self._connect()
                if attempt:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                match = COOKIE_RE.search(value)
                if match:
                    self.cookie = match.group(1)
        return response.status, response.getheader("Location") or "", text

    def form_token(self, path: str) -> str:
        status, _, text = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} gave {status}")
        match = TOKEN_RE.search(text)
        if not match:
            raise RuntimeError(f"no CSRF token on {path}")
        return match.group(1)

    def close(self) -> None:
        self.connection.close()

    def reconnect_later(self) -> None:
        """Drop the connection now; the next request opens a fresh one. Clients waiting for
        the start signal must not hold idle keep-alive connections: a server with bounded
        concurrency (granian's backpressure) would keep them busy and starve the others."""
        self.connection.close()
        self.connection = self._connect()


@dataclass
class Rush:
    """Run ``n`` clients: ``prepare(client, i)`` returns (path, data) before the start
    signal; all POSTs then go out together."""

    base_url: str
    n: int
    # give client i its own loopback address (127.0.x.y) instead of sharing 127.0.0.1
    own_addresses: bool = False
    results: list[Result] = field(default_factory=list)
    wall: float = 0.0

    def run(self, prepare, *, timeout: float = 120.0, on_start=None) -> list[Result]:
        """``on_start()`` (optional) runs once every client is prepared, just before the
        POSTs are released."""
        barrier = threading.Barrier(self.n + 1, action=on_start)
        results = [Result(index=i) for i in range(self.n)]

        def worker(i: int) -> None:
            source = f"127.0.{10 + i // 200}.{i % 200 + 1}" if self.own_addresses else None
            client = Client(self.base_url, timeout=timeout, source=source)
            result = results[i]
            try:
                try:
                    path, data = prepare(client, i)
                    client.reconnect_later()
                finally:
                    barrier.wait(timeout=timeout)
                result.started = time.perf_counter()
                result.status, result.location, result.body = client.request("POST", path, data)
            except Exception as exc:
                result.error = f"{type(exc).__name__}: {exc}"
            finally:
                result.latency = time.perf_counter() - result.started if result.started else 0.0
                client.close()

        threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(self.n)]
        for thread in threads:
            thread.start()
        barrier.wait(timeout=timeout)
        start = time.perf_counter()
        for thread in threads:
            thread.join(timeout)
        self.wall = time.perf_counter() - start
        self.results = results
        return results


def registration_data(
    token: str, i: int, *, email: str | None = None, domain: str = "geboortezorg"
) -> dict:
    return {
        "csrfmiddlewaretoken": token,
        "name": f"Deelnemer {i} (voorbeeld)",
        "email": email or f"rush{i}@voorbeeld.nl",
        "organisation": "Praktijk (voorbeeld)",
        "role": "verloskundige",
        "domain": domain,
        "work_municipality": "",
        "consent": "on",
    }


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]
