#!/usr/bin/python3
"""Reads a PSKC file with Debian's python3-pskc and prints, as JSON, the tokens oathkit must read
from it (the mapping of pskc_vectors.py). test/node/pskc.python.test.ts runs this on containers
oathkit wrote, so python-pskc is the judge of oathkit's writer.

    /usr/bin/python3 vectors/cross/pskc_read.py FILE [--password PASSWORD | --key HEX]
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pskc_vectors import PSKC, contents  # noqa: E402


def main(argv):
    container = PSKC(argv[1])
    if len(argv) == 4 and argv[2] == "--password":
        container.encryption.derive_key(argv[3])
    elif len(argv) == 4 and argv[2] == "--key":
        container.encryption.key = bytes.fromhex(argv[3])
    elif len(argv) != 2:
        sys.exit(__doc__)
    out = contents(container)
    # Every MAC must verify (python-pskc raises on a bad one while reading the values above).
    assert all(key.check() for key in container.keys if key.secret is not None)
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv)
