"""tests/e2e/lib/http_abuse.py -- clients that misbehave, for serve.sh.

  http_abuse.py idle PORT N TIMEOUT   open N connections that send nothing
      (or half a request line, slowloris style), check that a normal client
      is served meanwhile, then that the server closed all N within
      TIMEOUT + 3 seconds. Prints what it saw; exit 1 when a check fails.
  http_abuse.py bigbody PORT MIB      post MIB MiB and print the status.
  http_abuse.py leave PORT JSONL N    post N articles (JSONL's lines again
      and again, with new ids), close the connection at once, and wait up
      to 120 s for /healthz to count them: the batch of a client that left
      is still stored. Exit 1 when it is not.
"""
import json
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


def leave(port, path, n):
    """Posts n articles made from path's lines and leaves before the
    answer; True when the server then stores them all."""
    lines = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    before = json.loads(get(port, "/healthz")[1])["articles"]
    batch = []
    for i in range(n):
        article = dict(lines[i % len(lines)], id=f"left-{i}")
        batch.append(json.dumps(article, ensure_ascii=False))
    body = ("\n".join(batch) + "\n").encode("utf-8")
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n"
              % len(body) + body)
    s.close()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        articles = json.loads(get(port, "/healthz")[1])["articles"]
        if articles >= before + n:
            print(f"leave: the {n} articles of a client that left are stored")
            return articles == before + n
        time.sleep(0.2)
    print(f"leave: {articles - before} of {n} articles stored after 120 s")
    return False


if __name__ == "__main__":
    what, port = sys.argv[1], int(sys.argv[2])
    if what == "idle":
        sys.exit(0 if idle(port, int(sys.argv[3]), float(sys.argv[4])) else 1)
    if what == "leave":
        sys.exit(0 if leave(port, sys.argv[3], int(sys.argv[4])) else 1)
    bigbody(port, int(sys.argv[3]))
