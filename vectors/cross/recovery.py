#!/usr/bin/python3
"""Writes vectors/recovery.json: recovery-code sets, logins and odds, from a second implementation.

Recovery sets are oathkit's own format (README.md, section Recovery codes; the header of
src/_recovery-format.ts), so there is no outside source: this script implements that
specification again in Python without using oathkit's code. The hashes are computed with Python's
`hmac` and `hashlib` (HMAC-SHA-256 keyed with the set's salt over the code's 16-32 upper-case
symbols), the odds with `decimal` at 60 digits, and the guess counts by stepping through the lock
rules one guess at a time (oathkit has a closed form).

- `sets`: a byte stream standing in for the CSPRNG (from a fixed SHA-256 stream, or built by hand:
  a redrawn duplicate, bytes whose high bits must be ignored), the codes and the stored set that
  `generateRecoveryCodes` / `regenerateRecoveryCodes` must make from it. The generator draws the
  32-byte salt first, then one byte per symbol of each code, taking its low 5 bits; a code equal to
  an earlier one is drawn again.
- `transcripts`: `useRecoveryCode` calls on those sets, each step on the set the step before
  returned, with what it must answer (or throw).
- `invalid_sets`: stored sets that must be refused with INVALID_RECOVERY_SET.
- `odds`: `guessingOdds` policies with the number of guesses and the probability.

    /usr/bin/python3 vectors/cross/recovery.py
"""
import copy
import decimal
import hashlib
import hmac
import json
import os

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "recovery.json")
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
READINGS = {"O": "0", "I": "1", "L": "1"}
DEFAULT_POLICY = {"maxFailures": 5, "lockMs": 30000, "maxLockMs": 3600000}
MAX_INPUT = 256
DAY = 86400000


def stream(name, length):
    out = b""
    block = 0
    while len(out) < length:
        out += hashlib.sha256(f"oathkit-recovery-{name}-{block}".encode()).digest()
        block += 1
    return out[:length]


class Source:
    """The CSPRNG stand-in: hands out the stream's bytes in order and records how many were taken."""

    def __init__(self, data):
        self.data = data
        self.taken = 0

    def take(self, n):
        chunk = self.data[self.taken:self.taken + n]
        assert len(chunk) == n, "stream too short"
        self.taken += n
        return chunk


def mac(salt, canonical):
    return hmac.new(salt, canonical.encode("ascii"), hashlib.sha256).hexdigest()


