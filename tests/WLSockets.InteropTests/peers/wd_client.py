#!/usr/bin/env python3
"""A WinDev-framed client peer for interop tests (standard library only).

Connects to 127.0.0.1:--port, writes the --send payloads framed in --mode as --split says, then reads until the
server closes, printing "MSG <hex>" for each decoded message and finally "BYTES <hex of everything received>".
With --close-after N it closes as soon as N messages have been decoded instead of waiting for the server.
"""

import socket
import sys

from wdwire import Decoder, common_arguments, hex_list, no_delay, say, send_frames


def main():
    parser = common_arguments(__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--send", action="append", help="payload (hex) to send, framed; repeatable")
    parser.add_argument("--close-after", type=int, default=-1, help="close after this many decoded replies")
    args = parser.parse_args()
    marker = bytes.fromhex(args.marker_hex)

    conn = socket.create_connection(("127.0.0.1", args.port), timeout=args.timeout)
    no_delay(conn)
    send_frames(conn, args.mode, marker, hex_list(args.send), args.split)
    say("SENT")

    decoder = Decoder(args.mode, marker)
    received = b""
    count = 0
    while count != args.close_after:
        try:
            data = conn.recv(65536)
        except ConnectionResetError:
            break
        if not data:
            break
        received += data
        for message in decoder.feed(data):
            count += 1
            say("MSG " + message.hex())

    say("BYTES " + received.hex())
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
