"""An HTTP/1.1 transport for httpx on plain asyncio: the same requests for a fraction of the CPU.

A bulk fetch is bound by the client's CPU, and httpx's own transport (httpcore over anyio and
h11) spends about 3.6 ms of it per request on a 350 KB page, several times what the bytes
need. This one does only what HttpClient asks of a transport:

- HTTP/1.1 with keep-alive: a pool per event loop of at most `max_connections` connections
  (idle ones kept per origin, at most `max_keepalive_connections`, for `keepalive_expiry`
  seconds); a connection is reused only after its answer was read to the end and the server
  did not ask to close it, so one dropped mid-answer never carries another request.
- Bodies framed by Content-Length, chunked transfer coding or the server closing the
  connection; no body for HEAD, 1xx, 204 and 304.
- TLS with a verifying context (certifi's bundle, or SSL_CERT_FILE / SSL_CERT_DIR; hostname
  checked), built like httpx's.
- The request's `timeout` extension: connect, read (per wait for bytes), write and pool.
- Failures as the httpx exceptions HttpClient already handles: ConnectError/ConnectTimeout
  (never sent), ReadError/RemoteProtocolError (lost on the way), ReadTimeout, WriteTimeout,
  PoolTimeout, LocalProtocolError.

The body reaches httpx as a byte stream, so httpx still decodes gzip and deflate, and the
client still handles cookies, redirects and auth. HTTP/2 and proxies are httpx's business:
`default_transport` answers None when the environment names a proxy (the client then builds
httpx's own transport, which honours it).
"""

from __future__ import annotations

import asyncio
import functools
import os
import ssl
import urllib.request
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import certifi
import httpx

__all__ = ["AsyncioTransport", "default_transport", "verifying_ssl_context"]

MAX_HEAD = 64 * 1024  # status line and headers of one answer, at most
HIGH_WATER = 1024 * 1024  # stop reading the socket while this much waits unread
LOW_WATER = 256 * 1024
_NO_BODY_STATUSES = frozenset({204, 304})
_DEFAULT_PORTS = {b"http": 80, b"https": 443}


def verifying_ssl_context() -> ssl.SSLContext:
    """The verifying TLS context every client shares (loading a CA bundle takes a while):
    hostnames checked, HTTP/1.1 offered by ALPN, as httpx builds it. The CAs are certifi's,
    unless SSL_CERT_FILE or SSL_CERT_DIR names others (as httpx reads them): a company whose
    proxy inspects TLS hands its own CA to programs that way."""
    return _ssl_context(
        os.environ.get("SSL_CERT_FILE") or None, os.environ.get("SSL_CERT_DIR") or None
    )


@functools.cache
def _ssl_context(cafile: str | None, capath: str | None) -> ssl.SSLContext:
    if cafile is None and capath is None:
        cafile = certifi.where()
    context = ssl.create_default_context(cafile=cafile, capath=None if cafile else capath)
    context.set_alpn_protocols(["http/1.1"])
    return context


def default_transport(
    *,
    max_connections: int,
    max_keepalive_connections: int | None = None,
    ssl_context: ssl.SSLContext | None = None,
    http2: bool = False,
) -> AsyncioTransport | None:
    """Our transport, or None where httpx's own must serve: HTTP/2 wanted, or a proxy named
    by the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, ... as httpx reads them)."""
    if http2 or any(scheme != "no" for scheme in urllib.request.getproxies()):
        return None
    return AsyncioTransport(
        max_connections=max_connections,
        max_keepalive_connections=max_keepalive_connections,
        ssl_context=ssl_context,
    )


