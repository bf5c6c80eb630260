"""WinDev/WLangage socket framing, written from the spec (tcp-core.md section 2) with the standard library only.

This module is deliberately independent of the C# code it checks: it knows only the bytes of the four
transmission modes.

  length         SocketTailleDebut:        ASCII decimal byte count, CR LF, payload   ("9\\r\\nHelloWord")
  endtag         SocketMarqueurFin:        payload, marker (default "<EOF>")
  endtag-buffer  SocketMarqueurFinBuffer:  same bytes as endtag
  raw            SocketSansMarqueurFin:    payload as is, no boundaries
"""

import argparse
import socket
import sys
import time

MODES = ("length", "endtag", "endtag-buffer", "raw")
DEFAULT_MARKER = b"<EOF>"


def encode(mode, payload, marker=DEFAULT_MARKER):
    """The exact bytes one SocketEcrit of `payload` puts on the wire."""
    if mode == "length":
        return str(len(payload)).encode("ascii") + b"\r\n" + payload
    if mode in ("endtag", "endtag-buffer"):
        return payload + marker
    if mode == "raw":
        return payload
    raise ValueError("unknown mode " + mode)


class Decoder:
    """Cuts whole messages out of a byte stream. Raw mode has no boundaries and yields nothing."""

    def __init__(self, mode, marker=DEFAULT_MARKER):
        if mode not in MODES:
            raise ValueError("unknown mode " + mode)
        self.mode = mode
        self.marker = marker
        self.buffer = b""

    def feed(self, data):
        self.buffer += data
        messages = []
        while True:
            message = self._next()
            if message is None:
                return messages
            messages.append(message)

    def _next(self):
        if self.mode == "length":
            lf = self.buffer.find(b"\n")
            if lf < 0:
                return None
            header = self.buffer[:lf]
            if header.endswith(b"\r"):
                header = header[:-1]
            if not header.isdigit():
                raise ValueError("bad length header: " + header.hex())
            size = int(header)
            if len(self.buffer) < lf + 1 + size:
                return None
            message = self.buffer[lf + 1:lf + 1 + size]
            self.buffer = self.buffer[lf + 1 + size:]
            return message
        if self.mode in ("endtag", "endtag-buffer"):
            at = self.buffer.find(self.marker)
            if at < 0:
                return None
            message = self.buffer[:at]
            self.buffer = self.buffer[at + len(self.marker):]
            return message
        return None


def send(sock, data, split):
    """Writes `data` as `split` says: 'bytes' = one byte per send (with a short pause so that the reader sees
    partial frames), anything else = one sendall."""
    if split == "bytes":
        for i in range(len(data)):
            sock.sendall(data[i:i + 1])
            time.sleep(0.001)
    else:
        sock.sendall(data)


def send_frames(sock, mode, marker, payloads, split):
    """'whole' = one write per frame; 'batch' = every frame in one write; 'bytes' = one byte per write."""
    frames = [encode(mode, p, marker) for p in payloads]
    if split == "whole":
        for frame in frames:
            sock.sendall(frame)
    else:
        send(sock, b"".join(frames), split)


def common_arguments(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--mode", choices=MODES, default="length")
    parser.add_argument("--marker-hex", default=DEFAULT_MARKER.hex(), help="end marker bytes in hex (default <EOF>)")
    parser.add_argument("--split", choices=("whole", "batch", "bytes"), default="whole",
                        help="how frames are written: one write per frame, all in one write, or one byte per write")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before any wait gives up")
    return parser


def hex_list(values):
    return [bytes.fromhex(v) for v in values or []]


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def no_delay(sock):
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
