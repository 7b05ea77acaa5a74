#!/usr/bin/env python3
"""Measure how long `sorrylint lsp` takes to lint a changed draft.

Starts the release binary, opens one draft, then sends N whole-text
changes one at a time and waits for the diagnostics of each. Prints the
mean round trip, which includes this client's own JSON work.

    cargo build --release && python3 scripts/lsp_latency.py 2000
"""

import json
import subprocess
import sys
import time

DRAFT = (
    "Hi Dana, sorry I missed your call, I was on site with a customer. "
    "Can I call you back at 4:30 today? sry ur"
)
URI = "file:///tmp/draft.txt"


def main() -> None:
    changes = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    server = subprocess.Popen(
        ["target/release/sorrylint", "lsp", "--no-config"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )

    def send(message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        server.stdin.flush()

    def receive() -> dict:
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            header += server.stdout.read(1)
        length = int(header.split(b":")[1].split(b"\r")[0])
        return json.loads(server.stdout.read(length))

    send({"id": 1, "method": "initialize", "params": {"capabilities": {}}})
    receive()
    send({"method": "initialized", "params": {}})
    document = {"uri": URI, "languageId": "text", "version": 1, "text": DRAFT}
    send({"method": "textDocument/didOpen", "params": {"textDocument": document}})
    # The first diagnostics include compiling the rules, so they are not timed.
    receive()

    start = time.perf_counter()
    for version in range(2, changes + 2):
        text = DRAFT + " x" * (version % 7)
        send({
            "method": "textDocument/didChange",
            "params": {
                "textDocument": {"uri": URI, "version": version},
                "contentChanges": [{"text": text}],
            },
        })
        published = receive()
        assert published["params"]["version"] == version, published
    elapsed = time.perf_counter() - start

    send({"id": 2, "method": "shutdown"})
    receive()
    send({"method": "exit"})
    server.wait()
    print(
        f"{changes} changes, each linted and published: {elapsed:.3f} s, "
        f"{elapsed / changes * 1000:.3f} ms per change"
    )


if __name__ == "__main__":
    main()
