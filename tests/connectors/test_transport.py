"""AsyncioTransport against a loopback server written here, byte by byte: body framings,
keep-alive reuse, connections lost in mid-answer, timeouts, the pool's bound, TLS."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import ipaddress
import socket
import ssl
import struct
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from econdesk.connectors.errors import ConnectionLost, RequestTimeout
from econdesk.connectors.http import HttpClient, RetryPolicy
from econdesk.connectors.transport import (
    AsyncioTransport,
    default_transport,
    verifying_ssl_context,
)

T = TypeVar("T")


@dataclass
class Received:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    connection: int  # which accepted connection carried it (1, 2, ...)


Answer = Callable[[Received, asyncio.StreamWriter], Awaitable[bool]]  # False: close after


@dataclass
class RawServer:
    """An HTTP/1.1 server that answers each request with whatever `answer` writes."""

    answer: Answer
    ssl_context: ssl.SSLContext | None = None
    received: list[Received] = field(default_factory=list)
    accepted: int = 0
    open_now: int = 0
    most_open: int = 0
    _server: asyncio.Server | None = None

    async def __aenter__(self) -> RawServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self.ssl_context)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    @property
    def url(self) -> str:
        assert self._server is not None
        port = self._server.sockets[0].getsockname()[1]
        return f"{'https' if self.ssl_context else 'http'}://localhost:{port}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        number = self.accepted
        self.open_now += 1
        self.most_open = max(self.most_open, self.open_now)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                request_line, *lines = head.decode("latin-1").split("\r\n")[:-2]
                method, target, _ = request_line.split(" ")
                headers = {}
                for line in lines:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
                if headers.get("transfer-encoding") == "chunked":
                    body = b""
                    while size := int((await reader.readuntil(b"\r\n"))[:-2], 16):
                        body += (await reader.readexactly(size + 2))[:-2]
                    await reader.readuntil(b"\r\n")
                else:
                    body = await reader.readexactly(int(headers.get("content-length", "0")))
                request = Received(method, target, headers, body, number)
                self.received.append(request)
                if not await self.answer(request, writer):
                    return
        finally:
            self.open_now -= 1
            writer.close()


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(asyncio.wait_for(coro, 10))


def answer_with(status: int, body: bytes, *extra: str) -> bytes:
    head = [f"HTTP/1.1 {status} Reason Here", f"Content-Length: {len(body)}", *extra]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


async def echo_target(request: Received, writer: asyncio.StreamWriter) -> bool:
    writer.write(answer_with(200, request.target.encode()))
    await writer.drain()
    return True


def test_content_length_answers_reuse_one_connection() -> None:
    async def go() -> tuple[list[bytes], RawServer, list[str]]:
        async with (
            RawServer(echo_target) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            answers = [await client.get(f"{server.url}/page/{n}?x=1") for n in range(3)]
        reasons = [a.reason_phrase for a in answers]
        return [a.content for a in answers], server, reasons

    bodies, server, reasons = run(go())
    assert bodies == [b"/page/0?x=1", b"/page/1?x=1", b"/page/2?x=1"]
    assert reasons == ["Reason Here"] * 3
    assert server.accepted == 1
    assert [r.connection for r in server.received] == [1, 1, 1]
    assert server.received[0].headers["host"].startswith("localhost:")


def test_chunked_answer_in_pieces_with_extensions_and_trailers() -> None:
    async def chunked(request: Received, writer: asyncio.StreamWriter) -> bool:
        if request.target == "/after":
            return await echo_target(request, writer)
        writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhel")
        await writer.drain()
        await asyncio.sleep(0.02)
        writer.write(b"lo\r\n")
        await writer.drain()
        await asyncio.sleep(0.02)
        writer.write(b"7\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\n")
        await writer.drain()
        return True

    async def go() -> tuple[bytes, bytes, RawServer]:
        async with (
            RawServer(chunked) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            first = await client.get(f"{server.url}/chunked")
            second = await client.get(f"{server.url}/after")
        return first.content, second.content, server

    first, second, server = run(go())
    assert first == b"hello, world"
    assert second == b"/after"
    assert server.accepted == 1  # read to its end, the connection was reused


def test_close_delimited_answer_and_a_fresh_connection_after_it() -> None:
    async def close_delimited(request: Received, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\npart one, ")
        await writer.drain()
        await asyncio.sleep(0.02)
        writer.write(request.target.encode())
        await writer.drain()
        return False  # the end of the body is the end of the connection

    async def go() -> tuple[list[bytes], RawServer]:
        async with (
            RawServer(close_delimited) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            answers = [await client.get(f"{server.url}/{n}") for n in range(2)]
        return [a.content for a in answers], server

    bodies, server = run(go())
    assert bodies == [b"part one, /0", b"part one, /1"]
    assert server.accepted == 2


def test_connection_close_header_is_honoured() -> None:
    async def closing(request: Received, writer: asyncio.StreamWriter) -> bool:
        writer.write(answer_with(200, b"bye", "Connection: close"))
        await writer.drain()
        await asyncio.sleep(0.05)  # the server is slow to close: the client must not reuse
        return False

    async def go() -> RawServer:
        async with (
            RawServer(closing) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            for _ in range(2):
                assert (await client.get(server.url)).content == b"bye"
        return server

    assert run(go()).accepted == 2


def test_head_and_304_have_no_body_and_keep_the_connection() -> None:
    async def bodiless(request: Received, writer: asyncio.StreamWriter) -> bool:
        if request.method == "HEAD":
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 12345\r\n\r\n")
        elif request.target == "/cached":
            writer.write(b"HTTP/1.1 304 Not Modified\r\nETag: x\r\n\r\n")
        else:
            writer.write(b"HTTP/1.1 204 No Content\r\n\r\n")
        await writer.drain()
        return True

    async def go() -> tuple[list[tuple[int, bytes]], RawServer]:
        async with (
            RawServer(bodiless) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            answers = [
                await client.head(server.url),
                await client.get(f"{server.url}/cached"),
                await client.delete(f"{server.url}/thing"),
                await client.head(server.url),
            ]
        return [(a.status_code, a.content) for a in answers], server

    answers, server = run(go())
    assert answers == [(200, b""), (304, b""), (204, b""), (200, b"")]
    assert server.accepted == 1


def test_informational_answer_is_skipped() -> None:
    async def with_continue(request: Received, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.1 100 Continue\r\n\r\n" + answer_with(201, b"made"))
        await writer.drain()
        return True

    async def go() -> httpx.Response:
        async with (
            RawServer(with_continue) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            return await client.post(server.url, content=b"{}")

    answer = run(go())
    assert (answer.status_code, answer.content) == (201, b"made")


def test_request_bodies_sized_and_streamed() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for piece in (b"alpha ", b"", b"beta ", b"gamma"):
            yield piece

    async def go() -> RawServer:
        async with (
            RawServer(echo_target) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            await client.post(f"{server.url}/sized", json={"a": 1})
            await client.post(f"{server.url}/streamed", content=chunks())
            await client.put(f"{server.url}/empty")
        return server

    server = run(go())
    sized, streamed, empty = server.received
    assert sized.body == b'{"a":1}' and sized.headers["content-length"] == "7"
    assert streamed.body == b"alpha beta gamma"
    assert streamed.headers["transfer-encoding"] == "chunked"
    assert empty.body == b""
    assert server.accepted == 1


def test_gzip_is_decoded_by_httpx() -> None:
    payload = b'{"entries": []}' * 100

    async def zipped(request: Received, writer: asyncio.StreamWriter) -> bool:
        writer.write(answer_with(200, gzip.compress(payload), "Content-Encoding: gzip"))
        await writer.drain()
        return True

    async def go() -> bytes:
        async with (
            RawServer(zipped) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            return (await client.get(server.url)).content

    assert run(go()) == payload


def test_large_body_arrives_whole() -> None:
    payload = bytes(range(256)) * 20_000  # 5 MB: more than the read buffer's high water

    async def big(request: Received, writer: asyncio.StreamWriter) -> bool:
        writer.write(answer_with(200, payload))
        await writer.drain()
        return True

    async def go() -> tuple[bytes, bytes]:
        async with (
            RawServer(big) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            async with client.stream("GET", server.url) as streamed:
                await asyncio.sleep(0.2)  # a slow reader: the socket is paused meanwhile
                pieces = [piece async for piece in streamed.aiter_raw()]
            again = await client.get(server.url)
        return b"".join(pieces), again.content

    streamed, again = run(go())
    assert streamed == payload and again == payload


def test_dropped_in_mid_body_is_a_transport_error_and_not_reused() -> None:
    async def drop_first(request: Received, writer: asyncio.StreamWriter) -> bool:
        if request.target == "/drop":
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + b"x" * 40)
            await writer.drain()
            return False
        return await echo_target(request, writer)

    async def go() -> tuple[BaseException, bytes, RawServer]:
        async with (
            RawServer(drop_first) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            with pytest.raises(httpx.TransportError) as caught:
                await client.get(f"{server.url}/drop")
            after = await client.get(f"{server.url}/fine")
        return caught.value, after.content, server

    error, after, server = run(go())
    assert isinstance(error, httpx.RemoteProtocolError)
    assert after == b"/fine"
    assert [r.connection for r in server.received] == [1, 2]


def test_answer_left_unread_closes_its_connection() -> None:
    async def in_two_parts(request: Received, writer: asyncio.StreamWriter) -> bool:
        if request.target == "/long":
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nfirst")
            await writer.drain()
            await asyncio.sleep(0.05)
            writer.write(b"end")
            await writer.drain()
            return True
        return await echo_target(request, writer)

    async def go() -> tuple[bytes, bytes, RawServer]:
        async with (
            RawServer(in_two_parts) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            async with client.stream("GET", f"{server.url}/long") as streamed:
                first = await streamed.aiter_raw().__anext__()
            after = await client.get(f"{server.url}/next")
        return first, after.content, server

    first, after, server = run(go())
    assert first == b"first"
    assert after == b"/next"
    assert [r.connection for r in server.received] == [1, 2]


def test_dropped_chunked_body_and_dropped_before_answering() -> None:
    async def drop(request: Received, writer: asyncio.StreamWriter) -> bool:
        if request.target == "/chunked":
            writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort")
            await writer.drain()
        return False

    async def go() -> list[type[BaseException]]:
        errors: list[type[BaseException]] = []
        async with (
            RawServer(drop) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            for path in ("/chunked", "/nothing"):
                with pytest.raises(httpx.TransportError) as caught:
                    await client.get(server.url + path)
                errors.append(type(caught.value))
        return errors

    assert run(go()) == [httpx.RemoteProtocolError, httpx.RemoteProtocolError]


def test_connection_reset_in_mid_body_is_a_read_error() -> None:
    async def reset(request: Received, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + b"x" * 40)
        await writer.drain()
        await asyncio.sleep(0.05)
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()  # closed with a reset, not a clean end
        return False

    async def go() -> None:
        async with (
            RawServer(reset) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            await client.get(server.url)

    with pytest.raises(httpx.ReadError):
        run(go())


def test_a_server_that_stops_reading_is_a_write_timeout() -> None:
    async def never_reads(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(2)
        writer.close()

    async def go() -> None:
        server = await asyncio.start_server(never_reads, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            timeout = httpx.Timeout(5, write=0.2)
            async with httpx.AsyncClient(transport=AsyncioTransport(), timeout=timeout) as client:
                await client.post(f"http://127.0.0.1:{port}/", content=b"x" * 64_000_000)
        finally:
            server.close()

    with pytest.raises(httpx.WriteTimeout):
        run(go())


def test_http_client_retries_a_get_dropped_in_mid_body() -> None:
    async def drop_twice(request: Received, writer: asyncio.StreamWriter) -> bool:
        if len([r for r in server.received if r.target == request.target]) <= 2:
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{")
            await writer.drain()
            return False
        writer.write(answer_with(200, b'{"ok": true}'))
        await writer.drain()
        return True

    server = RawServer(drop_twice)

    async def go() -> Any:
        async with server:
            client = HttpClient(
                server.url, system="Raw", retry=RetryPolicy(attempts=3, base_delay=0)
            )
            async with client:
                got = await client.get_json("/thing")
                with pytest.raises(ConnectionLost):
                    await client.send_json("POST", "/write", {})  # keyless: not repeated
                return got, client.stats.retries

    got, retries = run(go())
    assert got == {"ok": True}
    assert retries == 2
    assert len([r for r in server.received if r.target == "/write"]) == 1


def test_slow_server_is_a_read_timeout() -> None:
    async def slow(request: Received, writer: asyncio.StreamWriter) -> bool:
        if request.target == "/slow-body":
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
            await writer.drain()
        await asyncio.sleep(1)
        return False

    async def go() -> list[type[BaseException]]:
        errors: list[type[BaseException]] = []
        timeout = httpx.Timeout(5, read=0.1)
        async with RawServer(slow) as server:
            async with httpx.AsyncClient(transport=AsyncioTransport(), timeout=timeout) as client:
                for path in ("/slow-head", "/slow-body"):
                    with pytest.raises(httpx.TimeoutException) as caught:
                        await client.get(server.url + path)
                    errors.append(type(caught.value))
            http = HttpClient(server.url, system="Raw", timeout=0.1, retry=RetryPolicy(attempts=1))
            async with http:
                with pytest.raises(RequestTimeout):
                    await http.get_json("/slow-head")
        return errors

    assert run(go()) == [httpx.ReadTimeout, httpx.ReadTimeout]


def test_pool_is_bounded_and_times_out() -> None:
    async def slowish(request: Received, writer: asyncio.StreamWriter) -> bool:
        await asyncio.sleep(0.05)
        return await echo_target(request, writer)

    async def go() -> tuple[list[bytes], RawServer, BaseException]:
        async with RawServer(slowish) as server:
            transport = AsyncioTransport(max_connections=2)
            async with httpx.AsyncClient(transport=transport) as client:
                answers = await asyncio.gather(*(client.get(f"{server.url}/{n}") for n in range(6)))
                hurried = httpx.Timeout(5, pool=0.01)
                with pytest.raises(httpx.PoolTimeout) as caught:
                    await asyncio.gather(
                        *(client.get(server.url, timeout=hurried) for _ in range(3))
                    )
        return [a.content for a in answers], server, caught.value

    bodies, server, _ = run(go())
    assert bodies == [f"/{n}".encode() for n in range(6)]
    assert server.most_open == 2
    assert server.accepted == 2


def test_idle_connection_closed_by_the_server_is_not_used() -> None:
    async def close_soon(request: Received, writer: asyncio.StreamWriter) -> bool:
        await echo_target(request, writer)
        await asyncio.sleep(0.02)
        return False  # keep-alive announced, but the server closes the idle connection

    async def go() -> tuple[list[bytes], RawServer]:
        async with (
            RawServer(close_soon) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            first = await client.get(f"{server.url}/a")
            await asyncio.sleep(0.1)
            second = await client.get(f"{server.url}/b")
        return [first.content, second.content], server

    bodies, server = run(go())
    assert bodies == [b"/a", b"/b"]
    assert server.accepted == 2


def test_connection_refused_is_connect_error() -> None:
    async def go() -> None:
        server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        server.close()
        await server.wait_closed()
        async with httpx.AsyncClient(transport=AsyncioTransport()) as client:
            await client.get(f"http://127.0.0.1:{port}/")

    with pytest.raises(httpx.ConnectError):
        run(go())


def test_a_server_whose_backlog_is_full_is_a_connect_timeout() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)  # never accepts: once its backlog is full, further handshakes stall
    port = listener.getsockname()[1]
    fillers = [socket.socket() for _ in range(4)]
    for filler in fillers:
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))

    async def go() -> None:
        timeout = httpx.Timeout(30.0, connect=0.3)
        async with httpx.AsyncClient(transport=AsyncioTransport(), timeout=timeout) as client:
            await client.get(f"http://127.0.0.1:{port}/")

    try:
        with pytest.raises(httpx.ConnectTimeout):
            run(go())
    finally:
        for sock in (*fillers, listener):
            sock.close()


def test_malformed_answers_are_protocol_errors() -> None:
    answers = {
        "/status": b"HTTP/1.1 2OO OK\r\nContent-Length: 0\r\n\r\n",
        "/header": b"HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n",
        "/length": b"HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\nx",
        "/chunk": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "/coding": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
    }

    async def malformed(request: Received, writer: asyncio.StreamWriter) -> bool:
        writer.write(answers[request.target])
        await writer.drain()
        return False

    async def go() -> list[str]:
        failed = []
        async with (
            RawServer(malformed) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            for path in answers:
                with pytest.raises(httpx.RemoteProtocolError):
                    await client.get(server.url + path)
                failed.append(path)
        return failed

    assert run(go()) == list(answers)


def test_header_injection_is_refused() -> None:
    async def go() -> None:
        async with (
            RawServer(echo_target) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            request = client.build_request("GET", server.url)
            request.headers["X-Bad"] = "a\r\nInjected: 1"
            await client.send(request)

    with pytest.raises(httpx.LocalProtocolError):
        run(go())


def _self_signed(directory: Path) -> tuple[Path, Path]:
    pytest.importorskip("cryptography")
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_tls_verifies_the_server(tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    trusting = ssl.create_default_context(cafile=str(cert))

    async def go() -> tuple[bytes, BaseException]:
        async with RawServer(echo_target, ssl_context=server_context) as server:
            async with httpx.AsyncClient(transport=AsyncioTransport()) as default:
                with pytest.raises(httpx.ConnectError) as caught:  # not in certifi's bundle
                    await default.get(f"{server.url}/x")
            transport = AsyncioTransport(ssl_context=trusting)
            async with httpx.AsyncClient(transport=transport) as client:
                body = (await client.get(f"{server.url}/secure")).content
        return body, caught.value

    body, error = run(go())
    assert body == b"/secure"
    assert "certificate" in str(error).lower()


def test_tls_trusts_the_ca_named_by_ssl_cert_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = _self_signed(tmp_path)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))

    async def go() -> bytes:
        async with (
            RawServer(echo_target, ssl_context=server_context) as server,
            httpx.AsyncClient(transport=AsyncioTransport()) as client,
        ):
            return (await client.get(f"{server.url}/inspected")).content

    assert run(go()) == b"/inspected"
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "missing.pem"))
    with pytest.raises(FileNotFoundError):
        verifying_ssl_context()


def test_default_transport_gives_way_to_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "localhost")
    assert isinstance(default_transport(max_connections=2), AsyncioTransport)
    assert default_transport(max_connections=2, http2=True) is None
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    assert default_transport(max_connections=2) is None
    client = HttpClient("https://api.example.com", system="Example")
    assert not isinstance(client._client._transport, AsyncioTransport)


def test_one_transport_serves_several_event_loops() -> None:
    transport = AsyncioTransport()

    async def once() -> bytes:
        async with RawServer(echo_target) as server:
            client = httpx.AsyncClient(transport=transport)
            return (await client.get(f"{server.url}/loop")).content

    assert run(once()) == b"/loop"
    assert run(once()) == b"/loop"  # a fresh loop: the first loop's pool is not used
