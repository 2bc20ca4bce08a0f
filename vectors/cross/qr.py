#!/usr/bin/python3
"""Writes vectors/qr.json: QR code symbols made by Debian's python3-qrcode, for oathkit/qr.

Every symbol here is python-qrcode's (Lincoln Loop's `qrcode` package, Debian python3-qrcode),
never oathkit's. Module-for-module equality holds only when both encoders write the same
segments, and python-qrcode's own splitter (`optimal_data_chunks`) is not the shortest, so this
script segments each text itself, with the shortest segmentation computed here independently of
oathkit: a dynamic program over segment *intervals* (every start for every end, exact bit costs,
ISO/IEC 18004:2015 §7.4.3-7.4.5 and Table 3), where oathkit runs a six-state automaton over bytes.
Only texts with exactly one shortest segmentation are kept, so any correct encoder must write
the same bits. python-qrcode then encodes those segments (`QRData` with an explicit mode), picks
the smallest version (`best_fit`) and its own best mask; the vector keeps the mask, which oathkit
is given (`{ mask }`): the mask penalty is read slightly differently by different encoders.

Texts: typical enrolment payloads (otpauth URIs of every kind, activation strings), the
standard's and tutorials' examples, each at every level, and seeded random ASCII texts (digits,
alphanumerics and bytes in runs) nearly filling every version 1-40 (the levels in turn, and every
level at versions 1, 9, 10, 26, 27 and 40, where the character count fields change length). Non-ASCII text
needs an ECI header, which python-qrcode does not write: that is covered in the Node tests against
Nayuki's encoder and two decoders instead.

`limits` are the longest texts of digits, of alphanumerics and of bytes that version 40 holds at
each level, from python-qrcode's capacity table (one more character must be refused).

    /usr/bin/python3 vectors/cross/qr.py      # Debian's python3, where qrcode is installed
"""
import base64
import json
import os
import random
import subprocess

import qrcode
from qrcode import util

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "qr.json")
LEVELS = {"L": qrcode.constants.ERROR_CORRECT_L, "M": qrcode.constants.ERROR_CORRECT_M,
          "Q": qrcode.constants.ERROR_CORRECT_Q, "H": qrcode.constants.ERROR_CORRECT_H}
ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
MODES = [("numeric", util.MODE_NUMBER), ("alphanumeric", util.MODE_ALPHA_NUM), ("byte", util.MODE_8BIT_BYTE)]
COUNT_BITS = {0: (10, 9, 8), 1: (12, 11, 16), 2: (14, 13, 16)}  # Table 3, by version group


def group(version):
    return 0 if version < 10 else 1 if version < 27 else 2


def fits(mode, ch):
    return ch.isdigit() if mode == 0 else ch in ALNUM if mode == 1 else True


def data_bits(mode, n):
    if mode == 0:
        return 10 * (n // 3) + (0, 4, 7)[n % 3]
    if mode == 1:
        return 11 * (n // 2) + 6 * (n % 2)
    return 8 * n


def shortest_table(text, g):
    """For every prefix text[:i] (ASCII), for version group g: the fewest bits over all its
    segmentations (best[i]), how many segmentations reach them (ways[i]), and the last segment of
    one of them (back[i] = (mode, start)). The last segment text[j:i] is tried for every start j
    its mode reaches (digits, alphanumerics); for bytes, whose cost grows linearly, through the
    running minimum of best[j] - 8j and how many ways reach it."""
    n = len(text)
    inf = float("inf")
    best = [0] + [inf] * n
    ways = [1] + [0] * n
    back = [None] * (n + 1)
    byte_min, byte_ways, byte_j = inf, 0, None

    def offer(i, cost, w, step):
        if cost < best[i]:
            best[i], ways[i], back[i] = cost, w, step
        elif cost == best[i]:
            ways[i] += w

    for i in range(1, n + 1):
        j = i - 1
        if best[j] - 8 * j < byte_min:
            byte_min, byte_ways, byte_j = best[j] - 8 * j, ways[j], j
        elif best[j] - 8 * j == byte_min:
            byte_ways += ways[j]
        offer(i, byte_min + 8 * i + 4 + COUNT_BITS[g][2], byte_ways, (2, byte_j))
        for mode in (0, 1):
            j = i - 1
            while j >= 0 and fits(mode, text[j]):
                offer(i, best[j] + 4 + COUNT_BITS[g][mode] + data_bits(mode, i - j), ways[j], (mode, j))
                j -= 1
    return best, ways, back


def segments_of(back, i):
    segments = []
    while i > 0:
        mode, j = back[i]
        segments.insert(0, (mode, j, i))
        i = j
    return segments


def shortest(text, g):
    """Fewest bits for the whole text, the number of segmentations reaching them, and one."""
    best, ways, back = shortest_table(text, g)
    return best[-1], ways[-1], segments_of(back, len(text))


def capacity(version, level):
    return util.BIT_LIMIT_TABLE[LEVELS[level]][version]


def smallest_version(text, level):
    for v in range(1, 41):
        bits, ways, segments = shortest(text, group(v))
        if bits <= capacity(v, level):
            return v, bits, ways, segments
    return None


def symbol(text, level, segments):
    """python-qrcode's symbol for these segments: version, mask, module rows."""
    qr = qrcode.QRCode(error_correction=LEVELS[level], border=0)
    for mode, a, b in segments:
        qr.add_data(util.QRData(text[a:b].encode("ascii"), mode=MODES[mode][1]))
    qr.best_fit()
    mask = qr.best_mask_pattern()
    qr.mask_pattern = mask
    qr.make(fit=False)
    rows = qr.get_matrix()
    return qr.version, mask, rows


def packed(rows):
    """The modules row by row, 1 dark, packed 8 to a byte most significant first, in base64."""
    bits = [1 if m else 0 for row in rows for m in row]
    bits += [0] * (-len(bits) % 8)
    return base64.b64encode(bytes(int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8))).decode()


def random_text(rng, length):
    """ASCII in random runs: digits (12-40), upper-case letters and alphanumeric symbols without
    digits (20-60), other printable bytes without digits or upper case (1-30). Runs this long are
    clearly cheaper in their own mode, so most texts have one shortest segmentation."""
    pools = ["0123456789", ALNUM[10:], "".join(chr(c) for c in range(32, 127) if chr(c) not in ALNUM)]
    lengths = [(12, 40), (20, 60), (1, 30)]
    out = []
    kind = rng.randrange(3)
    while len(out) < length:
        kind = (kind + rng.randrange(1, 3)) % 3  # never the same kind twice in a row
        out += [rng.choice(pools[kind]) for _ in range(rng.randrange(*lengths[kind]))]
    return "".join(out[:length])


def filling(rng, version, level):
    """A random text whose smallest version at `level` is `version`, nearly filling it, with one
    shortest segmentation: the longest such prefix of a random text."""
    cap = capacity(version, level)
    below = capacity(version - 1, level) if version > 1 else -1
    for _attempt in range(100):
        source = random_text(rng, 7100)
        best, ways, _ = shortest_table(source, group(version))
        lower = shortest_table(source, group(version - 1))[0] if version > 1 else None
        longest = max(i for i in range(1, len(source) + 1) if best[i] <= cap)
        for i in range(longest, max(0, longest - 40), -1):
            if ways[i] == 1 and (lower is None or lower[i] > below):
                return source[:i]
    raise SystemExit(f"no uniquely segmented text for version {version}-{level}")


def deb_version(package):
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], check=True,
                          capture_output=True, text=True).stdout


