#!/usr/bin/env python3
"""A UDP peer for interop tests (standard library only), bound to 127.0.0.1 on a free port.

  udp_peer.py listen --count N [--echo]   prints "PORT n", then for each of N datagrams
                                          "DGRAM <sender ip>:<sender port> <payload hex>" (hex empty for an empty
                                          datagram), sending it back unchanged with --echo; then exits.
  udp_peer.py send --port P [--replies] HEX...
                                          prints "LOCAL n" (its own port), sends each HEX as one datagram to
                                          127.0.0.1:P from that one socket; with --replies waits for one datagram
                                          after each and prints "REPLY <sender ip>:<sender port> <payload hex>".
"""

import argparse
import socket
import sys

from wdwire import say

MAX_DATAGRAM = 65535


def listen(args, sock):
    say("PORT %d" % sock.getsockname()[1])
    for _ in range(args.count):
        data, sender = sock.recvfrom(MAX_DATAGRAM)
        say("DGRAM %s:%d %s" % (sender[0], sender[1], data.hex()))
        if args.echo:
            sock.sendto(data, sender)
    return 0


def send(args, sock):
    say("LOCAL %d" % sock.getsockname()[1])
    for payload in args.payloads:
        sock.sendto(bytes.fromhex(payload), ("127.0.0.1", args.port))
        if args.replies:
            data, sender = sock.recvfrom(MAX_DATAGRAM)
            say("REPLY %s:%d %s" % (sender[0], sender[1], data.hex()))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before any wait gives up")
    commands = parser.add_subparsers(dest="command", required=True)
    listen_parser = commands.add_parser("listen")
    listen_parser.add_argument("--count", type=int, required=True)
    listen_parser.add_argument("--echo", action="store_true")
    send_parser = commands.add_parser("send")
    send_parser.add_argument("--port", type=int, required=True)
    send_parser.add_argument("--replies", action="store_true")
    send_parser.add_argument("payloads", nargs="*")
    args = parser.parse_args()

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(args.timeout)
    try:
        return listen(args, sock) if args.command == "listen" else send(args, sock)
    finally:
        sock.close()


if __name__ == "__main__":
    sys.exit(main())
