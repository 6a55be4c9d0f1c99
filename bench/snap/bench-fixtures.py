#!/usr/bin/env python3
"""The benchmarks' fixtures: a copy of fixtures/ (FOLDER) plus a `bench` tier without practical limits and
customer 081900000001 in it, so every top-up of a run succeeds; for each CLIENT_ID named, its private key and
client secret are written beside FOLDER (FOLDER/../CLIENT_ID.key, .secret) for the request signers.

    python3 bench/snap/bench-fixtures.py FOLDER [CLIENT_ID ...]
"""
import json
import sys

folder, client_ids = sys.argv[1], set(sys.argv[2:])
tiers = json.load(open(f"{folder}/tiers.json"))
tiers["tiers"].append({"name": "bench", "description": "benchmark tier without practical limits",
    "balanceCap": "90000000000000.00", "monthlyTopUpCap": "90000000000000.00", "minimumTopUp": "1.00",
    "fee": "0.00", "feeType": "OUR", "dailyAccountInquiryLimit": 1000000})
json.dump(tiers, open(f"{folder}/tiers.json", "w"), indent=2)
customers = json.load(open(f"{folder}/customers.json"))
customers["customers"].append({"customerNumber": "081900000001", "name": "Bench Customer", "tier": "bench",
    "balance": "0.00", "toppedUpThisMonth": "0.00", "status": "active"})
json.dump(customers, open(f"{folder}/customers.json", "w"), indent=2)
for partner in json.load(open(f"{folder}/partners.json"))["partners"]:
    if partner["clientId"] in client_ids:
        open(f"{folder}/../{partner['clientId']}.key", "w").write(partner["privateKey"])
        open(f"{folder}/../{partner['clientId']}.secret", "w").write(partner["clientSecret"])