TYPICAL = [
    ("HELLO WORLD", "alphanumeric example of the tutorials (1-Q)"),
    ("01234567", "ISO/IEC 18004 Annex I example (1-M)"),
    ("otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME", "TOTP URI"),
    ("otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example",
     "the Key Uri Format's example"),
    ("otpauth://hotp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME&counter=0",
     "HOTP URI"),
    ("otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA&issuer=ACME"
     "&algorithm=SHA256&digits=8&period=60", "TOTP URI, SHA-256, 8 digits, 60 s"),
    ("otpauth://totp/B%C3%BCcher%3Aj%C3%BCrgen%40example.de?secret=JBSWY3DPEHPK3PXP&issuer=B%C3%BCcher",
     "TOTP URI with a percent-encoded UTF-8 label"),
    ("1CM1-8485-1MTH-9H68-SK8D-9P6W-W3JC-1H68-SK8D-9P6W-W3JC-0A9V-X",
     "activation string: HOTP, counter 5, issuer ACME (the README's command-line example)"),
    ("10RK-4CSM-6MV3-EE1S-60RK-4CSM-6MV3-EE1S-60YC-92",
     "activation string: TOTP, 20-byte key, every default (the README's worked example)"),
    ("314159265358979323846264338327950288419716939937510", "digits"),
]


def vector(text, level, note):
    found = smallest_version(text, level)
    if found is None:
        raise SystemExit(f"too long: {note}")
    version, bits, ways, segments = found
    if ways != 1:
        return None
    v, mask, rows = symbol(text, level, segments)
    if v != version:
        raise SystemExit(f"python-qrcode chose version {v}, the shortest segmentation needs {version}: {note}")
    return {"note": note, "text": text, "level": level, "version": version, "mask": mask, "bits": bits,
            "segments": [[MODES[m][0], b - a] for m, a, b in segments], "modules": packed(rows)}


def main():
    rng = random.Random(20261129)
    vectors = []
    for text, note in TYPICAL:
        for level in "LMQH":
            v = vector(text, level, note)
            if v is None:
                raise SystemExit(f"{note}: more than one shortest segmentation; choose another text")
            vectors.append(v)
    # Every version once, the levels in turn, and every level at the versions where the count
    # fields change length (9/10, 26/27) and at the ends.
    for version in range(1, 41):
        levels = "LMQH" if version in (1, 9, 10, 26, 27, 40) else "LMQH"[version % 4]
        for level in levels:
            v = vector(filling(rng, version, level), level, f"random ASCII filling version {version}-{level}")
            vectors.append(v)
    limits = []
    for level in "LMQH":
        cap = capacity(40, level)
        # The longest single-segment texts at version 40 (header 4 + 14, 13 or 16 bits).
        digits = max(n for n in range(7200) if 18 + data_bits(0, n) <= cap)
        alnum = max(n for n in range(4400) if 17 + data_bits(1, n) <= cap)
        byte = max(n for n in range(3000) if 20 + data_bits(2, n) <= cap)
        limits.append({"level": level, "bits": cap, "digits": digits, "alphanumeric": alnum, "bytes": byte})
    data = {
        "generator": "vectors/cross/qr.py",
        "source": f"python-qrcode {qrcode.__version__ if hasattr(qrcode, '__version__') else ''}".strip()
        + f", Debian package python3-qrcode {deb_version('python3-qrcode')}",
        "note": "modules: row by row, 1 dark, 8 to a byte most significant first, base64; no quiet zone. "
                "mask: python-qrcode's choice, given to oathkit as an option. segments: the unique "
                "shortest segmentation, [mode, characters].",
        "vectors": vectors,
        "limits": limits,
    }
    with open(OUT, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print(f"qr.json: {len(vectors)} symbols, {len(limits)} limits")


if __name__ == "__main__":
    main()
