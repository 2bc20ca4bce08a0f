#!/usr/bin/python3
"""Writes vectors/migration.json: Google Authenticator export URIs and what they hold.

`exports`: URIs quoted from the sources named, with the accounts those sources state (name, issuer,
base32 secret, type, counter, and the batch fields where the source prints them). oathkit splits
`name` like an otpauth label; the expected account/issuer pairs below follow that documented rule.
`payloads`: hand-made protobuf payloads (hex) for the reader's edge cases, each with the OtpError
code parseMigrationUri must throw, or null when it must read them; built by the small writer here.

    /usr/bin/python3 vectors/cross/migration.py
"""
import base64
import json
import os

SCITO = "scito/extract_otp_secrets example_export.txt (accounts as its tests print them)"
PI = "7KSQL2JTUDIS5EF65KLMRQIIGY"


def acct(type_, account, secret, issuer=None, name=None, counter=None, digits=6, algorithm="SHA1"):
    a = {"name": name if name is not None else account, "type": type_, "account": account,
         "secret_hex": base64.b32decode(secret + "=" * (-len(secret) % 8)).hex(), "algorithm": algorithm, "digits": digits}
    if issuer is not None:
        a["issuer"] = issuer
    if type_ == "hotp":
        a["counter"] = str(counter)
    return a


EXPORTS = [
    {"uri": "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC",
     "source": "issue 5 and shared/FORMATS.md (the public export sample)",
     "batch": {"version": 0, "batchSize": 0, "batchIndex": 0, "batchId": 0},
     "accounts": [acct("totp", "alice@google.com", "JBSWY3DPEHPK3PXP", "Example", name="Example:alice@google.com")]},
    {"uri": "otpauth-migration://offline?data=CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK%2B%2F%2F%2F%2F%2F8B",
     "source": SCITO, "batch": {"version": 1, "batchSize": 1, "batchIndex": 0, "batchId": -1320898453},
     "accounts": [acct("totp", "pi@raspberrypi", PI, "raspberrypi")]},
    {"uri": "otpauth-migration://offline?data=CigKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpIAEoATACEAEYASAAKLzjp5n4%2F%2F%2F%2F%2FwE%3D",
     "source": SCITO, "batch": {"version": 1, "batchSize": 1, "batchIndex": 0, "batchId": -2094403140},
     "accounts": [acct("totp", "pi@raspberrypi", PI)]},
    {"uri": "otpauth-migration://offline?data=CigKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpIAEoATACCjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACiQ7OOa%2Bf%2F%2F%2F%2F8B",
     "source": SCITO, "batch": {"version": 1, "batchSize": 1, "batchIndex": 0, "batchId": -1822886384},
     "accounts": [acct("totp", "pi@raspberrypi", PI), acct("totp", "pi@raspberrypi", PI, "raspberrypi")]},
    {"uri": "otpauth-migration://offline?data=CiUKEPqlBekzoNEukL7qlsjBCDYSCWhvdHAgZGVtbyABKAEwATgEEAEYASAAKNuv15j6%2F%2F%2F%2F%2FwE%3D",
     "source": SCITO, "batch": {"version": 1, "batchSize": 1, "batchIndex": 0, "batchId": -1558849573},
     "accounts": [acct("hotp", "hotp demo", PI, counter=4)]},
    {"uri": "otpauth-migration://offline?data=CjYKEPqlBekzoNEukL7qlsjBCDYSHGVuY29kaW5nOiDCv8Okw4TDqcOJPyAoZGVtbykgASgBMAIQARgBIAAorfCurv%2F%2F%2F%2F%2F%2FAQ%3D%3D",
     "source": SCITO + "; the name has no issuer field, so its 'encoding: ' prefix becomes the issuer",
     "batch": {"version": 1, "batchSize": 1, "batchIndex": 0, "batchId": -171198419},
     "accounts": [acct("totp", "\u00bf\u00e4\u00c4\u00e9\u00c9? (demo)", PI, "encoding", name="encoding: \u00bf\u00e4\u00c4\u00e9\u00c9? (demo)")]},
    {"uri": "otpauth-migration://offline?data=ClEKFAciUeGF4aS6IDCvMv99ySZ1ekKsEiVTZXJlbml0eUxhYnM6dGVzdDFAc2VyZW5pdHlsYWJzLmNvLnVrGgxTZXJlbml0eUxhYnMgASgBMAIKUQoUkIY8/fbrHZWTb4CBln18lvqt0HcSJVNlcmVuaXR5TGFiczp0ZXN0MkBzZXJlbml0eWxhYnMuY28udWsaDFNlcmVuaXR5TGFicyABKAEwAgpRChScf+1/Ua4d4gCY0W/7fj9VBkM9PBIlU2VyZW5pdHlMYWJzOnRlc3QzQHNlcmVuaXR5bGFicy5jby51axoMU2VyZW5pdHlMYWJzIAEoATACClEKFG6Qu0ryTSFA/l5rmvTIXtNeb5LtEiVTZXJlbml0eUxhYnM6dGVzdDRAc2VyZW5pdHlsYWJzLmNvLnVrGgxTZXJlbml0eUxhYnMgASgBMAIQARgBIAAogtTa1vz/////AQ==",
     "source": "scito/extract_otp_secrets tests/data/test_plus_problem_export.txt (base64 '/', '+' and '=' not percent-encoded; accounts as test_extract_not_encoded_plus expects)",
     "accounts": [acct("totp", f"test{i}@serenitylabs.co.uk", s, "SerenityLabs", name=f"SerenityLabs:test{i}@serenitylabs.co.uk")
                  for i, s in [(1, "A4RFDYMF4GSLUIBQV4ZP67OJEZ2XUQVM"), (2, "SCDDZ7PW5MOZLE3PQCAZM7L4S35K3UDX"),
                               (3, "TR76272RVYO6EAEY2FX7W7R7KUDEGPJ4"), (4, "N2ILWSXSJUQUB7S6NONPJSC62NPG7EXN")]]},
]


