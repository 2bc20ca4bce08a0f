#!/usr/bin/python3
"""Writes vectors/activation.json: oathkit activation strings, from a second implementation.

The activation string is oathkit's own format, so there is no outside source: this script encodes
the tokens below from the format's specification (README.md, section Activation strings; the header
of src/activation.ts) without using oathkit's code, bit by bit where oathkit works symbol by symbol
(its CRC is table-driven, this one shifts single bits). Each vector keeps the intermediate values:
the body's bits and the CRC, so the layers can be compared one by one. The codes in `otp` are
HMAC-based OTPs computed here with Python's hmac module (RFC 4226 / RFC 6238 / RFC 6287), so a
decoded config is also checked by what it computes.

`errors` are strings that must be refused, each with its error code: typos (the check fails),
other versions with a valid check, and version 1 bodies with a valid check that the encoder never
writes (each built by the raw bit writer below). `spellings` are other ways to type a vector.

    /usr/bin/python3 vectors/cross/activation.py
"""
import hashlib
import hmac
import json
import os
import re
import struct

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CRC_POLY = 0x80069  # x^20 + x^19 + x^6 + x^5 + x^3 + 1 without the x^20 term
CRC_INIT = 0xFFFFF
CRC_XOROUT = 0xFFFFF
CAPS = {"serial": 32, "issuer": 64, "account": 128}
HASHES = ["SHA1", "SHA256", "SHA512"]  # an OCRA suite's hash, 2 bits
ALGORITHMS = ["SHA256", "SHA512", "SHA224", "SHA384"]  # the algorithm field, 2 bits (SHA1, the default, is never written)
KINDS = ["totp", "hotp", "ocra", "steam"]
OPTIONAL = {
    "totp": ["algorithm", "digits", "period", "t0", "serial", "issuer", "account"],
    "hotp": ["algorithm", "digits", "counter", "serial", "issuer", "account"],
    "ocra": ["counter", "serial", "issuer", "account"],
    "steam": ["period", "t0", "serial", "issuer", "account"],
}
STEAM = "23456789BCDFGHJKMNPQRTVWXY"
DEFAULTS = {"algorithm": "SHA1", "digits": 6, "period": 30, "t0": 0, "counter": 0}


def uint(value, width):
    assert 0 <= value < (1 << width), (value, width)
    return [(value >> (width - 1 - i)) & 1 for i in range(width)]


def varint(value):
    assert 0 <= value < (1 << 64)
    out = []
    while True:
        low, value = value & 0x7F, value >> 7
        out += uint(low | (0x80 if value else 0), 8)
        if not value:
            return out


def octets(data):
    return [bit for b in data for bit in uint(b, 8)]


def crc20(bits):
    r = CRC_INIT
    for b in bits:
        feedback = ((r >> 19) & 1) ^ b
        r = (r << 1) & 0xFFFFF
        if feedback:
            r ^= CRC_POLY
    return r ^ CRC_XOROUT


def frame(version, body):
    """Version symbol, body, zero bits to a whole symbol, CRC-20 of all that in 4 symbols."""
    bits = uint(version, 5) + body
    bits += [0] * (-len(bits) % 5)
    crc = crc20(bits)
    bits += uint(crc, 20)
    symbols = [int("".join(map(str, bits[i:i + 5])), 2) for i in range(0, len(bits), 5)]
    text = "".join(CROCKFORD[v] for v in symbols)
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4)), crc


def suite_bits(suite):
    """The suite in bits, read with this script's own reading of RFC 6287 §6."""
    m = re.fullmatch(r"OCRA-1:HOTP-(SHA1|SHA256|SHA512)-(0|[4-9]|10):(C-)?Q([ANH])(\d\d)"
                     r"(?:-(P(?:SHA1|SHA256|SHA512)?))?(?:-(S(?:\d{3})?))?(?:-(T(?:[1-9]\d?[SMH])?))?", suite)
    assert m, suite
    h, t, c, fmt, nn, p, s, tt = m.groups()
    bits = uint(HASHES.index(h), 2) + uint(int(t), 4) + uint(1 if c else 0, 1)
    bits += uint("ANH".index(fmt), 2) + uint(int(nn) - 4, 6)
    bits += uint([None, "P", "PSHA1", "PSHA256", "PSHA512"].index(p), 3)
    if s is None:
        bits += uint(0, 2)
    elif s == "S":
        bits += uint(1, 2)
    else:
        bits += uint(2, 2) + uint(int(s[1:]) - 1, 9)
    if tt is None:
        bits += uint(0, 2)
    elif tt == "T":
        bits += uint(1, 2)
    else:
        bits += uint(2, 2) + uint("SMH".index(tt[-1]), 2) + uint(int(tt[1:-1]), 6)
    return bits, bool(c), h, int(t)


