#!/usr/bin/env python3
"""A WinDev-framed server peer for interop tests (standard library only).

Binds 127.0.0.1 on a free port and prints "PORT n". Accepts one client, records every byte it sends, decodes the
messages of --mode (printing "MSG <hex>" for each), and once --expect messages (raw mode: --expect-bytes bytes) have
arrived, writes the --reply payloads framed in --mode as --split says, then prints "REPLIED". With --reply-each it
instead answers every message received (raw mode: every read) with the next --reply payload. It keeps reading until
the client closes, prints "BYTES <hex of everything received>" and exits 0 (2 if it never got to reply).
"""

import socket
import sys

from wdwire import Decoder, common_arguments, hex_list, no_delay, say, send_frames


def main():
    parser = common_arguments(__doc__)
    parser.add_argument("--expect", type=int, default=0, help="messages to receive before replying")
    parser.add_argument("--expect-bytes", type=int, default=0, help="raw mode: bytes to receive before replying")
    parser.add_argument("--reply", action="append", help="payload (hex) to send back, framed; repeatable")
    parser.add_argument("--reply-each", action="store_true", help="answer each message with the next --reply")
    args = parser.parse_args()
    marker = bytes.fromhex(args.marker_hex)
    replies = hex_list(args.reply)

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(args.timeout)
    say("PORT %d" % listener.getsockname()[1])
    conn, _ = listener.accept()
    listener.close()
    conn.settimeout(args.timeout)
    no_delay(conn)

    decoder = Decoder(args.mode, marker)
    received = b""
    reads = 0
    count = 0
    answered = 0
    replied = False

    def maybe_reply():
        nonlocal answered, replied
        if replied:
            return
        if args.reply_each:
            target = reads if args.mode == "raw" else count
            while answered < min(target, len(replies)):
                send_frames(conn, args.mode, marker, [replies[answered]], args.split)
                answered += 1
            ready = answered == len(replies) and target >= len(replies)
        else:
            ready = len(received) >= args.expect_bytes if args.mode == "raw" else count >= args.expect
            if ready:
                send_frames(conn, args.mode, marker, replies, args.split)
        if ready:
            replied = True
            say("REPLIED")

    if not args.reply_each:
        maybe_reply()
    while True:
        data = conn.recv(65536)
        if not data:
            break
        received += data
        reads += 1
        for message in decoder.feed(data):
            count += 1
            say("MSG " + message.hex())
        maybe_reply()

    say("BYTES " + received.hex())
    conn.close()
    if not replied:
        sys.stderr.write("client closed before replying was done (got %d messages, %d bytes; expected %d messages"
                         " / %d bytes)\n" % (count, len(received), args.expect, args.expect_bytes))
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
