#!/usr/bin/env python3
"""Where a server's time goes per request, from `perf script` of a cost.sh PROF=rec recording.

    perf script -i OUT/topup.perf > topup.txt; python3 bench/snap/perf-split.py topup.txt REQUESTS

REQUESTS is the requests served in the recorded seconds (the recvfrom count in OUT/topup.pstat). Prints samples
per 1000 requests (at 1999 Hz a sample is 0.5 ms, so samples per 1000 requests = µs per request / 2) split into
user code and the kernel paths entered from it, then the user functions with the most samples (inclusive).
"""
import collections
import sys

path, requests = sys.argv[1], int(sys.argv[2])
categories = collections.Counter()
inclusive = collections.Counter()
for sample in open(path).read().split("\n\n"):
    lines = sample.strip().split("\n")[1:]
    frames = [line.split(None, 1)[1].split("+")[0] if len(line.split(None, 1)) > 1 else "" for line in lines]
    if not frames:
        continue
    kernel = " ".join(line for line in lines if "[kernel.kallsyms]" in line)
    if not kernel:
        category = "user"
    elif "exc_page_fault" in kernel:
        category = "kernel: page faults"
    elif "futex" in kernel:
        category = "kernel: futex (locks)"
    elif "sock_def_readable" in kernel:
        category = "kernel: send, waking the reader"
    elif "sendto" in kernel or "tcp_sendmsg" in kernel:
        category = "kernel: send, other"
    elif "recvfrom" in kernel or "tcp_recvmsg" in kernel:
        category = "kernel: recv"
    elif "epoll_wait" in kernel:
        category = "kernel: epoll_wait"
    elif "schedule" in kernel:
        category = "kernel: scheduling"
    else:
        category = "kernel: other"
    categories[category] += 1
    if category == "user":
        for frame in set(frames):
            inclusive[frame[:110]] += 1
total = sum(categories.values())
print(f"{'samples per 1000 requests':40s} {total / requests * 1000:8.2f}")
for category, count in categories.most_common():
    print(f"  {category:38s} {count / requests * 1000:8.2f}")
print("user functions, inclusive:")
for frame, count in inclusive.most_common(25):
    print(f"  {count / requests * 1000:8.2f}  {frame}")
