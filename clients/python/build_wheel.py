#!/usr/bin/env python3
"""Builds the snapsim wheel with a static snapsim binary inside, with the standard library only (no pip, no network).

    python3 build_wheel.py --binary dist/snapsim --fixtures ../../fixtures --out dist/

The demo partners' credentials and authorization codes are copied from the fixtures the binary embeds, so the
fixture never holds a second copy in the repository. The platform tag is manylinux_2_N for the newest glibc
symbol version the binary needs.
"""
import argparse
import base64
import hashlib
import pathlib
import platform
import re
import zipfile

NAME = "snapsim"
VERSION = "0.1.0"
HERE = pathlib.Path(__file__).resolve().parent
DATA_FILES = ("partners.json", "provider-partners.json", "auth-codes.json")


def platform_tag(binary):
    newest = max((int(match.group(1)) for match in re.finditer(rb"GLIBC_2\.(\d+)", binary)), default=17)
    return f"manylinux_2_{max(newest, 17)}_{platform.machine()}"


def record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    binary = pathlib.Path(args.binary).read_bytes()
    tag = platform_tag(binary)
    files = {}
    for source in sorted((HERE / NAME).glob("*.py")):
        files[f"{NAME}/{source.name}"] = (source.read_bytes(), 0o644)
    files[f"{NAME}/bin/snapsim"] = (binary, 0o755)
    for name in DATA_FILES:
        files[f"{NAME}/data/{name}"] = ((pathlib.Path(args.fixtures) / name).read_bytes(), 0o644)
    info = f"{NAME}-{VERSION}.dist-info"
    readme = (HERE / "README.md").read_text()
    files[f"{info}/METADATA"] = ((
        f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {VERSION}\n"
        "Summary: The snapsim SNAP payment simulator as a pytest fixture, with the static binary inside\n"
        "Requires-Python: >=3.8\nLicense: see the snapsim repository\n"
        "Description-Content-Type: text/markdown\n\n" + readme).encode(), 0o644)
    files[f"{info}/WHEEL"] = (
        f"Wheel-Version: 1.0\nGenerator: snapsim build_wheel.py\nRoot-Is-Purelib: false\nTag: py3-none-{tag}\n"
        .encode(), 0o644)
    files[f"{info}/entry_points.txt"] = (b"[pytest11]\nsnapsim = snapsim.pytest_plugin\n", 0o644)
    record = [record_line(path, data) for path, (data, _) in files.items()] + [f"{info}/RECORD,,"]
    files[f"{info}/RECORD"] = (("\n".join(record) + "\n").encode(), 0o644)

    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    wheel = out / f"{NAME}-{VERSION}-py3-none-{tag}.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, (data, mode) in files.items():
            entry = zipfile.ZipInfo(path, date_time=(2026, 1, 1, 0, 0, 0))  # fixed: the same input, the same wheel
            entry.external_attr = (0o100000 | mode) << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    print(wheel)


if __name__ == "__main__":
    main()