class AsyncioTransport(httpx.AsyncBaseTransport):
    """HTTP/1.1 over asyncio streams of our own, with a bounded keep-alive pool."""

    def __init__(
        self,
        *,
        max_connections: int = 10,
        max_keepalive_connections: int | None = None,
        keepalive_expiry: float = 5.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if max_connections < 1:
            raise ValueError("max_connections must be at least 1")
        self.max_connections = max_connections
        self.max_keepalive = (
            max_connections
            if max_keepalive_connections is None
            else min(max_connections, max_keepalive_connections)
        )
        self.keepalive_expiry = keepalive_expiry
        self._ssl_context = ssl_context
        # Connections belong to the loop that opened them: one pool per loop (by id; a pool
        # whose loop has closed is dropped when the next loop's pool is made).
        self._pools: dict[int, _Pool] = {}
        self._closed = False

    @property
    def ssl_context(self) -> ssl.SSLContext:
        if self._ssl_context is None:
            self._ssl_context = verifying_ssl_context()
        return self._ssl_context

    def _pool(self) -> _Pool:
        loop = asyncio.get_running_loop()
        pool = self._pools.get(id(loop))
        if pool is None or pool.loop is not loop:
            self._pools = {k: p for k, p in self._pools.items() if not p.loop.is_closed()}
            pool = self._pools[id(loop)] = _Pool(self, loop)
        return pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._closed:
            raise RuntimeError("the transport is closed")
        url = request.url
        scheme = url.raw_scheme
        if scheme not in _DEFAULT_PORTS:
            raise httpx.UnsupportedProtocol(f"unsupported URL scheme {url.scheme!r}")
        if not url.raw_host:
            raise httpx.UnsupportedProtocol(f"no host in URL {url!r}")
        port = url.port or _DEFAULT_PORTS[scheme]
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        sni = request.extensions.get("sni_hostname")
        origin = _Origin(scheme, url.host, port, sni if isinstance(sni, str) else None)
        pool = self._pool()
        conn = await pool.acquire(origin, timeouts.get("pool"), timeouts.get("connect"))
        try:
            await conn.send_request(request, timeouts.get("write"))
            read_timeout = timeouts.get("read")
            head = await conn.read_head(read_timeout)
            while 100 <= head.status < 200:
                if head.status == 101:
                    raise httpx.RemoteProtocolError("the server switched protocols (101)")
                head = await conn.read_head(read_timeout)  # 100 Continue etc.: the next one
            stream = _ResponseStream(pool, conn, head, request, read_timeout)
        except BaseException:
            pool.release(conn, reusable=False)
            raise
        return httpx.Response(
            head.status,
            headers=head.headers,
            stream=stream,
            extensions={"http_version": head.version, "reason_phrase": head.reason},
        )

    async def aclose(self) -> None:
        self._closed = True
        for pool in list(self._pools.values()):
            loop = pool.loop
            if loop.is_closed():
                continue  # its sockets went with it
            try:
                running = asyncio.get_running_loop()
            except RuntimeError:  # pragma: no cover - aclose is awaited on a loop
                running = None
            if loop is running:
                pool.close()
            else:
                loop.call_soon_threadsafe(pool.close)
        self._pools.clear()


class _Origin:
    __slots__ = ("host", "key", "port", "scheme", "sni")

    def __init__(self, scheme: bytes, host: str, port: int, sni: str | None) -> None:
        self.scheme = scheme
        self.host = host
        self.port = port
        self.sni = sni
        self.key = (scheme, host, port, sni)


@dataclass(slots=True)
class _Head:
    status: int
    reason: bytes
    version: bytes
    headers: list[tuple[bytes, bytes]]
    framing: str  # "length", "chunked", "close" or "none"
    length: int
    keep_alive: bool


class _Pool:
    """The connections of one transport on one event loop."""

    def __init__(self, owner: AsyncioTransport, loop: asyncio.AbstractEventLoop) -> None:
        self.owner = owner
        self.loop = loop
        self.idle: dict[tuple[Any, ...], list[_Connection]] = {}
        self.open = 0  # connections counted against max_connections, idle ones included
        self.waiters: deque[asyncio.Future[None]] = deque()
        self.closed = False

    async def acquire(
        self, origin: _Origin, pool_timeout: float | None, connect_timeout: float | None
    ) -> _Connection:
        deadline = None if pool_timeout is None else self.loop.time() + pool_timeout
        while True:
            conn = self._take_idle(origin.key)
            if conn is not None:
                return conn
            if self.open >= self.owner.max_connections:
                self._close_one_idle()  # an idle connection to another origin gives way
            if self.open < self.owner.max_connections:
                self.open += 1
                try:
                    return await self._connect(origin, connect_timeout)
                except BaseException:
                    self.open -= 1
                    self._wake()
                    raise
            await self._wait_for_release(deadline)

    def _take_idle(self, key: tuple[Any, ...]) -> _Connection | None:
        idle = self.idle.get(key)
        now = self.loop.time()
        while idle:
            conn = idle.pop()
            if conn.usable() and now - conn.idle_since < self.owner.keepalive_expiry:
                return conn
            conn.abort()
            self.open -= 1
        return None

    def _close_one_idle(self) -> None:
        oldest: _Connection | None = None
        for idle in self.idle.values():
            if idle and (oldest is None or idle[0].idle_since < oldest.idle_since):
                oldest = idle[0]
        if oldest is not None:
            self.idle[oldest.origin.key].remove(oldest)
            oldest.abort()
            self.open -= 1

    async def _wait_for_release(self, deadline: float | None) -> None:
        waiter: asyncio.Future[None] = self.loop.create_future()
        self.waiters.append(waiter)
        timer = None
        if deadline is not None:
            timer = self.loop.call_at(deadline, _expire, waiter)
        try:
            await waiter
        except httpx.PoolTimeout:
            raise
        except BaseException:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self._wake()  # woken and then cancelled: pass the turn on
            raise
        finally:
            if timer is not None:
                timer.cancel()
            if waiter in self.waiters:
                self.waiters.remove(waiter)

    def _wake(self) -> None:
        while self.waiters:
            waiter = self.waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    async def _connect(self, origin: _Origin, timeout: float | None) -> _Connection:
        context = self.owner.ssl_context if origin.scheme == b"https" else None
        server_hostname = (origin.sni or origin.host) if context is not None else None
        try:
            _, conn = await asyncio.wait_for(
                self.loop.create_connection(
                    lambda: _Connection(self.loop, origin),
                    origin.host,
                    origin.port,
                    ssl=context,
                    server_hostname=server_hostname,
                ),
                timeout,
            )
        except TimeoutError as exc:
            raise httpx.ConnectTimeout(
                f"no connection to {origin.host}:{origin.port} within {timeout} s"
            ) from exc
        except OSError as exc:  # refused, unreachable, DNS, TLS verification (SSLError)
            raise httpx.ConnectError(str(exc) or type(exc).__name__) from exc
        return conn

    def release(self, conn: _Connection, *, reusable: bool) -> None:
        conn.consumed()  # an idle connection reads, so that the server closing it is seen
        if (
            reusable
            and not self.closed
            and conn.usable()
            and len(idle := self.idle.setdefault(conn.origin.key, [])) < self.owner.max_keepalive
        ):
            conn.idle_since = self.loop.time()
            idle.append(conn)
        else:
            conn.abort()
            self.open -= 1
        self._wake()

    def close(self) -> None:
        self.closed = True
        for idle in self.idle.values():
            for conn in idle:
                conn.abort()
                self.open -= 1
        self.idle.clear()


def _expire(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_exception(httpx.PoolTimeout("no connection came free in time"))


def _wake_waiter(waiter: asyncio.Future[bool], value: bool) -> None:
    if not waiter.done():
        waiter.set_result(value)


class _Connection(asyncio.Protocol):
    """One socket: bytes in a buffer, a waiter woken when more arrive or the peer leaves."""

    def __init__(self, loop: asyncio.AbstractEventLoop, origin: _Origin) -> None:
        self.loop = loop
        self.origin = origin
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.eof = False  # the peer finished sending (or the connection is gone)
        self.lost = False
        self.error: BaseException | None = None  # why the connection was lost, if not cleanly
        self.waiter: asyncio.Future[bool] | None = None
        self.write_waiter: asyncio.Future[bool] | None = None
        self.write_paused = False
        self.read_paused = False
        self.idle_since = 0.0
        self.keep_alive = False

    # -- asyncio.Protocol ---------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > HIGH_WATER and self.transport is not None and not self.read_paused:
            self.read_paused = True
            self.transport.pause_reading()
        waiter = self.waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(True)

    def eof_received(self) -> bool:
        self.eof = True
        self._wake_all()
        return False  # close our side too

    def connection_lost(self, exc: Exception | None) -> None:
        self.eof = self.lost = True
        self.error = exc
        self._wake_all()

    def pause_writing(self) -> None:
        self.write_paused = True

    def resume_writing(self) -> None:
        self.write_paused = False
        waiter = self.write_waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(True)

    def _wake_all(self) -> None:
        for waiter in (self.waiter, self.write_waiter):
            if waiter is not None and not waiter.done():
                waiter.set_result(True)

    # -- use --------------------------------------------------------------------------------
    def usable(self) -> bool:
        """Open and quiet (nothing unasked-for arrived): fit to carry a request."""
        return not self.eof and not self.buffer and self.transport is not None

    def abort(self) -> None:
        if self.transport is not None and not self.lost:
            self.transport.abort()
        self.eof = True

    def consumed(self) -> None:
        if self.read_paused and len(self.buffer) < LOW_WATER and self.transport is not None:
            self.read_paused = False
            self.transport.resume_reading()

    async def wait(self, timeout: float | None) -> None:
        """Until more bytes arrive; ReadTimeout after `timeout` seconds, ReadError or
        RemoteProtocolError when the connection ends first."""
        if self.eof:
            raise self._ended()
        self.consumed()
        waiter: asyncio.Future[bool] = self.loop.create_future()
        self.waiter = waiter
        timer = (
            None if timeout is None else self.loop.call_later(timeout, _wake_waiter, waiter, False)
        )
        try:
            arrived = await waiter
        finally:
            self.waiter = None
            if timer is not None:
                timer.cancel()
        if not arrived:
            raise httpx.ReadTimeout(f"no answer within {timeout} s")

    def _ended(self) -> httpx.TransportError:
        if self.error is not None:
            return httpx.ReadError(str(self.error) or type(self.error).__name__)
        return httpx.RemoteProtocolError("the server closed the connection in mid-answer")

    async def send_request(self, request: httpx.Request, timeout: float | None) -> None:
        transport = self.transport
        if transport is None or self.eof:
            raise httpx.RemoteProtocolError("the connection closed before the request went out")
        parts = [request.method.encode("ascii"), b" ", request.url.raw_path, b" HTTP/1.1\r\n"]
        chunked = False
        self.keep_alive = True
        for name, value in request.headers.raw:
            if b"\r" in value or b"\n" in value or b"\r" in name or b"\n" in name or b":" in name:
                raise httpx.LocalProtocolError(f"illegal header {name!r}")
            lowered = name.lower()
            if lowered == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif lowered == b"connection" and b"close" in value.lower():
                self.keep_alive = False
            parts += (name, b": ", value, b"\r\n")
        parts.append(b"\r\n")
        stream = request.stream
        if isinstance(stream, httpx.ByteStream):
            body = request.content
            if chunked and body:
                parts += (b"%x\r\n" % len(body), body, b"\r\n0\r\n\r\n")
            elif chunked:
                parts.append(b"0\r\n\r\n")
            else:
                parts.append(body)
            transport.write(b"".join(parts))
            await self._drain(timeout)
            return
        transport.write(b"".join(parts))
        assert isinstance(stream, httpx.AsyncByteStream)
        async for chunk in stream:
            if not chunk:
                continue
            if chunked:
                transport.writelines((b"%x\r\n" % len(chunk), chunk, b"\r\n"))
            else:
                transport.write(chunk)
            await self._drain(timeout)
        if chunked:
            transport.write(b"0\r\n\r\n")
        await self._drain(timeout)

    async def _drain(self, timeout: float | None) -> None:
        while self.write_paused:
            if self.lost:
                raise httpx.WriteError("the connection closed while the request was going out")
            waiter: asyncio.Future[bool] = self.loop.create_future()
            self.write_waiter = waiter
            timer = (
                None
                if timeout is None
                else self.loop.call_later(timeout, _wake_waiter, waiter, False)
            )
            try:
                sent = await waiter
            finally:
                self.write_waiter = None
                if timer is not None:
                    timer.cancel()
            if not sent:
                raise httpx.WriteTimeout(f"the request did not go out within {timeout} s")
        if self.lost and self.error is not None:
            raise httpx.WriteError(str(self.error) or type(self.error).__name__)

    async def read_head(self, timeout: float | None) -> _Head:
        buffer = self.buffer
        searched = 0
        while True:
            while buffer[:2] == b"\r\n":  # empty lines before the status line are allowed
                del buffer[:2]
                searched = 0
            end = buffer.find(b"\r\n\r\n", searched)
            if end >= 0:
                break
            if len(buffer) > MAX_HEAD:
                raise httpx.RemoteProtocolError("the answer's headers are too large")
            searched = max(0, len(buffer) - 3)
            if self.eof and not buffer and self.error is None:
                raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
            await self.wait(timeout)
        head = bytes(buffer[:end])
        del buffer[: end + 4]
        return self._parse_head(head)

    def _parse_head(self, head: bytes) -> _Head:
        lines = head.split(b"\r\n")
        status_line = lines[0].split(b" ", 2)
        version = status_line[0]
        if (
            len(status_line) < 2
            or version[:7] != b"HTTP/1."
            or len(status_line[1]) != 3
            or not status_line[1].isdigit()
        ):
            raise httpx.RemoteProtocolError(f"malformed status line {lines[0][:80]!r}")
        status = int(status_line[1])
        reason = status_line[2] if len(status_line) == 3 else b""
        headers: list[tuple[bytes, bytes]] = []
        length = -1
        chunked = False
        encoded = False
        keep_alive = self.keep_alive and version == b"HTTP/1.1"
        for line in lines[1:]:
            name, colon, value = line.partition(b":")
            if not colon or not name or name[-1] in b" \t" or name[0] in b" \t":
                raise httpx.RemoteProtocolError(f"malformed header line {line[:80]!r}")
            value = value.strip(b" \t")
            headers.append((name, value))
            lowered = name.lower()
            if lowered == b"content-length":
                for part in value.split(b","):
                    item = part.strip()
                    if not item.isdigit():
                        raise httpx.RemoteProtocolError(f"bad Content-Length {value[:40]!r}")
                    if length not in (-1, int(item)):
                        raise httpx.RemoteProtocolError("conflicting Content-Length headers")
                    length = int(item)
            elif lowered == b"transfer-encoding":
                encoded = True
                codings = [c.strip() for c in value.lower().split(b",")]
                if codings != [b"chunked"] or chunked:
                    raise httpx.RemoteProtocolError(f"unsupported Transfer-Encoding {value!r}")
                chunked = True
            elif lowered == b"connection" and b"close" in value.lower():
                keep_alive = False
        if status < 200 or status in _NO_BODY_STATUSES:
            framing = "none"
        elif chunked:
            framing = "chunked"
        elif length >= 0 and not encoded:
            framing = "length"
        else:
            framing = "close"
            keep_alive = False
        return _Head(status, reason, version, headers, framing, length, keep_alive)


class _ResponseStream(httpx.AsyncByteStream):
    """The answer's body as it arrives; the connection goes back to the pool once it was read
    to the end (and is closed if it was not)."""

    def __init__(
        self,
        pool: _Pool,
        conn: _Connection,
        head: _Head,
        request: httpx.Request,
        timeout: float | None,
    ) -> None:
        self._pool = pool
        self._conn: _Connection | None = conn
        self._timeout = timeout
        self._keep_alive = head.keep_alive
        self._framing = "none" if request.method == "HEAD" else head.framing
        self._length = head.length
        if self._framing == "none" or (self._framing == "length" and self._length == 0):
            self._finish()

    def _finish(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            self._pool.release(conn, reusable=self._keep_alive)

    def _fail(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            self._pool.release(conn, reusable=False)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        conn = self._conn
        if conn is None:
            return
        try:
            if self._framing == "length":
                body = self._sized(conn, self._length)
            elif self._framing == "chunked":
                body = self._chunked(conn)
            else:
                body = self._until_close(conn)
            async for chunk in body:
                yield chunk
        except BaseException:
            self._fail()
            raise
        self._finish()

    async def _sized(self, conn: _Connection, remaining: int) -> AsyncIterator[bytes]:
        """The next `remaining` bytes, as they arrive (a sized body, or one chunk's data)."""
        buffer = conn.buffer
        while remaining:
            if not buffer:
                await conn.wait(self._timeout)
                continue
            if len(buffer) <= remaining:
                chunk = bytes(buffer)
                buffer.clear()
            else:
                chunk = bytes(buffer[:remaining])
                del buffer[:remaining]
            remaining -= len(chunk)
            yield chunk

    async def _line(self, conn: _Connection) -> bytes:
        buffer = conn.buffer
        searched = 0
        while (end := buffer.find(b"\r\n", searched)) < 0:
            if len(buffer) > MAX_HEAD:
                raise httpx.RemoteProtocolError("a chunk header or trailer line is too long")
            searched = max(0, len(buffer) - 1)
            await conn.wait(self._timeout)
        line = bytes(buffer[:end])
        del buffer[: end + 2]
        return line

    async def _chunked(self, conn: _Connection) -> AsyncIterator[bytes]:
        while True:
            line = await self._line(conn)
            size_text = line.split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                size = -1
            if size < 0 or not size_text or size_text[:1] in b"+-" or b"_" in size_text:
                raise httpx.RemoteProtocolError(f"bad chunk size {line[:40]!r}")
            if size == 0:
                while await self._line(conn):  # trailer fields, up to an empty line
                    pass
                return
            async for chunk in self._sized(conn, size):
                yield chunk
            if await self._line(conn):
                raise httpx.RemoteProtocolError("a chunk is longer than its stated size")

    async def _until_close(self, conn: _Connection) -> AsyncIterator[bytes]:
        buffer = conn.buffer
        while True:
            if buffer:
                chunk = bytes(buffer)
                buffer.clear()
                yield chunk
                continue
            if conn.eof:
                if conn.error is not None:
                    raise httpx.ReadError(str(conn.error) or type(conn.error).__name__)
                return
            await _wait_or_end(conn, self._timeout)

    async def aclose(self) -> None:
        self._fail()  # a no-op once the body was read to the end


async def _wait_or_end(conn: _Connection, timeout: float | None) -> None:
    """Like conn.wait, but the peer closing is the body's end, not an error."""
    if conn.eof:
        return
    try:
        await conn.wait(timeout)
    except httpx.RemoteProtocolError:
        return
