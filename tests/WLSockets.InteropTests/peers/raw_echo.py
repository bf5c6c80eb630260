#!/usr/bin/env python3
"""A raw echo peer for interop tests (standard library only).

Binds 127.0.0.1 on a free port, prints "PORT n", accepts one client and writes back every byte it receives,
unchanged and as soon as it arrives. When the client closes it prints "BYTES <hex of everything received>" and exits.
"""

import argparse
import socket
import sys

from wdwire import no_delay, say


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(args.timeout)
    say("PORT %d" % listener.getsockname()[1])
    conn, _ = listener.accept()
    listener.close()
    conn.settimeout(args.timeout)
    no_delay(conn)
    received = b""
    while True:
        data = conn.recv(65536)
        if not data:
            break
        received += data
        conn.sendall(data)
    say("BYTES " + received.hex())
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
