#!/usr/bin/env python3
"""A UDP peer for the WLSockets tests, written with the Python standard library only.

Modes (every one ends by itself: after --count datagrams, or after --timeout seconds with "TIMEOUT" and exit 2):
  echo      bind, print "PORT n", then answer every datagram with the same bytes; print "DGRAM ..." for each.
  recv      bind (optionally join a multicast group), print "PORT n", print "DGRAM ..." for each datagram.
  send      send each --hex payload as one datagram to --to/--port; print "FROM port" first, "SENT n" at the end;
            with --replies N, then print "DGRAM ..." for N answers.
  bind      try to bind --port on --bind with SO_REUSEADDR (--reuse) and print "BOUND" or "EADDRINUSE"; with --hold,
            keep the socket for --timeout seconds (or until stdin closes) after printing.

"DGRAM <length> <sha256 hex> <sender address> <sender port> <first 64 bytes as hex>" describes one datagram.
"""
import argparse
import hashlib
import select
import socket
import struct
import sys
import time


def out(line):
    print(line, flush=True)


def family_of(address):
    return socket.AF_INET6 if ":" in address else socket.AF_INET


def describe(data, sender):
    return "DGRAM %d %s %s %d %s" % (len(data), hashlib.sha256(data).hexdigest(), sender[0], sender[1], data[:64].hex())


def make_socket(args, address):
    sock = socket.socket(family_of(address), socket.SOCK_DGRAM)
    if args.reuse:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if args.broadcast:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    return sock


def receive(sock, deadline):
    remaining = deadline - time.monotonic()
    if remaining <= 0 or not select.select([sock], [], [], remaining)[0]:
        out("TIMEOUT")
        sys.exit(2)
    return sock.recvfrom(65535)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["echo", "recv", "send", "bind"])
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--to")
    parser.add_argument("--hex", nargs="*", default=[])
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--replies", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--broadcast", action="store_true")
    parser.add_argument("--hold", action="store_true")
    parser.add_argument("--group", help="multicast group to join (recv)")
    parser.add_argument("--ifaddr", default="0.0.0.0", help="IPv4 interface address for --group / sending")
    parser.add_argument("--ifindex", type=int, default=0, help="IPv6 interface index for --group / sending")
    parser.add_argument("--ttl", type=int, default=-1, help="multicast TTL / hop limit when sending")
    args = parser.parse_args()
    deadline = time.monotonic() + args.timeout

    if args.mode == "bind":
        sock = make_socket(args, args.bind)
        try:
            sock.bind((args.bind, args.port))
        except OSError:
            out("EADDRINUSE")
            return
        out("BOUND")
        if args.hold:
            select.select([sys.stdin], [], [], args.timeout)
        return

    if args.mode in ("echo", "recv"):
        sock = make_socket(args, args.bind)
        sock.bind((args.bind, args.port))
        if args.group:
            if family_of(args.group) == socket.AF_INET:
                mreq = socket.inet_aton(args.group) + socket.inet_aton(args.ifaddr)
                sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
            else:
                mreq = socket.inet_pton(socket.AF_INET6, args.group) + struct.pack("@I", args.ifindex)
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, mreq)
        out("PORT %d" % sock.getsockname()[1])
        for _ in range(args.count):
            data, sender = receive(sock, deadline)
            out(describe(data, sender))
            if args.mode == "echo":
                sock.sendto(data, sender)
        return

    # send
    sock = make_socket(args, args.to)
    sock.bind((args.bind if family_of(args.bind) == family_of(args.to) else ("::" if ":" in args.to else "0.0.0.0"), 0))
    if family_of(args.to) == socket.AF_INET:
        if args.ifaddr != "0.0.0.0":
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(args.ifaddr))
        if args.ttl >= 0:
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, args.ttl)
    else:
        if args.ifindex:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, args.ifindex)
        if args.ttl >= 0:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, args.ttl)
    out("FROM %d" % sock.getsockname()[1])
    for payload in args.hex:
        sock.sendto(bytes.fromhex(payload), (args.to, args.port))
    out("SENT %d" % len(args.hex))
    for _ in range(args.replies):
        data, sender = receive(sock, deadline)
        out(describe(data, sender))


if __name__ == "__main__":
    main()
