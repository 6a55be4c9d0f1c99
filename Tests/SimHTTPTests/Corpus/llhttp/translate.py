#!/usr/bin/env python3
"""Translates llhttp's request-parsing tests (test/request/*.md) into cases.json for SimHTTPTests.

Usage: python3 translate.py <directory holding llhttp's test/request/*.md> <llhttp commit> > cases.json

Each case keeps what llhttp's own harness (test/md-test.ts) feeds its parser, byte for byte: the ```http block
with its final newline removed, every newline turned into CRLF, and the escapes \\r \\n \\t \\f \\xHH \\NNN
expanded. llhttp's harness hands that string to its parser UTF-8 encoded (a `\\xff` escape becomes C3 BF: see
sample.md, "255 ASCII in header value", span length 8), so the bytes to feed are `input` in UTF-8. From the ```log block it keeps llhttp's verdict:
how many messages completed, their method, URL, header fields and body, and the error (if any) with its reason.
`hostAddedAt` lists the offsets where SimHTTPTests insert `Host: llhttp.test` CRLF into an HTTP/1.1 message that
llhttp read without Host (RFC 9112 §3.2 requires it; llhttp does not check), so the case tests what it was written
for instead of stopping at the missing Host. `type` is llhttp's test type: "request" is llhttp's strict default; "request-lenient-*" cases only pass in llhttp
with that leniency flag turned on, "request-finish" tests what llhttp_finish() reports at end of input.
"""
import json
import os
import re
import sys

ESCAPES = [
    (re.compile(r"\\r"), "\r"),
    (re.compile(r"\\n"), "\n"),
    (re.compile(r"\\t"), "\t"),
    (re.compile(r"\\f"), "\f"),
]


def llhttp_input(block):
    text = re.sub(r"\n\Z", "", block)
    text = re.sub(r"\\(\r\n|\r|\n)", "", text)
    text = re.sub(r"\r\n|\r|\n", "\r\n", text)
    for pattern, replacement in ESCAPES:
        text = pattern.sub(replacement, text)
    text = re.sub(r"\\x([0-9a-fA-F]+)", lambda m: chr(int(m.group(1), 16)), text)
    text = re.sub(r"\\([0-7]{1,3})", lambda m: chr(int(m.group(1), 8)), text)
    if "${" in text:
        raise ValueError("inline JavaScript is not supported")
    return text


SPAN = re.compile(r'^off=\d+ len=\d+ span\[(\w+)\]="(.*)"$')
ERROR = re.compile(r'^off=(\d+) error code=(\d+) reason="(.*)"$')
PAUSES = {"21", "22"}  # HPE_PAUSED, HPE_PAUSED_UPGRADE: a callback asked llhttp to stop, not a parse error


VERSION = re.compile(r'^off=(\d+) len=(\d+) span\[version\]="(.*)"$')
HOST = "Host: llhttp.test\r\n"


def host_insertions(log, text):
    """Where to add a Host field so each HTTP/1.1 message llhttp read without one satisfies RFC 9112 §3.2, which
    llhttp does not enforce: just after the request line's CRLF, found from llhttp's version span."""
    data = text.encode("utf-8")  # llhttp's offsets count bytes
    positions = []
    version_end = None
    has_host = False
    in_message = False

    def close():
        if in_message and version_end is not None and not has_host and data[version_end:version_end + 2] == b"\r\n":
            positions.append(version_end + 2)

    for line in log.splitlines():
        line = line.strip()
        if line.endswith("message begin"):
            close()
            in_message, version_end, has_host = True, None, False
            continue
        match = VERSION.match(line)
        if match and version_end is None and match.group(3) == "1.1":
            version_end = int(match.group(1)) + int(match.group(2))
        match = SPAN.match(line)
        if match and match.group(1) == "header_field" and match.group(2).lower() == "host":
            has_host = True
    close()
    return positions


def llhttp_verdict(log):
    messages = []
    current = None
    field = None
    error = None
    for line in log.splitlines():
        line = line.strip()
        if line.endswith("message begin"):
            current = {"method": "", "url": "", "headers": [], "body": ""}
            field = None
            continue
        match = SPAN.match(line)
        if match and current is not None:
            kind, value = match.groups()
            # The harness turns \\t and \\f in the expected log into the characters.
            value = value.replace("\\t", "\t").replace("\\f", "\f")
            if kind in ("method", "url", "body"):
                current[kind] += value
            elif kind == "header_field":
                if field is None:
                    current["headers"].append([value, ""])
                    field = "name"
                elif field == "name":
                    current["headers"][-1][0] += value
                else:
                    current["headers"].append([value, ""])
                    field = "name"
            elif kind == "header_value":
                current["headers"][-1][1] += value
                field = "value"
            continue
        if line.endswith("header_field complete") or line.endswith("header_value complete"):
            continue
        if line.endswith("message complete") and current is not None:
            messages.append(current)
            current = None
            continue
        match = ERROR.match(line)
        if match and match.group(2) not in PAUSES:
            error = {"offset": int(match.group(1)), "code": int(match.group(2)), "reason": match.group(3)}
    return {"messages": messages, "error": error}


BLOCK = re.compile(r"^```(\w*)\s*$")
META = re.compile(r"<!--\s*meta=(\{.*\})\s*-->")


def cases_in(path):
    stem = os.path.splitext(os.path.basename(path))[0]
    lines = open(path, encoding="utf-8").read().split("\n")
    title, meta, http, log = None, None, None, None
    ordinal = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("#"):
            title = line.lstrip("#").strip()
        elif index + 1 < len(lines) and re.fullmatch(r"[=-]{3,}", lines[index + 1].strip()) and line.strip():
            title = line.strip()
        match = META.search(line)
        if match:
            meta = json.loads(match.group(1))
        block = BLOCK.match(line)
        if block and block.group(1) in ("http", "log"):
            kind = block.group(1)
            start = index + 1
            index += 1
            while not BLOCK.match(lines[index]) or BLOCK.match(lines[index]).group(1) != "":
                index += 1
            body = "\n".join(lines[start:index]) + "\n"
            if kind == "http":
                http, http_line = body, start
            else:
                log = body
            if http is not None and log is not None:
                ordinal += 1
                if (meta or {}).get("type", "").startswith("request"):
                    yield {
                        "id": f"{stem}-{ordinal:02d}",
                        "file": f"test/request/{stem}.md",
                        "line": http_line,
                        "title": title,
                        "type": meta["type"],
                        "meta": {k: v for k, v in meta.items() if k != "type"},
                        "input": llhttp_input(http),
                        "hostAddedAt": host_insertions(log, llhttp_input(http)),
                        "llhttp": llhttp_verdict(log),
                    }
                http, log, meta = None, None, None
        index += 1


def main():
    directory, commit = sys.argv[1], sys.argv[2]
    cases = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".md"):
            cases.extend(cases_in(os.path.join(directory, name)))
    document = {
        "source": f"https://github.com/nodejs/llhttp/tree/{commit}/test/request (MIT, see LICENSE)",
        "translatedBy": "Tests/SimHTTPTests/Corpus/llhttp/translate.py",
        "cases": cases,
    }
    json.dump(document, sys.stdout, indent=1, ensure_ascii=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
