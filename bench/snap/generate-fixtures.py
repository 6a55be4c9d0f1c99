#!/usr/bin/env python3
"""Writes large fixture sets for bench/snap/scale.sh: the repository's default fixtures plus one generated file.

    python3 bench/snap/generate-fixtures.py OUT_DIR

makes OUT_DIR/<set>/ for each set below, every one a copy of fixtures/ with `generated.json` added:
  default      nothing added (the reference)
  accounts     10,000 merchant accounts and 10,000 e-money customers
  rules-1k     1,000 rules: 900 on balance-inquiry `/accountNo` equals, 50 on a header equals, 50 on other services
  rules-10k    the same shapes, 10,000 of them
  partners-1k  1,000 symmetric partners (one per CI job), each with its own client id and secret
No generated rule matches the benchmark's requests (their accountNo and header values are never sent), so every
set answers the same bytes and only the cost of carrying the data shows. Deterministic: no randomness.
"""
import copy
import json
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "fixtures")


def load(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as handle:
        return json.load(handle)


def accounts_and_customers(count):
    account = load("accounts.json")["accounts"][0]
    customer = load("customers.json")["customers"][0]
    accounts, customers = [], []
    for number in range(count):
        generated = copy.deepcopy(account)
        generated["accountNo"] = "7%09d" % number
        generated["name"] = "generated merchant %d" % number
        generated.pop("note", None)
        accounts.append(generated)
        person = copy.deepcopy(customer)
        person["customerNumber"] = "0899%09d" % number
        person["name"] = "generated customer %d" % number
        person.pop("note", None)
        customers.append(person)
    return {"accounts": accounts, "customers": customers}


def rules(count):
    generated = []
    for number in range(count):
        shape = number % 20
        if shape == 0:
            when = {"service": ["balance-inquiry"], "headers": {"X-DEVICE-ID": "device-never-sent-%d" % number}}
        elif shape == 1:
            when = {"service": ["emoney-topup"], "body": {"/customerNumber": "0877%09d" % number}}
        else:
            when = {"service": ["balance-inquiry"], "body": {"/accountNo": "9%09d" % number}}
        generated.append({"id": "generated-%d" % number, "when": when, "then": {"case": "404xx11"}})
    return {"rules": generated}


def partners(count):
    demo = next(p for p in load("partners.json")["partners"] if p["clientId"] == "snapsim-demo")
    generated = []
    for number in range(count):
        partner = copy.deepcopy(demo)
        partner["clientId"] = "ci-job-%04d" % number
        partner["name"] = "CI job %d" % number
        partner["clientSecret"] = "ci-job-%04d-secret-SANDBOX-ONLY" % number
        partner.pop("note", None)
        generated.append(partner)
    return {"partners": generated}


SETS = {
    "default": None,
    "accounts": lambda: accounts_and_customers(10_000),
    "rules-1k": lambda: rules(1_000),
    "rules-10k": lambda: rules(10_000),
    "partners-1k": lambda: partners(1_000),
}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    for name, make in SETS.items():
        folder = os.path.join(out, name)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(FIXTURES, folder, ignore=shutil.ignore_patterns("*.md"))
        if make:
            with open(os.path.join(folder, "generated.json"), "w", encoding="utf-8") as handle:
                json.dump(make(), handle, indent=1)
        print(folder)


if __name__ == "__main__":
    main()
