#!/usr/bin/python3
"""Regenerates the cross-implementation vectors vectors/oathtool.json and vectors/pyotp.json, and
(through vectors/cross/recovery.py) vectors/recovery.json, and (through vectors/cross/pskc_vectors.py) the PSKC vectors.

Every code in those files was computed here by an independent implementation: Debian's
`oathtool` (OATH Toolkit, C) run as a subprocess, and Debian's `python3-pyotp` imported as a
library. oathkit's own code is never consulted. Keys come from a fixed SHA-256 stream, so a rerun
with the same tool versions reproduces the files byte for byte.

    apt-get install -y oathtool python3-pyotp
    /usr/bin/python3 vectors/cross/generate.py      # Debian's python3, where pyotp is installed

Cases: HOTP and TOTP, SHA-1/256/512 (pyotp also SHA-224/384, which oathtool 2.6 silently computes
as SHA-1), 6-8 digits (pyotp also 9 and 10), key lengths from 1 to 200
bytes, counters at every 32/53/64-bit edge up to 2^64-1, times past 2038 and past 2^32 seconds,
periods from 1 s to 1 h, and (oathtool only, pyotp has no T0) non-zero T0.
Where both tools cover a case they must agree, or the script stops.
"""
import base64
import hashlib
import json
import os
import subprocess
import sys

os.environ["TZ"] = "UTC"  # pyotp maps integer times through local time; pin it
import time  # noqa: E402

time.tzset()
import pyotp  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
HASHES = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512,
          "SHA224": hashlib.sha224, "SHA384": hashlib.sha384}
# oathtool 2.6 computes TOTP with SHA-1/256/512 only: given --totp=sha224 or sha384 (or any other
# name) it silently computes SHA-1, so SHA-224 and SHA-384 come from pyotp alone.
OATHTOOL_HASHES = ("SHA1", "SHA256", "SHA512")


def key(index, length):
    """Deterministic key bytes: SHA-256 of 'oathkit-cross-<index>-<block>' blocks, truncated."""
    out = b""
    block = 0
    while len(out) < length:
        out += hashlib.sha256(f"oathkit-cross-{index}-{block}".encode()).digest()
        block += 1
    return out[:length]


KEY_LENGTHS = [1, 10, 13, 16, 20, 31, 32, 33, 63, 64, 65, 100, 128, 129, 200]
COUNTERS = [0, 1, 255, 256, 2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**32 + 1, 2**53 - 1, 2**53,
            2**53 + 1, 2**63 - 1, 2**63, 2**64 - 2, 2**64 - 1, 1234567890123456789]
TIMES = [0, 29, 30, 59, 1111111109, 1234567890, 2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**32 + 1,
         20000000000, 253402300799]
PERIODS = [30, 60, 1, 17, 3600]


def oathtool(*args):
    return subprocess.run(["oathtool", *args], check=True, capture_output=True, text=True).stdout.strip()


def tool_version(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.splitlines()[0]


def deb_version(package):
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True).stdout


def pyotp_hotp(k, algorithm, digits, counter):
    return pyotp.HOTP(base64.b32encode(k).decode(), digits=digits, digest=HASHES[algorithm]).at(counter)


def pyotp_totp(k, algorithm, digits, period, t):
    return pyotp.TOTP(base64.b32encode(k).decode(), digits=digits, digest=HASHES[algorithm], interval=period).at(t)


def main():
    oath, py = [], []
    agreed = 0  # cases both tools computed: they must match
    # HOTP: oathtool computes HMAC-SHA-1 only; pyotp all three hashes and up to 10 digits.
    for i, length in enumerate(KEY_LENGTHS):
        k = key(i, length)
        for j, counter in enumerate(COUNTERS):
            digits = 6 + (i + j) % 3
            code = oathtool("-d", str(digits), "-c", str(counter), k.hex())
            oath.append({"kind": "hotp", "algorithm": "SHA1", "digits": digits, "key_hex": k.hex(),
                         "counter": str(counter), "code": code})
            for algorithm in HASHES:
                d = 6 + (i + j + len(algorithm)) % 5
                c = pyotp_hotp(k, algorithm, d, counter)
                py.append({"kind": "hotp", "algorithm": algorithm, "digits": d, "key_hex": k.hex(),
                           "counter": str(counter), "code": c})
                if algorithm == "SHA1" and d == digits:
                    if c != code:
                        sys.exit(f"tools disagree: HOTP key {k.hex()} counter {counter}")
                    agreed += 1
    # TOTP
    for i, length in enumerate(KEY_LENGTHS):
        k = key(100 + i, length)
        for j, t in enumerate(TIMES):
            period = PERIODS[(i + j) % len(PERIODS)]
            t0 = [0, 0, 1000, 1234567][(i * 3 + j) % 4]
            for algorithm in HASHES:
                digits = 6 + (i + j + len(algorithm)) % 3
                code = oathtool(f"--totp={algorithm.lower()}", "-d", str(digits), f"--time-step-size={period}s",
                                f"--start-time=@{t0}", f"--now=@{t}", k.hex()) if t >= t0 and algorithm in OATHTOOL_HASHES else None
                if code is not None:
                    oath.append({"kind": "totp", "algorithm": algorithm, "digits": digits, "key_hex": k.hex(),
                                 "time": t, "period": period, "t0": t0, "code": code})
                d = 6 + (i + j + len(algorithm)) % 5
                c = pyotp_totp(k, algorithm, d, period, t)
                py.append({"kind": "totp", "algorithm": algorithm, "digits": d, "key_hex": k.hex(),
                           "time": t, "period": period, "t0": 0, "code": c})
                if t0 == 0 and d == digits and code is not None:
                    if c != code:
                        sys.exit(f"tools disagree: TOTP key {k.hex()} time {t}")
                    agreed += 1

    common = {
        "generator": "vectors/cross/generate.py",
        "note": "counters are decimal strings (exact above 2^53); times, periods and t0 are Unix seconds",
    }
    files = {
        "oathtool.json": dict(
            source=f"{tool_version(['oathtool', '--version'])}, Debian package oathtool {deb_version('oathtool')}",
            **common, vectors=oath),
        "pyotp.json": dict(
            source=f"pyotp, Debian package python3-pyotp {deb_version('python3-pyotp')}",
            **common, vectors=py),
    }
    for name, data in files.items():
        with open(os.path.join(OUT, name), "w") as f:
            json.dump(data, f, indent=1)
            f.write("\n")
        print(f"{name}: {len(data['vectors'])} vectors")
    print(f"{agreed} cases computed by both tools, all equal")
    # Recovery sets: Python's own implementation of oathkit's format (see that script).
    subprocess.run([sys.executable, os.path.join(HERE, "recovery.py")], check=True)
    subprocess.run([sys.executable, os.path.join(HERE, "pskc_vectors.py")], check=True)


if __name__ == "__main__":
    main()
