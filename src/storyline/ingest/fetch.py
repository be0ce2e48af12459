"""Network fetches for URLs and feeds the user names: timeouts, size limit, retries, a user agent.

Only sources the user names are fetched (and the article pages a summary-only feed links to). The body
is streamed and cut off at the size limit, so a hostile or broken server cannot exhaust memory.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from storyline.errors import FetchError, TooLarge

USER_AGENT = "storyline/0.1 (+https://github.com/storyline-news/storyline; news story engine)"
DEFAULT_TIMEOUT_S = 15.0
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_RETRIES = 2  # transient errors (connect failure, 5xx, 429) are retried with backoff
RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(slots=True)
class Fetched:
    url: str  # final URL after redirects
    content: bytes
    content_type: str
    encoding: str | None


class Fetcher:
    """A small httpx client wrapper; pass ``transport=`` in tests (httpx.MockTransport)."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        max_bytes: int = DEFAULT_MAX_BYTES,
        retries: int = DEFAULT_RETRIES,
        backoff: float = 0.5,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.client = httpx.Client(
            timeout=timeout,
            follow_redirects=True,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,application/xml,*/*",
            },
            transport=transport,
        )

    def get(self, url: str) -> Fetched:
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            try:
                return self._get_once(url)
            except _Retryable as exc:
                last = exc.cause
                if attempt < self.retries:
                    time.sleep(self.backoff * (2**attempt))
        assert last is not None
        if isinstance(last, httpx.TimeoutException):
            raise FetchError(url, f"timed out after {self.retries + 1} attempts") from last
        if isinstance(last, httpx.HTTPStatusError):
            raise FetchError(url, f"HTTP {last.response.status_code}") from last
        raise FetchError(url, f"cannot fetch: {type(last).__name__}: {last}") from last

    def _get_once(self, url: str) -> Fetched:
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code in RETRY_STATUS:
                    raise _Retryable(
                        httpx.HTTPStatusError("retryable", request=response.request, response=response)
                    )
                if response.status_code >= 400:
                    raise FetchError(url, f"HTTP {response.status_code}")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise TooLarge(url, f"response is {int(declared):,} bytes, limit {self.max_bytes:,}")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise TooLarge(url, f"response exceeds the limit of {self.max_bytes:,} bytes")
                    chunks.append(chunk)
                return Fetched(
                    url=str(response.url),
                    content=b"".join(chunks),
                    content_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
                    encoding=response.charset_encoding,
                )
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            raise _Retryable(exc) from exc

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Retryable(Exception):
    def __init__(self, cause: Exception) -> None:
        super().__init__(str(cause))
        self.cause = cause