def body_of(cfg):
    """The version 1 body of a config in normal form."""
    kind = cfg["kind"]
    bits = uint(KINDS.index(kind), 2)
    if kind == "ocra":
        bits += suite_bits(cfg["suite"])[0]
    present = [f for f in OPTIONAL[kind] if cfg.get(f, DEFAULTS.get(f)) != DEFAULTS.get(f)]
    bits += uint(1 if present else 0, 1)
    if present:
        bits += [1 if f in present else 0 for f in OPTIONAL[kind]]
    for f in present:
        v = cfg[f]
        if f == "algorithm":
            bits += uint(ALGORITHMS.index(v), 2)
        elif f == "digits":
            bits += uint(v - 7, 2)
        elif f == "period":
            bits += varint(v)
        elif f == "t0":
            bits += varint(2 * v if v >= 0 else -2 * v - 1)
        elif f == "counter":
            bits += varint(int(v))
        else:
            data = v.encode("utf-8")
            assert 1 <= len(data) <= CAPS[f]
            bits += varint(len(data)) + octets(data)
    key = bytes.fromhex(cfg["key_hex"])
    assert 10 <= len(key) <= 128
    return bits + octets(key)


def normal(cfg):
    """What decoding gives back: defaults made explicit (the JSON form: counter as a decimal string)."""
    out = {"kind": cfg["kind"], "key_hex": cfg["key_hex"]}
    if cfg["kind"] == "ocra":
        _, c, h, t = suite_bits(cfg["suite"])
        out.update(suite=cfg["suite"], algorithm=h, digits=t)
        if c:
            out["counter"] = str(cfg.get("counter", 0))
    elif cfg["kind"] == "steam":
        out.update(algorithm="SHA1", digits=5, period=cfg.get("period", 30), t0=cfg.get("t0", 0))
    else:
        out.update(algorithm=cfg.get("algorithm", "SHA1"), digits=cfg.get("digits", 6))
        if cfg["kind"] == "totp":
            out.update(period=cfg.get("period", 30), t0=cfg.get("t0", 0))
        else:
            out["counter"] = str(cfg.get("counter", 0))
    for f in ("serial", "issuer", "account"):
        if cfg.get(f):
            out[f] = cfg[f]
    return out


# ---- OTPs, to tie each config to the codes it makes ----------------------------------------------
def truncate(mac, digits):
    o = mac[-1] & 0x0F
    v = struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF
    return str(v % 10 ** digits).zfill(digits)


def hotp(key, counter, algorithm, digits):
    return truncate(hmac.new(key, struct.pack(">Q", counter), algorithm.lower()).digest(), digits)


def ocra_qn(suite, key, challenge, counter=None, pin_hash=None, timestamp=None):
    """RFC 6287 for the suites below (QN/QA challenges, optional C, PSHA1, T)."""
    m = re.fullmatch(r"OCRA-1:HOTP-(\w+)-(\d+):(.*)", suite)
    h, t, data = m.group(1), int(m.group(2)), m.group(3)
    msg = suite.encode() + b"\0"
    if data.startswith("C-"):
        msg += struct.pack(">Q", counter)
    q = re.search(r"Q([ANH])\d\d", data).group(1)
    if q == "N":
        hx = format(int(challenge), "X")
        qbytes = bytes.fromhex(hx + ("0" if len(hx) % 2 else ""))
    else:
        qbytes = challenge.encode()
    msg += qbytes.ljust(128, b"\0")
    if "-P" in data:
        msg += pin_hash
    if "-T" in data:
        msg += struct.pack(">Q", timestamp)
    mac = hmac.new(key, msg, h.lower()).digest()
    return mac.hex() if t == 0 else truncate(mac, t)


