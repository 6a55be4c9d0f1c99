#!/usr/bin/env python3
"""An independent QRIS (EMVCo MPM) implementation in Python, to cross-check the Swift QRISCode target.

    python3 qris_reference.py crc TEXT            # CRC-16/CCITT-FALSE of TEXT, 4 hex digits
    python3 qris_reference.py check PAYLOAD       # exit 0 when PAYLOAD's tag 63 matches its CRC
    python3 qris_reference.py static FIXTURES     # the static QRIS of every merchant in FIXTURES/merchants.json

Written from the EMVCo MPM specification (tag, 2-digit length in characters, value; CRC over the UTF-8 bytes
up to and including "6304"), not from the Swift code. fixtures/merchants.json's staticQRIS strings come from
here, and the simulator refuses to load a merchant whose string differs from what its own encoder makes.
"""
import json
import pathlib
import sys


def crc16_ccitt_false(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def tlv(tag: str, value: str) -> str:
    assert len(value) <= 99, (tag, value)
    return f"{tag}{len(value):02d}{value}"


def with_crc(body: str) -> str:
    body += "6304"
    return body + f"{crc16_ccitt_false(body.encode('utf-8')):04X}"


def static_qris(m: dict) -> str:
    acquirer = tlv("00", "ID.CO.SNAPSIM.WWW") + tlv("01", m["merchantPAN"])
    if len(m["merchantId"]) <= 15:
        acquirer += tlv("02", m["merchantId"])
    acquirer += tlv("03", m.get("criteria", "UMI"))
    qris = tlv("00", "ID.CO.QRIS.WWW") + tlv("02", m["nmid"]) + tlv("03", m.get("criteria", "UMI"))
    body = tlv("00", "01") + tlv("01", "11") + tlv("26", acquirer) + tlv("51", qris)
    body += tlv("52", m["mcc"]) + tlv("53", "360")
    tip = m.get("tip")
    if tip == "prompt":
        body += tlv("55", "01")
    elif tip == "fixed":
        body += tlv("55", "02") + tlv("56", m["tipValue"])
    elif tip == "percentage":
        body += tlv("55", "03") + tlv("57", m["tipValue"])
    body += tlv("58", "ID") + tlv("59", m["name"]) + tlv("60", m["city"])
    if "postalCode" in m:
        body += tlv("61", m["postalCode"])
    body += tlv("62", tlv("07", "A01"))
    return with_crc(body)


def main(argv):
    if argv[1] == "crc":
        print(f"{crc16_ccitt_false(argv[2].encode('utf-8')):04X}")
    elif argv[1] == "check":
        payload = argv[2]
        ok = payload[-8:-4] == "6304" and f"{crc16_ccitt_false(payload[:-4].encode('utf-8')):04X}" == payload[-4:].upper()
        print("valid" if ok else "CRC mismatch")
        return 0 if ok else 1
    elif argv[1] == "static":
        merchants = json.loads((pathlib.Path(argv[2]) / "merchants.json").read_text())["merchants"]
        for m in merchants:
            print(m["merchantId"], static_qris(m))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
