#!/usr/bin/env python3
"""Sends pre-signed requests (presign.py's format) one after another on one keep-alive connection and checks
each answer, for bench/snap/callgrind.sh: the server's instruction count divided by N is the cost of one request.

usage: send.py HOST PORT FILE N EXPECT_STATUS
"""
import http.client
import sys

host, port, path, count, expect = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
connection = http.client.HTTPConnection(host, port, timeout=600)
sent = bad = 0
with open(path) as lines:
    for line in lines:
        if sent == count:
            break
        method, target, headers, body = line.rstrip("\n").split("\t", 3)
        fields = dict(pair.split(": ", 1) for pair in headers.split("|"))
        connection.request(method, target, body=body.encode(), headers=fields)
        answer = connection.getresponse()
        text = answer.read()
        if answer.status != expect:
            bad += 1
            if bad == 1:
                print(f"unexpected answer {answer.status}: {text[:200]!r}", file=sys.stderr)
        sent += 1
print(f"sent {sent}, unexpected {bad}")
sys.exit(1 if bad or sent < count else 0)
