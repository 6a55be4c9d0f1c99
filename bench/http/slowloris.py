"""Slow-body clients against a server with a connection limit (issue 10).

Opens TRICKLERS connections that each send a POST head announcing a large body, then one body byte per
second; every connection the server closes is reopened at once, as an attacker would. Meanwhile a normal
client sends one GET per 100 ms on a fresh connection until it gets 200, and reports how many 503s it saw
and how long it took. Loopback only.
    python3 bench/http/slowloris.py PORT [TRICKLERS] [SECONDS]
"""
import socket
import sys
import threading
import time

PORT = int(sys.argv[1])
TRICKLERS = int(sys.argv[2]) if len(sys.argv) > 2 else 300
LIMIT_SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 120
HEAD = b"POST /v1.0/balance-inquiry HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
stop = threading.Event()
counts = {"opened": 0, "closed_by_server": 0, "408": 0, "503": 0}
lock = threading.Lock()


def open_trickler():
    s = socket.create_connection(("127.0.0.1", PORT))
    s.settimeout(0)
    s.sendall(HEAD)
    with lock:
        counts["opened"] += 1
    return s


def trickle():
    conns = []
    for _ in range(TRICKLERS):
        try:
            conns.append(open_trickler())
        except OSError:
            pass
    while not stop.is_set():
        for i, s in enumerate(conns):
            try:
                data = s.recv(4096)
                status = data[9:12].decode(errors="replace") if data else ""
                with lock:
                    counts["closed_by_server"] += 1
                    if status in ("408", "503"):
                        counts[status] += 1
                s.close()
                conns[i] = open_trickler()
                continue
            except BlockingIOError:
                pass
            except OSError:
                s.close()
                try:
                    conns[i] = open_trickler()
                except OSError:
                    pass
                continue
            try:
                s.send(b"x")
            except OSError:
                pass
        stop.wait(1.0)
    for s in conns:
        s.close()


def normal_call():
    try:
        with socket.create_connection(("127.0.0.1", PORT), timeout=5) as s:
            s.sendall(b"GET /_sim/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            data = s.recv(4096)
            return int(data[9:12]) if len(data) >= 12 else 0
    except OSError:
        return 0


thread = threading.Thread(target=trickle)
thread.start()
time.sleep(3)  # let the tricklers take the slots
start = time.monotonic()
rejected = 0
other = 0
status = 0
while time.monotonic() - start < LIMIT_SECONDS:
    status = normal_call()
    if status == 200:
        break
    if status == 503:
        rejected += 1
    else:
        other += 1
    time.sleep(0.1)
elapsed = time.monotonic() - start
stop.set()
thread.join()
result = "served" if status == 200 else "NOT served"
print(f"trickling connections: {TRICKLERS} (opened {counts['opened']} in all, reopened as the server closed them)")
print(f"normal client: {result} after {elapsed:.1f} s, {rejected} x 503 and {other} other failures before")
print(f"server closed {counts['closed_by_server']} tricklers: {counts['408']} x 408, {counts['503']} x 503")