# A small protobuf writer, independent of oathkit's.
def varint(n):
    n &= (1 << 64) - 1
    out = b""
    while n >= 0x80:
        out += bytes([(n & 0x7F) | 0x80])
        n >>= 7
    return out + bytes([n])


def f_varint(field, n):
    return varint(field << 3) + varint(n)


def f_len(field, data):
    return varint(field << 3 | 2) + varint(len(data)) + data


def account(secret=b"Hello!", name=b"x", issuer=None, algorithm=1, digits=1, type_=2, counter=None, extra=b""):
    m = f_len(1, secret) + f_len(2, name)
    if issuer is not None:
        m += f_len(3, issuer)
    m += f_varint(4, algorithm) + f_varint(5, digits) + f_varint(6, type_)
    if counter is not None:
        m += f_varint(7, counter)
    return f_len(1, m + extra)


GOOD = account()
PAYLOADS = [
    {"name": "unknown fields of every wire type are skipped, in the account and the payload",
     "hex": (account(extra=f_varint(99, 5) + f_len(100, b"zz") + varint(101 << 3 | 1) + bytes(8) + varint(102 << 3 | 5) + bytes(4))
             + f_varint(6, 7) + f_len(7, b"future")).hex(), "error": None, "accounts": 1},
    {"name": "repeated scalar: the last value wins (protobuf's rule)", "hex": account(extra=f_varint(5, 2)).hex(), "error": None, "accounts": 1, "digits": 8},
    {"name": "counter with bit 63 set (int64 -1) reads as 2^64-1", "hex": account(type_=1, counter=-1).hex(), "error": None, "accounts": 1,
     "counter": str(2**64 - 1)},
    {"name": "empty payload: no accounts", "hex": "", "error": None, "accounts": 0},
    {"name": "truncated: tag without length", "hex": "0a", "error": "INVALID_MIGRATION"},
    {"name": "truncated varint (continuation bit on the last byte)", "hex": GOOD.hex() + "10ff", "error": "INVALID_MIGRATION"},
    {"name": "varint past 64 bits", "hex": "10ffffffffffffffffff7f", "error": "INVALID_MIGRATION"},
    {"name": "varint of 11 bytes", "hex": "1080808080808080808080", "error": "INVALID_MIGRATION"},
    {"name": "length past the end", "hex": "0a050102", "error": "INVALID_MIGRATION"},
    {"name": "length of 2^32", "hex": "0a8080808010", "error": "INVALID_MIGRATION"},
    {"name": "account sent as a varint (wrong wire type)", "hex": "0801", "error": "INVALID_MIGRATION"},
    {"name": "version sent as bytes (wrong wire type)", "hex": GOOD.hex() + "120100", "error": "INVALID_MIGRATION"},
    {"name": "secret sent as a varint inside the account", "hex": "0a020801", "error": "INVALID_MIGRATION"},
    {"name": "group wire type", "hex": "0b", "error": "INVALID_MIGRATION"},
    {"name": "field number 0", "hex": "0000", "error": "INVALID_MIGRATION"},
    {"name": "fixed64 cut off", "hex": "09000000", "error": "INVALID_MIGRATION"},
    {"name": "MD5 account", "hex": account(algorithm=4).hex(), "error": "INVALID_ALGORITHM", "skipped": 1},
    {"name": "unknown algorithm enum", "hex": account(algorithm=9).hex(), "error": "INVALID_ALGORITHM", "skipped": 1},
    {"name": "digit-count enum 3", "hex": account(digits=3).hex(), "error": "INVALID_DIGITS", "skipped": 1},
    {"name": "type enum 3", "hex": account(type_=3).hex(), "error": "INVALID_MIGRATION", "skipped": 1},
    {"name": "no secret", "hex": account(secret=b"").hex(), "error": "INVALID_MIGRATION", "skipped": 1},
    {"name": "name not UTF-8", "hex": account(name=b"\xff\xfe").hex(), "error": "INVALID_MIGRATION", "skipped": 1},
    {"name": "name with an encoded surrogate (not UTF-8)", "hex": account(name=b"\xed\xa0\x80").hex(), "error": "INVALID_MIGRATION", "skipped": 1},
    {"name": "MD5 among good accounts: the export lists it, the others are read", "hex": (GOOD + account(algorithm=4) + GOOD).hex(),
     "error": "INVALID_ALGORITHM", "skipped": 1, "accounts": 2},
]

out = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "migration.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"source": "exports: see each; payloads: vectors/cross/migration.py",
               "generator": "vectors/cross/migration.py",
               "note": "counter is a decimal string; batch is absent where the source does not state it; "
                       "accounts/skipped in payloads are what parseMigrationExport returns",
               "exports": EXPORTS, "payloads": PAYLOADS}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(f"wrote {sum(len(e['accounts']) for e in EXPORTS)} accounts in {len(EXPORTS)} exports and {len(PAYLOADS)} payloads to vectors/migration.json")
