"""tests/e2e/lib/http_abuse.py -- clients that misbehave, for serve.sh.

  http_abuse.py idle PORT N TIMEOUT   open N connections that send nothing
      (or half a request line, slowloris style), check that a normal client
      is served meanwhile, then that the server closed all N within
      TIMEOUT + 3 seconds. Prints what it saw; exit 1 when a check fails.
  http_abuse.py bigbody PORT MIB      post MIB MiB and print the status.
"""
import resource
import socket
import sys
import time
import urllib.error
import urllib.request


def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
        return r.status, r.read()


def idle(port, n, timeout):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, n + 256), hard))
    socks = []
    for i in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        if i % 2:  # every other one trickles the start of a request line
            s.sendall(b"GET /api/ev")
        socks.append(s)
    start = time.monotonic()
    status, _ = get(port, "/api/events?limit=1")
    served = time.monotonic() - start
    print(f"idle: {n} connections open; a normal request got {status} in {served:.3f} s")
    ok = status == 200
    deadline = time.monotonic() + timeout + 3
    closed = 0
    for s in socks:
        s.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            while s.recv(1024):  # EOF, or an error answer then EOF
                pass
            closed += 1
        except (ConnectionResetError, BrokenPipeError):
            closed += 1
        except socket.timeout:
            pass
        s.close()
    waited = time.monotonic() - start
    print(f"idle: {closed} of {n} closed by the server within {waited:.1f} s")
    status, _ = get(port, "/healthz")
    print(f"idle: afterwards /healthz gives {status}")
    return ok and closed == n and status == 200


def bigbody(port, mib):
    """Announces MIB MiB, sends as much of it as the server takes, and
    prints the status line of the answer."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n"
              % (mib << 20))
    chunk = b"x" * (1 << 20)
    try:
        for _ in range(mib):
            s.sendall(chunk)
    except (ConnectionResetError, BrokenPipeError, socket.timeout):
        pass  # refused before the end: what we want
    try:
        answer = s.recv(4096)
    except ConnectionResetError:
        answer = b""
    print(answer.split(b"\r\n", 1)[0].decode("latin-1") or "no answer")


if __name__ == "__main__":
    what, port = sys.argv[1], int(sys.argv[2])
    if what == "idle":
        sys.exit(0 if idle(port, int(sys.argv[3]), float(sys.argv[4])) else 1)
    bigbody(port, int(sys.argv[3]))
