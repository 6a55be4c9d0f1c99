#!/usr/bin/env python3
"""Writes each pre-signed request file (presign.py's PREFIX-N.txt) again as PREFIX-N.wire: every request as the
bytes wrk sends (what wrk.format builds from the line, with Host 127.0.0.1), each followed by a NUL byte.

cycle.lua loads a .wire file with one read and a split, in a fraction of a second, where building ~225,000
requests from their lines takes wrk's Lua 1.5-2.5 s per thread. wrk loads its threads one after the other and
starts its clock after the last, so the first thread would otherwise drive the server alone for that long,
uncounted in the duration but counted in the requests and the latencies (README.md, "Top-up tail, found").

usage: wire.py FILE.txt...
"""
import sys

for path in sys.argv[1:]:
    assert path.endswith(".txt"), path
    with open(path, "rb") as lines, open(path[:-4] + ".wire", "wb") as out:
        for line in lines:
            method, target, headers, body = line.rstrip(b"\n").split(b"\t", 3)
            out.write(method + b" " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers.replace(b"|", b"\r\n")
                      + b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body + b"\0")