def group(text):
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def draw(source, count, bits):
    symbols = -(-bits // 5)
    salt = source.take(32)
    canonical = []
    while len(canonical) < count:
        text = "".join(ALPHABET[b & 31] for b in source.take(symbols))
        if text not in canonical:
            canonical.append(text)
    return salt, canonical, symbols * 5


def stored(seq, bits, salt, hashes, used, failures=0, lock_ms=0, locked_until=0):
    return {"v": 1, "kind": "recovery", "seq": seq, "bits": bits, "salt": salt.hex(), "hashes": hashes,
            "used": used, "failures": failures, "lockMs": lock_ms, "lockedUntil": locked_until}


def generate(data, count=10, bits=80):
    source = Source(data)
    salt, canonical, bits = draw(source, count, bits)
    assert source.taken == len(data), "the stream must be used exactly"
    hashes = [mac(salt, c) for c in canonical]
    return [group(c) for c in canonical], canonical, stored(0, bits, salt, hashes, [False] * count)


def regenerate(old, data, count=None, bits=None):
    source = Source(data)
    salt, canonical, bits = draw(source, count or len(old["hashes"]), bits or old["bits"])
    assert source.taken == len(data)
    seq = 0 if old["seq"] == 2**53 - 1 else old["seq"] + 1
    new = stored(seq, bits, salt, [mac(salt, c) for c in canonical], [False] * len(canonical),
                 old["failures"], old["lockMs"], old["lockedUntil"])
    return [group(c) for c in canonical], canonical, new


# ---- Logins: the rules of README.md (Recovery codes; throttling as in Token state) -----------------

def canonical_input(text, symbols):
    if not isinstance(text, str):
        return None
    out = ""
    for ch in text:
        if ch in " -":
            continue
        if not ch.isascii():  # str.upper() would turn 'ı' into 'I' and 'ſ' into 'S': not symbols
            return None
        ch = ch.upper()
        ch = READINGS.get(ch, ch)
        if ch not in ALPHABET:
            return None
        out += ch
    return out if len(out) == symbols else None


def next_seq(seq):
    return 0 if seq == 2**53 - 1 else seq + 1


def fail(s, now, policy):
    s = dict(s, seq=next_seq(s["seq"]), failures=s["failures"] + 1)
    if s["failures"] < policy["maxFailures"]:
        return s
    if s["lockMs"] == 0:
        lock = policy["lockMs"]
    else:
        lock = min(max(2 * s["lockMs"], policy["lockMs"]), policy["maxLockMs"])
    return dict(s, lockMs=lock, lockedUntil=now + lock)


def use(s, text, now, policy):
    """(reason, next set) for one attempt."""
    if s["lockMs"] > 0 and now < s["lockedUntil"]:
        return "locked", s
    code = canonical_input(text, s["bits"] // 5)
    found = None
    if code is not None:
        h = mac(bytes.fromhex(s["salt"]), code)
        found = next((i for i, x in enumerate(s["hashes"]) if x == h), None)
    if found is None:
        return "wrong", fail(s, now, policy)
    if s["used"][found]:
        return "used", s
    used = list(s["used"])
    used[found] = True
    return "accepted", dict(s, seq=next_seq(s["seq"]), used=used, failures=0, lockMs=0, lockedUntil=0)


def policy_of(p):
    """A policy with the defaults filled in (maxLockMs defaults to the longer of an hour and lockMs)."""
    p = p or {}
    lock = p.get("lockMs", DEFAULT_POLICY["lockMs"])
    return {"maxFailures": p.get("maxFailures", DEFAULT_POLICY["maxFailures"]), "lockMs": lock,
            "maxLockMs": p.get("maxLockMs", max(DEFAULT_POLICY["maxLockMs"], lock))}


def run(name, start, steps, policy=None):
    """A transcript: steps are (input, now), (input, now, options replacing the transcript's policy)
    or ('throws', code, input, options)."""
    s = copy.deepcopy(start)
    out = []
    for step in steps:
        if step[0] == "throws":
            _, code, text, options = step
            out.append({"input": text, "options": options, "expect": {"throws": code}})
            continue
        text, now = step[0], step[1]
        options = {"now": now}
        if policy:
            options["policy"] = policy
        if len(step) > 2:
            options.update(step[2])
        reason, nxt = use(s, text, now, policy_of(options.get("policy")))
        out.append({"input": text, "options": options,
                    "expect": {"ok": reason == "accepted", "reason": reason,
                               "set": "same" if nxt == s else nxt,
                               "remaining": nxt["used"].count(False)}})
        s = nxt
    return {"name": name, "set": start, "steps": out}


# ---- Odds (RFC 4226 Appendix A) -----------------------------------------------------------------

decimal.getcontext().prec = 60
D = decimal.Decimal


def guesses(policy, duration):
    """Guesses an attacker makes in [0, duration) from a fresh state, stepping through the rules."""
    s = {"seq": 0, "failures": 0, "lockMs": 0, "lockedUntil": 0}
    t = 0
    n = 0
    while True:
        if s["lockMs"] > 0 and t < s["lockedUntil"]:
            t = s["lockedUntil"]
        if t >= duration:
            return n
        n += 1
        s = fail(s, t, policy)


def odds(p):
    policy = policy_of({k: p[k] for k in DEFAULT_POLICY if k in p})
    v = guesses(policy, p.get("durationMs", DAY))
    if p["kind"] == "recovery":
        n = 2 ** p.get("bits", 80)
        count = p.get("count", 10)
        if v > n - count:
            return v, D(1)
        miss = D(1)
        for i in range(count):  # C(N - v, count) / C(N, count)
            miss *= D(n - v - i) / D(n - i)
        return v, 1 - miss
    n = 10 ** p.get("digits", 6)
    w = p.get("window", 10 if p["kind"] == "hotp" else 1)
    s = w + 1 if p["kind"] == "hotp" else (2 * w + 1 if isinstance(w, int) else w["past"] + w["future"] + 1)
    if v >= n:
        return v, D(1)
    return v, 1 - (1 - D(v) / D(n)) ** s


ODDS = [
    {"kind": "totp"},
    {"kind": "hotp"},
    {"kind": "recovery"},
    {"kind": "totp", "durationMs": 30 * DAY},
    {"kind": "totp", "durationMs": 365 * DAY},
    {"kind": "hotp", "durationMs": 30 * DAY},
    {"kind": "recovery", "durationMs": 365 * DAY, "count": 16, "bits": 100},
    {"kind": "recovery", "bits": 160, "count": 100},
    {"kind": "totp", "digits": 8, "window": {"past": 2, "future": 0}},
    {"kind": "totp", "window": 0, "maxFailures": 3, "lockMs": 60000, "maxLockMs": 60000},
    {"kind": "totp", "maxFailures": 10, "lockMs": 1000, "maxLockMs": 86400000, "durationMs": 7 * DAY},
    {"kind": "hotp", "window": 50, "maxFailures": 1, "lockMs": 1, "maxLockMs": 1, "durationMs": 1000},
    {"kind": "hotp", "digits": 10, "window": 0, "maxFailures": 1000},
    {"kind": "totp", "lockMs": 7200000},
    {"kind": "totp", "durationMs": 0},
    {"kind": "totp", "durationMs": 1},
    {"kind": "totp", "durationMs": 30000},
    {"kind": "totp", "durationMs": 30001},
    {"kind": "totp", "digits": 1, "window": 0, "maxFailures": 9, "durationMs": 1},
    {"kind": "totp", "digits": 1, "window": 0, "maxFailures": 10, "durationMs": 1},
    {"kind": "totp", "digits": 1, "window": 0, "maxFailures": 9},
    {"kind": "totp", "digits": 2, "window": 2, "maxFailures": 4, "lockMs": 10, "maxLockMs": 40, "durationMs": 100},
    {"kind": "hotp", "digits": 3, "window": 7, "maxFailures": 20, "lockMs": 5, "maxLockMs": 1000, "durationMs": 2000},
    {"kind": "recovery", "bits": 4, "count": 3, "maxFailures": 2, "lockMs": 10, "maxLockMs": 20, "durationMs": 50},
    {"kind": "recovery", "bits": 4, "count": 16, "maxFailures": 1},
    {"kind": "recovery", "bits": 5, "count": 7, "maxFailures": 25, "durationMs": 1},
    {"kind": "recovery", "bits": 5, "count": 7, "maxFailures": 26, "durationMs": 1},
    {"kind": "recovery", "bits": 5, "count": 7, "maxFailures": 2, "lockMs": 3, "maxLockMs": 3, "durationMs": 70},
    {"kind": "recovery", "bits": 1, "count": 1, "maxFailures": 1},
]

ODDS_ERRORS = [
    ({"digits": 6}, "INVALID_POLICY"),
    ({"kind": "TOTP"}, "INVALID_POLICY"),
    ({"kind": "totp", "bits": 80}, "INVALID_POLICY"),
    ({"kind": "recovery", "digits": 6}, "INVALID_POLICY"),
    ({"kind": "totp", "maxFailure": 3}, "INVALID_POLICY"),
    ({"kind": "totp", "durationMs": -1}, "INVALID_POLICY"),
    ({"kind": "totp", "durationMs": 1.5}, "INVALID_POLICY"),
    ({"kind": "totp", "lockMs": 0}, "INVALID_POLICY"),
    ({"kind": "totp", "lockMs": 1000, "maxLockMs": 999}, "INVALID_POLICY"),
    ({"kind": "totp", "digits": 0}, "INVALID_DIGITS"),
    ({"kind": "hotp", "digits": 11}, "INVALID_DIGITS"),
    ({"kind": "hotp", "window": -1}, "INVALID_WINDOW"),
    ({"kind": "hotp", "window": {"past": 1, "future": 1}}, "INVALID_WINDOW"),
    ({"kind": "totp", "window": 100001}, "INVALID_WINDOW"),
    ({"kind": "recovery", "bits": 0}, "INVALID_POLICY"),
    ({"kind": "recovery", "bits": 161}, "INVALID_POLICY"),
    ({"kind": "recovery", "count": 0}, "INVALID_POLICY"),
    ({"kind": "recovery", "count": 101}, "INVALID_POLICY"),
    ({"kind": "recovery", "bits": 3, "count": 9}, "INVALID_POLICY"),
]


def main():
    sets = []

    def add_set(name, data, count=10, bits=80, note=None):
        codes, canonical, s = generate(data, count, bits)
        entry = {"name": name, "options": {"count": count, "bits": bits}, "random_hex": data.hex(),
                 "codes": codes, "canonical": canonical, "set": s}
        if note:
            entry["note"] = note
        sets.append(entry)
        return codes, canonical, s

    codes, canon, default = add_set("defaults: 10 codes of 80 bits", stream("default", 32 + 10 * 16))
    add_set("one code", stream("one", 32 + 16), count=1)
    add_set("100 codes of 160 bits (the caps)", stream("caps", 32 + 100 * 32), count=100, bits=160)
    add_set("81 bits round up to 17 symbols (85 bits); the last group has one symbol",
            stream("odd", 32 + 3 * 17), count=3, bits=81)
    first = stream("dup", 16)
    dup = stream("dup-salt", 32) + first + bytes(b ^ 0xE0 for b in first) + stream("dup-third", 32)
    add_set("a code drawn twice is drawn again; only the low 5 bits of each byte count", dup, count=3,
            note="the second 16 bytes differ from the first only in their high 3 bits: the same code, redrawn")
    zeros = bytes(32) + bytes(16) + bytes([31] * 16)
    add_set("edge symbols: all zeros and all Z", zeros, count=2)

    # Regeneration: from a used, failing set; new salt and codes, seq continues, throttle kept.
    worn = dict(default, seq=41, used=[True, False] * 5, failures=7, lockMs=60000, lockedUntil=1700000060000)
    r_codes, r_canon, r_set = regenerate(worn, stream("regen", 32 + 10 * 16))
    x_codes, x_canon, x_set = regenerate(dict(default, seq=2**53 - 1), stream("regen-wrap", 32 + 4 * 20), count=4, bits=100)
    regens = [
        {"name": "seq continues, failures and lock kept, count and bits from the old set", "from": worn,
         "options": {}, "random_hex": stream("regen", 32 + 10 * 16).hex(), "codes": r_codes, "canonical": r_canon, "set": r_set},
        {"name": "seq wraps to 0 after 2^53-1; count and bits given", "from": dict(default, seq=2**53 - 1),
         "options": {"count": 4, "bits": 100}, "random_hex": stream("regen-wrap", 32 + 4 * 20).hex(),
         "codes": x_codes, "canonical": x_canon, "set": x_set},
    ]

    c = codes
    # Codes with a 0 or a 1 in them, for Crockford's readings O -> 0 and I, L -> 1.
    readable = [x for x in c[5:] if "0" in x or "1" in x]
    assert len(readable) >= 2, "the default stream needs two codes with 0 or 1 among the last five"
    lookalikes = {"A": "\u0391", "B": "\u0392", "E": "\u0395", "H": "\u0397", "K": "\u039a", "M": "\u039c",
                  "N": "\u039d", "P": "\u03a1", "T": "\u03a4", "X": "\u03a7", "Y": "\u03a5", "Z": "\u0396",
                  "C": "\u0421", "0": "\u041e", "3": "\u0417"}
    target = next(x for x in c[5:] if x not in readable[:2])
    i = next(i for i, ch in enumerate(target) if ch in lookalikes)
    lookalike = target[:i] + lookalikes[target[i]] + target[i + 1:]
    fullwidth = target[:-1] + chr(ord(target[-1]) + 0xFEE0)
    lenient = {"maxFailures": 100}
    policy = {"maxFailures": 3, "lockMs": 1000, "maxLockMs": 3000}
    T = 1700000000000
    transcripts = [
        run("each code once, in any spelling; used codes stay used; malformed input is wrong", default, [
            (c[0], T),
            (c[0], T),
            (canon[0], T),
            (c[1].lower(), T),
            (" " + c[2].replace("-", " ") + " ", T),
            ("-".join(canon[3]), T),
            (c[3].replace("-", ""), T),
            (c[4][:-1], T),
            (c[4] + "0", T),
            (c[4] + "\n", T),
            ("\t" + c[4], T),
            (c[4].replace("-", "_"), T),
            ("", T),
            ("-- --", T),
            (c[4], T + 1),
            (c[4], T + 2),
        ], policy=lenient),
        run("Crockford readings only: O is 0, I and L are 1, and nothing else is corrected", default, [
            (readable[0].replace("0", "O").replace("1", "I"), T),
            (readable[1].replace("1", "L").replace("0", "o").lower(), T),
            (readable[1].replace("1", "l"), T),
            (target.replace("V", "U") if "V" in target else target[:-1] + "U", T),
            (lookalike, T),
            (fullwidth, T),
            (target.replace("-", "\u2013"), T),
            (target.replace("-", "\u00a0"), T),
            (target[:5] + "\u00ad" + target[5:], T),
            ("\u0131" * 16, T),
            ("\u017f" * 16, T),
            ("\u212a" * 16, T),
            ("\u0130" * 16, T),
            (target, T),
        ], policy=lenient),
        run("throttling as token state: lock at maxFailures, doubling to maxLockMs, the code never looked at while locked", default, [
            ("0000-0000-0000-0000", T),
            ("0000-0000-0000-0001", T + 1),
            ("0000-0000-0000-0002", T + 2, {"policy": {"maxFailures": 5}}),
            ("0000-0000-0000-0003", T + 3),
            (c[9], T + 5),
            ("nonsense", T + 1002),
            ("0000-0000-0000-0004", T + 1003),
            (c[9], T + 3002),
            ("0000-0000-0000-0005", T + 3003),
            ("0000-0000-0000-0006", T + 6003),
            (c[9], T + 9002),
            (c[9], T + 9003),
            (c[9], T + 9004),
            (c[8], T + 9004),
            ("0000-0000-0000-0007", T + 9005),
            ("throws", "INPUT_TOO_LONG", "0" * (MAX_INPUT + 1), {"now": T, "policy": policy}),
            ("throws", "INVALID_POLICY", c[0], {"now": T, "policy": {"maxFailures": 0}}),
            ("throws", "INVALID_POLICY", c[0], {"now": T, "policy": {"maxFailure": 3}}),
            ("throws", "INVALID_TIME", c[0], {"now": "yesterday"}),
            ("throws", "INVALID_OPTIONS", c[0], {"now": T, "polcy": policy}),
            ("0" * MAX_INPUT, T + 9006),
            (c[0], T + 9007),
        ], policy=policy),
    ]
    # Every code used: remaining 0, each answers used; a lock still engages on wrong input.
    all_used = dict(default, seq=10, used=[True] * 10)
    transcripts.append(run("a set with every code used", all_used, [
        (c[0], T), (c[9], T), ("0000-0000-0000-0000", T), (c[5], T),
    ]))
    # A lock running when the set is read, past 2^53-1 seq, wraps.
    locked = dict(default, seq=2**53 - 1, failures=9, lockMs=3600000, lockedUntil=T + 3600000)
    transcripts.append(run("a locked set read from storage; seq wraps to 0 after 2^53-1", locked, [
        (c[0], T), (c[0], T + 3599999), ("0000-0000-0000-0000", T + 3600000), (c[0], T + 7200000), (c[0], T + 10800000),
    ]))
    transcripts.append(run("bits 85: 17 symbols", sets[3]["set"], [
        (sets[3]["codes"][0], T), (sets[3]["canonical"][1][:16], T), (sets[3]["canonical"][1] + "0", T),
        (sets[3]["codes"][1].lower(), T), (sets[3]["codes"][0], T),
    ]))

    # ---- Invalid stored sets ------------------------------------------------------------------
    d = default

    def without(key):
        s = dict(d)
        del s[key]
        return s

    invalid = [
        ("not an object", "recovery"),
        ("null", None),
        ("an array", [d]),
        ("version 0", dict(d, v=0)),
        ("version 2 (newer)", dict(d, v=2)),
        ("version as text", dict(d, v="1")),
        ("kind hotp", dict(d, kind="hotp")),
        ("no kind", without("kind")),
        ("no salt", without("salt")),
        ("no used", without("used")),
        ("no lockedUntil", without("lockedUntil")),
        ("an unknown field", dict(d, codes=c)),
        ("seq negative", dict(d, seq=-1)),
        ("seq beyond 2^53-1", dict(d, seq=2**53)),
        ("seq as text", dict(d, seq="0")),
        ("bits 75", dict(d, bits=75)),
        ("bits 82 (not whole symbols)", dict(d, bits=82)),
        ("bits 165", dict(d, bits=165)),
        ("salt upper-case", dict(d, salt=d["salt"].upper())),
        ("salt 31 bytes", dict(d, salt=d["salt"][:62])),
        ("salt not hex", dict(d, salt="z" * 64)),
        ("hashes empty", dict(d, hashes=[], used=[])),
        ("101 hashes", dict(d, hashes=[mac(b"x", str(i)) for i in range(101)], used=[False] * 101)),
        ("hashes not an array", dict(d, hashes={"0": d["hashes"][0]})),
        ("a hash truncated", dict(d, hashes=[d["hashes"][0][:63]] + d["hashes"][1:])),
        ("a hash with a separator", dict(d, hashes=[d["hashes"][0][:62] + "-" + d["hashes"][0][63]] + d["hashes"][1:])),
        ("a hash as bytes", dict(d, hashes=[list(bytes.fromhex(d["hashes"][0]))] + d["hashes"][1:])),
        ("a hash repeated", dict(d, hashes=[d["hashes"][0]] + d["hashes"][:9])),
        ("used shorter than hashes", dict(d, used=[False] * 9)),
        ("used as 0/1", dict(d, used=[0] * 10)),
        ("used as text", dict(d, used=["false"] * 10)),
        ("used null", dict(d, used=None)),
        ("failures fractional", dict(d, failures=0.5)),
        ("lockMs beyond ten years", dict(d, failures=1, lockMs=315360000001, lockedUntil=1)),
        ("a lock without failures", dict(d, lockMs=1000, lockedUntil=T)),
        ("lockedUntil without a lock", dict(d, lockedUntil=T)),
        ("lockedUntil past any Date", dict(d, failures=1, lockMs=1000, lockedUntil=8640000000000000 + 315360000001)),
    ]

    odds_rows = []
    for p in ODDS:
        v, prob = odds(p)
        odds_rows.append({"policy": p, "guesses": v, "odds": format(prob, ".17g") if prob else "0"})

    data = {
        "generator": "vectors/cross/recovery.py",
        "source": "oathkit's recovery-set format (README.md, Recovery codes), implemented again in Python "
                  "(hmac, hashlib, decimal); no oathkit code consulted",
        "note": "random_hex is what crypto.getRandomValues hands out, in order: the 32-byte salt, then one byte per "
                "symbol of each code (its low 5 bits are the symbol). Times are ms since the epoch. "
                "An expected set 'same' means the input, unchanged.",
        "sets": sets,
        "regenerations": regens,
        "transcripts": transcripts,
        "invalid_sets": [{"why": why, "set": s} for why, s in invalid],
        "odds": odds_rows,
        "odds_errors": [{"policy": p, "throws": code} for p, code in ODDS_ERRORS],
    }
    with open(OUT, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    steps = sum(len(t["steps"]) for t in transcripts)
    print(f"recovery.json: {len(sets)} sets, {len(regens)} regenerations, {steps} steps in {len(transcripts)} "
          f"transcripts, {len(invalid)} invalid sets, {len(odds_rows)} odds, {len(ODDS_ERRORS)} odds errors")


if __name__ == "__main__":
    main()
