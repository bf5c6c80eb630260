"""A WebSocket server for the tests, built on the Python `websockets` package (Debian: python3-websockets).

Prints "PORT <n>" once it listens on 127.0.0.1 (port chosen by the system). Paths:
  /echo          echoes every message, text as text, binary as binary
  /big?size=N    sends one binary message of N bytes (byte i = i % 251) in 64 KiB fragments
  /close         closes at once with status 4002, reason "python bye"
  /drop          drops the TCP connection without a closing handshake
Sub-protocols offered by the server: chat.v1, soap. It stops when its stdin closes or it is killed.
"""
import asyncio
import sys
from urllib.parse import parse_qs, urlparse

import websockets


async def handler(ws, path=None):
    url = urlparse(path if path is not None else ws.path)
    if url.path == "/close":
        await ws.close(code=4002, reason="python bye")
        return
    if url.path == "/drop":
        ws.transport.abort()
        return
    if url.path == "/big":
        size = int(parse_qs(url.query)["size"][0])
        data = (bytes(range(251)) * (size // 251 + 1))[:size]
        await ws.send(data[i:i + 65536] for i in range(0, size, 65536))
        await ws.wait_closed()
        return
    async for message in ws:
        await ws.send(message)


async def main():
    async with websockets.serve(handler, "127.0.0.1", 0, max_size=None, subprotocols=["chat.v1", "soap"], ping_interval=None) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"PORT {port}", flush=True)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.read)  # until stdin closes


asyncio.run(main())