def otp_of(cfg):
    key = bytes.fromhex(cfg["key_hex"])
    n = normal(cfg)
    if n["kind"] == "hotp":
        c = int(n["counter"])
        return {"counter": str(c), "code": hotp(key, c, n["algorithm"], n["digits"])}
    if n["kind"] == "totp":
        time = 1234567890
        step = (time - n["t0"]) // n["period"]
        return {"time": time, "code": hotp(key, step, n["algorithm"], n["digits"])}
    if n["kind"] == "steam":
        time = 1234567890
        mac = hmac.new(key, struct.pack(">Q", (time - n["t0"]) // n["period"]), "sha1").digest()
        o = mac[-1] & 0x0F
        v = struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF
        code = ""
        for _ in range(5):
            code += STEAM[v % 26]
            v //= 26
        return {"time": time, "code": code}
    suite = n["suite"]
    if not re.search(r":(C-)?Q[NA]\d\d(-PSHA1)?(-T1M)?$", suite):
        return None
    inp = {"challenge": "12345678" if "QN" in suite else "SIG10000"}
    args = {}
    if "counter" in n:
        inp["counter"] = n["counter"]
        args["counter"] = int(n["counter"])
    if "-PSHA1" in suite:
        inp["pin"] = "1234"
        args["pin_hash"] = hashlib.sha1(b"1234").digest()
    if "-T1M" in suite:
        inp["timestamp"] = 0x132D0B6
        args["timestamp"] = 0x132D0B6
    return {"input": inp, "code": ocra_qn(suite, key, inp["challenge"], **args)}


def seed(n):
    return ("1234567890" * 13)[:n].encode().hex()


RFC_SHA1, RFC_SHA256, RFC_SHA512 = seed(20), seed(32), seed(64)
KEY_10 = "48656c6c6f21deadbeef"  # JBSWY3DPEHPK3PXP, the Key Uri Format's example secret
RANDOM = hashlib.sha256(b"oathkit activation vectors").digest()

TOKENS = [
    ("TOTP, every default, 20-byte key (RFC 6238's SHA-1 seed): the worked example",
     {"kind": "totp", "key_hex": RFC_SHA1}),
    ("TOTP, 10-byte key (the Key Uri Format's example secret)", {"kind": "totp", "key_hex": KEY_10}),
    ("TOTP, with the Key Uri Format's example label", {"kind": "totp", "key_hex": KEY_10, "issuer": "Example", "account": "alice@google.com"}),
    ("TOTP, SHA-256 and 8 digits (RFC 6238's SHA-256 seed)", {"kind": "totp", "key_hex": RFC_SHA256, "algorithm": "SHA256", "digits": 8}),
    ("TOTP, SHA-512 and 8 digits (RFC 6238's SHA-512 seed)", {"kind": "totp", "key_hex": RFC_SHA512, "algorithm": "SHA512", "digits": 8}),
    ("TOTP, 60-s period, t0 one day after the epoch", {"kind": "totp", "key_hex": RFC_SHA1, "period": 60, "t0": 86400}),
    ("TOTP, negative t0, 7 digits, 1-s period", {"kind": "totp", "key_hex": RFC_SHA1, "period": 1, "t0": -1, "digits": 7}),
    ("TOTP, largest period and t0", {"kind": "totp", "key_hex": RFC_SHA1, "period": 2 ** 32, "t0": -8640000000000, "digits": 10}),
    ("TOTP, serial number of a hardware token", {"kind": "totp", "key_hex": RANDOM.hex()[:40], "serial": "GALT12345678"}),
    ("TOTP, UTF-8 labels", {"kind": "totp", "key_hex": RFC_SHA1, "issuer": "\u55b5 \u3068 Nyaa", "account": "j\u00fcrgen@b\u00fccher.example \U0001F511"}),
    ("TOTP, labels at their caps",
     {"kind": "totp", "key_hex": RFC_SHA1, "serial": "S" * 32, "issuer": "\u00e9" * 32, "account": "a" * 127 + "z"}),
    ("TOTP, 128-byte key (SHA-512's block)", {"kind": "totp", "key_hex": (RANDOM * 4).hex(), "algorithm": "SHA512"}),
    ("TOTP, SHA-224 (FIPS 180-4's truncated SHA-256)", {"kind": "totp", "key_hex": RFC_SHA256[:56], "algorithm": "SHA224"}),
    ("TOTP, SHA-384 and 8 digits", {"kind": "totp", "key_hex": RFC_SHA512[:96], "algorithm": "SHA384", "digits": 8}),
    ("HOTP, every default (RFC 4226's key)", {"kind": "hotp", "key_hex": RFC_SHA1}),
    ("HOTP, SHA-384, counter 9", {"kind": "hotp", "key_hex": RFC_SHA1, "algorithm": "SHA384", "counter": 9}),
    ("HOTP, counter 5 and an issuer", {"kind": "hotp", "key_hex": RFC_SHA1, "counter": 5, "issuer": "ACME"}),
    ("HOTP, counter 2^53-1 (the largest number)", {"kind": "hotp", "key_hex": RFC_SHA1, "counter": 2 ** 53 - 1}),
    ("HOTP, counter 2^53 (the smallest bigint)", {"kind": "hotp", "key_hex": RFC_SHA1, "counter": 2 ** 53}),
    ("HOTP, counter 2^64-1, 8 digits, serial", {"kind": "hotp", "key_hex": RFC_SHA1, "counter": 2 ** 64 - 1, "digits": 8, "serial": "A1"}),
    ("HOTP, the MobilePASS token of XUU75-RROTT-Y5IP6-U3BMV (SHA-256, 32-byte key)",
     {"kind": "hotp", "key_hex": "13918f30239e877d9c6b60976b590fc5412f16f241d16cd3147079ebebf8a97d", "algorithm": "SHA256"}),
    ("OCRA, OCRA-1:HOTP-SHA1-6:QN08 (RFC 6287 C.1)", {"kind": "ocra", "key_hex": RFC_SHA1, "suite": "OCRA-1:HOTP-SHA1-6:QN08"}),
    ("OCRA, OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1 at counter 0 (RFC 6287 C.1)",
     {"kind": "ocra", "key_hex": RFC_SHA256, "suite": "OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1"}),
    ("OCRA, the same suite at counter 7 with an account",
     {"kind": "ocra", "key_hex": RFC_SHA256, "suite": "OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1", "counter": 7, "account": "alice"}),
    ("OCRA, OCRA-1:HOTP-SHA512-8:QN08-T1M (RFC 6287 C.1)", {"kind": "ocra", "key_hex": RFC_SHA512, "suite": "OCRA-1:HOTP-SHA512-8:QN08-T1M"}),
    ("OCRA, OCRA-1:HOTP-SHA256-8:QA08 (RFC 6287 C.2, C.3)", {"kind": "ocra", "key_hex": RFC_SHA256, "suite": "OCRA-1:HOTP-SHA256-8:QA08"}),
    ("OCRA, bare P, S and T, no truncation", {"kind": "ocra", "key_hex": RFC_SHA1, "suite": "OCRA-1:HOTP-SHA1-0:QA64-P-S-T"}),
    ("OCRA, every part at its largest, counter 2^64-1",
     {"kind": "ocra", "key_hex": RFC_SHA512, "suite": "OCRA-1:HOTP-SHA512-10:C-QH64-PSHA512-S512-T48H", "counter": 2 ** 64 - 1,
      "serial": "X", "issuer": "I", "account": "A"}),
    ("OCRA, smallest parts", {"kind": "ocra", "key_hex": RFC_SHA1, "suite": "OCRA-1:HOTP-SHA1-4:QH04-S001-T1S"}),
    ("Steam Guard, every default (KeePassXC's Steam secret)", {"kind": "steam", "key_hex": "f6c241d850caa70b3c92045048afa39ce051266a"}),
    ("Steam Guard, an issuer and an account", {"kind": "steam", "key_hex": "f6c241d850caa70b3c92045048afa39ce051266a", "issuer": "Steam", "account": "gaben"}),
]


def token_vector(name, cfg):
    body = body_of(cfg)
    text, crc = frame(1, body)
    v = {"name": name, "text": text, "symbols": len(text.replace("-", "")), "body_bits": "".join(map(str, body)),
         "crc20": f"{crc:05x}", "config": normal(cfg)}
    otp = otp_of(cfg)
    if otp:
        v["otp"] = otp
    return v


VECTORS = [token_vector(n, c) for n, c in TOKENS]
worked = VECTORS[0]["text"]
plain = worked.replace("-", "")


def typo(text, i, symbol):
    s = text.replace("-", "")
    return s[:i] + symbol + s[i + 1:]


def raw(version, bits):
    return frame(version, bits)[0]


K20 = octets(bytes.fromhex(RFC_SHA1))
ERRORS = [
    # Typos: the check fails.
    ("the worked example with its version symbol mistyped", typo(worked, 0, "2"), "ACTIVATION_CHECKSUM"),
    ("the worked example with its last check symbol mistyped", typo(worked, len(plain) - 1, "0" if plain[-1] != "0" else "1"), "ACTIVATION_CHECKSUM"),
    ("the worked example with two neighbours swapped", plain[:5] + plain[6] + plain[5] + plain[7:], "ACTIVATION_CHECKSUM"),
    ("the worked example with a symbol left out", plain[:10] + plain[11:], "ACTIVATION_CHECKSUM"),
    ("the worked example with a symbol added", plain[:10] + "7" + plain[10:], "ACTIVATION_CHECKSUM"),
    ("the worked example with its check left out", plain[:-4], "ACTIVATION_CHECKSUM"),
    ("the worked example with a 0 appended (valid if the CRC had no final XOR)", worked + "0", "ACTIVATION_CHECKSUM"),
    # Other versions, with a valid check.
    ("version 2: a well-formed string of a later version", raw(2, [1, 0] * 50), "ACTIVATION_VERSION"),
    ("version 31", raw(31, []), "ACTIVATION_VERSION"),
    ("version 0", raw(0, uint(0, 3) + K20), "ACTIVATION_VERSION"),
    # Version 1 bodies with a valid check that the encoder never writes.
    ("Steam Guard with its default period written", raw(1, uint(3, 2) + [1] + [1, 0, 0, 0, 0] + varint(30) + K20), "INVALID_ACTIVATION"),
    ("Steam Guard with an empty presence map", raw(1, uint(3, 2) + [1] + [0] * 5 + K20), "INVALID_ACTIVATION"),
    ("options bit set with an empty presence map", raw(1, uint(0, 2) + [1] + [0] * 7 + K20), "INVALID_ACTIVATION"),
    ("period field holding the default 30", raw(1, uint(0, 2) + [1] + [0, 0, 1, 0, 0, 0, 0] + varint(30) + K20), "INVALID_ACTIVATION"),
    ("period 0", raw(1, uint(0, 2) + [1] + [0, 0, 1, 0, 0, 0, 0] + varint(0) + K20), "INVALID_ACTIVATION"),
    ("period 2^32 + 1", raw(1, uint(0, 2) + [1] + [0, 0, 1, 0, 0, 0, 0] + varint(2 ** 32 + 1) + K20), "INVALID_ACTIVATION"),
    ("t0 field holding 0", raw(1, uint(0, 2) + [1] + [0, 0, 0, 1, 0, 0, 0] + varint(0) + K20), "INVALID_ACTIVATION"),
    ("t0 past 8.64e12 s", raw(1, uint(0, 2) + [1] + [0, 0, 0, 1, 0, 0, 0] + varint(2 * 8640000000001) + K20), "INVALID_ACTIVATION"),
    ("HOTP counter field holding 0", raw(1, uint(1, 2) + [1] + [0, 0, 1, 0, 0, 0] + varint(0) + K20), "INVALID_ACTIVATION"),
    ("a varint not in its shortest form (period 60 as 0xbc 0x00)",
     raw(1, uint(0, 2) + [1] + [0, 0, 1, 0, 0, 0, 0] + uint(0xBC, 8) + uint(0, 8) + K20), "INVALID_ACTIVATION"),
    ("a varint past 2^64-1", raw(1, uint(1, 2) + [1] + [0, 0, 1, 0, 0, 0] + uint(0xFF, 8) * 9 + uint(0x02, 8) + K20), "INVALID_ACTIVATION"),
    ("a varint of 11 bytes", raw(1, uint(1, 2) + [1] + [0, 0, 1, 0, 0, 0] + uint(0x80, 8) * 10 + uint(0x01, 8) + K20), "INVALID_ACTIVATION"),
    ("an issuer of 0 bytes", raw(1, uint(0, 2) + [1] + [0, 0, 0, 0, 0, 1, 0] + varint(0) + K20), "INVALID_ACTIVATION"),
    ("an issuer of 65 bytes", raw(1, uint(0, 2) + [1] + [0, 0, 0, 0, 0, 1, 0] + varint(65) + octets(b"i" * 65) + K20), "INVALID_ACTIVATION"),
    ("an account that is not UTF-8 (a lone continuation byte)",
     raw(1, uint(0, 2) + [1] + [0, 0, 0, 0, 0, 0, 1] + varint(1) + uint(0x80, 8) + K20), "INVALID_ACTIVATION"),
    ("an account holding an encoded surrogate (ED A0 80)",
     raw(1, uint(0, 2) + [1] + [0, 0, 0, 0, 0, 0, 1] + varint(3) + octets(b"\xed\xa0\x80") + K20), "INVALID_ACTIVATION"),
    ("an 8-byte key (19 symbols)", raw(1, uint(0, 2) + [0] + octets(bytes(8))), "INVALID_ACTIVATION"),
    ("a 9-byte key and a serial (24 symbols)", raw(1, uint(0, 2) + [1] + [0, 0, 0, 0, 1, 0, 0] + varint(1) + octets(b"S") + octets(bytes(9))), "INVALID_ACTIVATION"),
    ("a 129-byte key", raw(1, uint(0, 2) + [0] + octets(bytes(129))), "INVALID_ACTIVATION"),
    ("padding bits that are not zero", raw(1, uint(0, 2) + [0] + K20 + [1, 0]), "INVALID_ACTIVATION"),
    ("5 bits after the last key byte (a whole extra symbol)", raw(1, uint(0, 2) + [0] + K20 + [0] * 5), "INVALID_ACTIVATION"),
    ("a string that ends inside the presence map", raw(1, uint(0, 2) + [1, 0]), "INVALID_ACTIVATION"),
    ("a string that ends inside a label", raw(1, uint(0, 2) + [1] + [0, 0, 0, 0, 0, 1, 0] + varint(60) + octets(b"x" * 20)), "INVALID_ACTIVATION"),
    ("only a version symbol and a check", raw(1, []), "INVALID_ACTIVATION"),
    ("OCRA with a counter but a suite without C",
     raw(1, uint(2, 2) + suite_bits("OCRA-1:HOTP-SHA1-6:QN08")[0] + [1, 1, 0, 0, 0] + varint(5) + K20), "INVALID_ACTIVATION"),
    ("OCRA suite with truncation 3",
     raw(1, uint(2, 2) + uint(0, 2) + uint(3, 4) + [0] + uint(1, 2) + uint(4, 6) + uint(0, 3) + uint(0, 2) + uint(0, 2) + [0] + K20), "INVALID_ACTIVATION"),
    ("OCRA suite with hash value 3",
     raw(1, uint(2, 2) + uint(3, 2) + uint(6, 4) + [0] + uint(1, 2) + uint(4, 6) + uint(0, 3) + uint(0, 2) + uint(0, 2) + [0] + K20), "INVALID_ACTIVATION"),
    ("OCRA suite with challenge length 65",
     raw(1, uint(2, 2) + uint(0, 2) + uint(6, 4) + [0] + uint(1, 2) + uint(61, 6) + uint(0, 3) + uint(0, 2) + uint(0, 2) + [0] + K20), "INVALID_ACTIVATION"),
    ("OCRA suite with P value 5",
     raw(1, uint(2, 2) + uint(0, 2) + uint(6, 4) + [0] + uint(1, 2) + uint(4, 6) + uint(5, 3) + uint(0, 2) + uint(0, 2) + [0] + K20), "INVALID_ACTIVATION"),
    ("OCRA suite with time step T0S",
     raw(1, uint(2, 2) + uint(0, 2) + uint(6, 4) + [0] + uint(1, 2) + uint(4, 6) + uint(0, 3) + uint(0, 2) + uint(2, 2) + uint(0, 2) + uint(0, 6) + [0] + K20), "INVALID_ACTIVATION"),
    ("OCRA suite with time step T49H",
     raw(1, uint(2, 2) + uint(0, 2) + uint(6, 4) + [0] + uint(1, 2) + uint(4, 6) + uint(0, 3) + uint(0, 2) + uint(2, 2) + uint(2, 2) + uint(49, 6) + [0] + K20), "INVALID_ACTIVATION"),
    # Text that is not an activation string at all.
    ("a U, which Crockford base32 leaves out", plain[:7] + "U" + plain[8:], "INVALID_ACTIVATION"),
    ("an underscore as separator", worked.replace("-", "_"), "INVALID_ACTIVATION"),
    ("a non-ASCII letter that upper-cases to I (dotless i)", plain[:3] + "\u0131" + plain[4:], "INVALID_ACTIVATION"),
    ("four symbols", "1234", "INVALID_ACTIVATION"),
    ("nothing but separators", " - \n", "INVALID_ACTIVATION"),
    ("an otpauth-migration export (many tokens)", "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC", "INVALID_ACTIVATION"),
    ("a Steam Guard URI with 6 digits", "otpauth://totp/Steam:gaben?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&encoder=steam&digits=6", "INVALID_DIGITS"),
    ("a bare base32 secret: too short to be an activation string", "JBSWY3DPEHPK3PXP", "INVALID_ACTIVATION"),
    ("a word: too short to be an activation string", "hello", "INVALID_ACTIVATION"),
    ("several otpauth URIs", "otpauth://totp/a?secret=AE\notpauth://totp/b?secret=AE", "INVALID_ACTIVATION"),
    ("an otpauth URI without a secret", "otpauth://totp/x", "INVALID_URI"),
    ("20 symbols: read as a MobilePASS code, whose check fails", "XUU75-RROTT-Y5IP6-U3BMW", "ACTIVATION_CHECKSUM"),
    ("20 symbols with an 8: not a MobilePASS symbol", "XUU75-RROTT-Y5IP6-U3BM8", "INVALID_ACTIVATION"),
    ("a version 1 frame of a 9-byte key has 20 symbols: read as a MobilePASS code (the encoder never writes it)",
     raw(1, uint(0, 2) + [0] + octets(bytes(9))), "ACTIVATION_CHECKSUM"),
    ("longer than 4096 characters", "0" * 4097, "INPUT_TOO_LONG"),
]



def check_passes(text):
    """Whether the last 4 symbols are the CRC-20 of the others (this script's own reading)."""
    values = [CROCKFORD.index(c) for c in text.replace("-", "")]
    bits = [b for v in values[:-4] for b in uint(v, 5)]
    return crc20(bits) == int("".join(format(v, "05b") for v in values[-4:]), 2)


for name, text, code in ERRORS:
    if code == "ACTIVATION_CHECKSUM" and name.startswith("the worked"):
        assert not check_passes(text), name
    if code == "ACTIVATION_VERSION" or (code == "INVALID_ACTIVATION" and text.startswith("1") and "-" in text):
        assert check_passes(text), name

SPELLINGS = [
    ("lower case", worked.lower()),
    ("no hyphens", plain),
    ("spaces, tabs and line breaks", " " + " ".join(plain[i:i + 5] for i in range(0, len(plain), 5)).replace(plain[10:15], plain[10:15] + "\r\n") + "\t\n"),
    ("O for 0, I and L for 1, any case", plain.replace("0", "O").replace("1", "I", 1).replace("1", "l")),
]
for _, s in SPELLINGS:
    assert s != worked

doc = {
    "source": "oathkit's activation string format (README.md, Activation strings); encoded by vectors/cross/activation.py, a second implementation written from that specification",
    "generator": "vectors/cross/activation.py",
    "note": "config is the normal form decodeActivation returns (key as hex, counter as a decimal string); body_bits are the bits after the version symbol, before padding; crc20 is the check in hex; otp is a code the config makes, computed with Python's hmac",
    "vectors": VECTORS,
    "spellings": [{"name": n, "text": s, "decodes_like": 0} for n, s in SPELLINGS],
    "errors": [{"name": n, "text": t, "error": c} for n, t, c in ERRORS],
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "activation.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(f"wrote {path}: {len(VECTORS)} tokens, {len(SPELLINGS)} spellings, {len(ERRORS)} errors")
for v in VECTORS:
    print(f"{v['symbols']:4d} symbols  {v['name']}")
