#!/usr/bin/python3
"""A second implementation of the plain backup formats, written from the apps' own descriptions
(sources in vectors/README.md, "Backups"), never from oathkit's code.

    /usr/bin/python3 vectors/cross/backup.py                 # writes vectors/backup.json
    /usr/bin/python3 vectors/cross/backup.py read FORMAT     # reads a file on stdin, prints its tokens

`generate` (the default) writes one file of every format the apps write (Aegis vault db versions 1-3,
2FAS schema 1/2/4, andOTP, Authenticator Pro, FreeOTP+, Bitwarden JSON and CSV, Proton, Ente, URI
lists, a Steam maFile and the Steam app's file, Google export URIs) from a fixed set of tokens, and
records next to each file the tokens and skipped entries a reader must find, in oathkit's documented
normal form (README, Backups). Keys come from a fixed SHA-256 stream: a rerun reproduces the file
byte for byte. `read` is the other direction: test/node/backup.cross.test.ts writes files with
oathkit's writeBackup and checks that this script reads back the tokens it wrote.

Token JSON: kind, key_hex, algorithm, digits, period and t0 (totp, steam), counter (hotp, decimal
text), issuer, account, serial, extras (only when present).
"""
import base64
import hashlib
import json
import os
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "backup.json")


def key(index, length):
    out = b""
    block = 0
    while len(out) < length:
        out += hashlib.sha256(f"oathkit-backup-{index}-{block}".encode()).digest()
        block += 1
    return out[:length]


def b32(k, pad=False):
    s = base64.b32encode(k).decode()
    return s if pad else s.rstrip("=")


def token(kind, k, algorithm="SHA1", digits=None, period=30, counter=0, issuer=None, account=None, serial=None, extras=None):
    t = {"kind": kind, "key_hex": k.hex(), "algorithm": algorithm,
         "digits": digits if digits is not None else (5 if kind == "steam" else 6)}
    if kind in ("totp", "steam"):
        t["period"] = period
        t["t0"] = 0
    if kind == "hotp":
        t["counter"] = str(counter)
    if issuer:
        t["issuer"] = issuer
    if account:
        t["account"] = account
    if serial:
        t["serial"] = serial
    if extras:
        t["extras"] = extras
    return t


def groups(*names):
    return json.dumps(list(names), separators=(",", ":"), ensure_ascii=False)


# ---- The tokens every file is built from ---------------------------------------------------------
K = [key(i, n) for i, n in enumerate([20, 32, 64, 20, 10, 16, 33])]
BIG = 2**53 + 1  # past a double's exact integers: a reader must keep it exact


def otpauth(kind, k, issuer=None, account="", algorithm="SHA1", digits=6, period=30, counter=0, extra=()):
    typ = "hotp" if kind == "hotp" else "totp"
    label = urllib.parse.quote(account, safe="@")
    if issuer:
        label = urllib.parse.quote(issuer, safe="") + ":" + label
    q = [("secret", b32(k))]
    if issuer:
        q.append(("issuer", issuer))
    q += [("algorithm", algorithm), ("digits", str(digits))]
    q.append(("counter", str(counter)) if kind == "hotp" else ("period", str(period)))
    if kind == "steam":
        q.append(("encoder", "steam"))
    q += list(extra)
    return f"otpauth://{typ}/{label}?" + urllib.parse.urlencode(q, quote_via=urllib.parse.quote)


def dumps(obj, indent=None):
    return json.dumps(obj, indent=indent, ensure_ascii=False)


def aegis_files():
    files = []
    # db version 1: the oldest layout (no note, no groups)
    entries = [
        {"type": "totp", "uuid": "3ae6f1ad-2e65-4ed2-a953-1ec0dff2386d", "name": "alice@example.com", "issuer": "ACME", "icon": None,
         "info": {"secret": b32(K[0]), "algo": "SHA1", "digits": 6, "period": 30}},
        {"type": "hotp", "uuid": "0a8c0571-ff6f-4b02-aa4b-50553b4fb4fe", "name": "carol", "issuer": "Bank", "icon": None,
         "info": {"secret": b32(K[2]), "algo": "SHA512", "digits": 8, "counter": BIG}},
        {"type": "steam", "uuid": "5b11ae3b-6fc3-4d46-8ca7-cf0aea7de920", "name": "dave", "issuer": "Steam", "icon": None,
         "info": {"secret": b32(K[3]), "algo": "SHA1", "digits": 5, "period": 30}},
        {"type": "yandex", "uuid": "b25f8815-007f-40f7-a700-ce058ac05435", "name": "eve", "issuer": "Yandex", "icon": None,
         "info": {"secret": b32(K[5]), "algo": "SHA256", "digits": 8, "period": 30, "pin": "1234"}},
        {"type": "totp", "uuid": "03e572f2-8ebd-44b0-a57e-e958af74815d", "name": "frank", "issuer": "Broken", "icon": None,
         "info": {"secret": "not base32!", "algo": "SHA1", "digits": 6, "period": 30}},
    ]
    vault = {"version": 1, "header": {"slots": None, "params": None}, "db": {"version": 1, "entries": entries}}
    files.append({
        "name": "aegis-db1", "format": "aegis", "data": dumps(vault, 4),
        "tokens": [
            token("totp", K[0], issuer="ACME", account="alice@example.com", extras={"aegis.uuid": "3ae6f1ad-2e65-4ed2-a953-1ec0dff2386d"}),
            token("hotp", K[2], "SHA512", 8, counter=BIG, issuer="Bank", account="carol", extras={"aegis.uuid": "0a8c0571-ff6f-4b02-aa4b-50553b4fb4fe"}),
            token("steam", K[3], issuer="Steam", account="dave", extras={"aegis.uuid": "5b11ae3b-6fc3-4d46-8ca7-cf0aea7de920"}),
        ],
        "skipped": [{"index": 3, "name": "Yandex: eve", "code": "BACKUP_UNSUPPORTED"}, {"index": 4, "name": "Broken: frank", "code": "INVALID_BASE32"}],
    })
    # db version 2: note, favorite, an embedded icon, the old single `group`
    icon = base64.b64encode(hashlib.sha256(b"icon").digest()).decode()
    entries = [
        {"type": "totp", "uuid": "84b55971-a3d2-4173-a5bb-0aea113dbc17", "name": "bob", "issuer": "Ünïcødé Corp", "note": "desk drawer",
         "favorite": True, "icon": icon, "icon_mime": "image/png", "group": "Work",
         "info": {"secret": b32(K[1]), "algo": "SHA256", "digits": 8, "period": 60}},
    ]
    vault = {"version": 1, "header": {"slots": None, "params": None}, "db": {"version": 2, "entries": entries}}
    files.append({
        "name": "aegis-db2", "format": "aegis", "data": dumps(vault),
        "tokens": [token("totp", K[1], "SHA256", 8, 60, issuer="Ünïcødé Corp", account="bob", extras={
            "note": "desk drawer", "favorite": "true", "groups": groups("Work"), "aegis.uuid": "84b55971-a3d2-4173-a5bb-0aea113dbc17",
            "aegis.icon": icon, "aegis.icon_mime": "image/png"})],
        "skipped": [],
    })
    # db version 3: groups by uuid; a reference to a group that does not exist is dropped
    g1, g2 = "a5b3fb65-4ec5-43e6-8ec1-49e24ca9e7ad", "0c3f2a14-5e5d-4a0e-9a57-1b1c2d3e4f50"
    entries = [
        {"type": "hotp", "uuid": "3deaff2e-f181-4837-80e1-fdf0c54e9363", "name": "gina", "issuer": "Git", "note": "", "favorite": False,
         "icon": None, "groups": [g1, g2, "ffffffff-ffff-4fff-bfff-ffffffffffff"],
         "info": {"secret": b32(K[4]), "algo": "SHA1", "digits": 6, "counter": 0}},
        {"type": "totp", "uuid": "7f3c1c2a-1b2c-4d3e-8f90-a1b2c3d4e5f6", "name": "hank", "issuer": "Digits", "icon": None, "groups": [],
         "info": {"secret": b32(K[6]), "algo": "SHA1", "digits": 12, "period": 30}},
    ]
    vault = {"version": 1, "header": {"slots": None, "params": None},
             "db": {"version": 3, "entries": entries, "groups": [{"uuid": g1, "name": "Work"}, {"uuid": g2, "name": "Home"}], "icons_optimized": True}}
    files.append({
        "name": "aegis-db3", "format": "aegis", "data": dumps(vault, 2),
        "tokens": [token("hotp", K[4], counter=0, issuer="Git", account="gina", extras={"groups": groups("Work", "Home"), "aegis.uuid": "3deaff2e-f181-4837-80e1-fdf0c54e9363"})],
        "skipped": [{"index": 1, "name": "Digits: hank", "code": "INVALID_DIGITS"}],
    })
    return files


def twofas_files():
    files = []
    # schema 2 (2FAS 3.x): no tokenType (TOTP), label "Issuer:account"
    services = [
        {"name": "ACME", "secret": b32(K[0]), "updatedAt": 1644513743278, "type": "Unknown",
         "otp": {"label": "ACME:alice@example.com", "account": "alice@example.com", "issuer": "ACME", "digits": 6, "period": 30, "algorithm": "SHA1"},
         "order": {"position": 0}},
        {"name": "My bank", "secret": b32(K[1]), "updatedAt": 1644513778354, "type": "Unknown",
         "otp": {"label": "bob", "account": "bob", "digits": 8, "period": 60, "algorithm": "SHA256"}, "order": {"position": 1}},
    ]
    data = {"services": services, "updatedAt": 1644513857707, "schemaVersion": 2, "appVersionCode": 3080200, "appVersionName": "3.8.2", "appOrigin": "android", "groups": []}
    files.append({
        "name": "2fas-schema2", "format": "2fas", "data": dumps(data, 2),
        "tokens": [token("totp", K[0], issuer="ACME", account="alice@example.com"),
                   token("totp", K[1], "SHA256", 8, 60, issuer="My bank", account="bob")],
        "skipped": [],
    })
    # schema 4 (2FAS 5.x): tokenType, link, icon, groups
    gid = "9f1e2d3c-4b5a-4697-8a7b-6c5d4e3f2a1b"
    icon = {"selected": "Label", "label": {"text": "BA", "backgroundColor": "Orange"}, "iconCollection": {"id": "a5b3fb65-4ec5-43e6-8ec1-49e24ca9e7ad"}}
    services = [
        {"name": "Bank", "secret": b32(K[2]), "updatedAt": 1702934586420,
         "otp": {"link": otpauth("hotp", K[2], "Bank", "carol", "SHA512", 8, counter=10300), "label": "carol", "account": "carol", "issuer": "Bank",
                 "digits": 8, "algorithm": "SHA512", "counter": 10300, "tokenType": "HOTP", "source": "Link"},
         "order": {"position": 0}, "icon": icon, "groupId": gid},
        {"name": "Steam", "secret": b32(K[3]), "updatedAt": 1702934600248,
         "otp": {"label": "dave", "account": "dave", "issuer": "Steam", "digits": 5, "period": 30, "algorithm": "SHA1", "tokenType": "STEAM", "source": "Link"},
         "order": {"position": 1}, "badge": {"color": "Red"}},
        {"name": "Mystery", "secret": b32(K[5]), "updatedAt": 1702934600249,
         "otp": {"label": "eve", "account": "eve", "issuer": "Mystery", "digits": 6, "period": 30, "algorithm": "SHA1", "tokenType": "YAOTP", "source": "Manual"},
         "order": {"position": 2}},
    ]
    data = {"services": services, "groups": [{"id": gid, "name": "Money", "isExpanded": True, "updatedAt": 1702934586000}],
            "updatedAt": 1702934732299, "schemaVersion": 4, "appVersionCode": 5000009, "appVersionName": "5.1.0", "appOrigin": "android"}
    files.append({
        "name": "2fas-schema4", "format": "2fas", "data": dumps(data),
        "tokens": [
            token("hotp", K[2], "SHA512", 8, counter=10300, issuer="Bank", account="carol",
                  extras={"groups": groups("Money"), "2fas.icon": json.dumps(icon, separators=(",", ":"))}),
            token("steam", K[3], issuer="Steam", account="dave", extras={"2fas.badge": "Red"}),
        ],
        "skipped": [{"index": 2, "name": "Mystery: eve", "code": "BACKUP_UNSUPPORTED"}],
    })
    return files


def andotp_files():
    entries = [
        {"secret": b32(K[0], True), "issuer": "ACME", "label": "alice@example.com", "digits": 6, "type": "TOTP", "algorithm": "SHA1",
         "thumbnail": "Default", "last_used": 1608146844162, "used_frequency": 0, "period": 30, "tags": []},
        {"secret": b32(K[2], True).lower(), "issuer": "Bank", "label": "carol", "digits": 8, "type": "HOTP", "algorithm": "SHA512",
         "thumbnail": "Default", "last_used": 0, "used_frequency": 3, "counter": BIG, "tags": ["Money", "Work"]},
        {"secret": b32(K[3], True), "issuer": "Steam", "label": "dave", "digits": 5, "type": "STEAM", "algorithm": "SHA1",
         "thumbnail": "Steam", "last_used": 0, "used_frequency": 0, "tags": []},
        {"secret": b32(K[5], True), "issuer": "VPN", "label": "eve", "digits": 6, "type": "MOTP", "algorithm": "MD5", "period": 10, "tags": []},
        # an old backup entry: no issuer, only a label
        {"secret": b32(K[4], True), "label": "Old - gina", "digits": 6, "type": "TOTP", "algorithm": "SHA1", "period": 30},
    ]
    return [{
        "name": "andotp", "format": "andotp", "data": dumps(entries),
        "tokens": [
            token("totp", K[0], issuer="ACME", account="alice@example.com", extras={"andotp.last_used": "1608146844162"}),
            token("hotp", K[2], "SHA512", 8, counter=BIG, issuer="Bank", account="carol", extras={"groups": groups("Money", "Work"), "andotp.used_frequency": "3"}),
            token("steam", K[3], issuer="Steam", account="dave", extras={"andotp.thumbnail": "Steam"}),
            token("totp", K[4], account="Old - gina"),
        ],
        "skipped": [{"index": 3, "name": "VPN: eve", "code": "BACKUP_UNSUPPORTED"}],
    }]


def authpro_files():
    auths = [
        {"Type": 2, "Icon": "acme", "Issuer": "ACME", "Username": "alice@example.com", "Secret": b32(K[0]), "Pin": None, "Algorithm": 0,
         "Digits": 6, "Period": 30, "Counter": 0, "Ranking": 0, "CopyCount": 0},
        {"Type": 1, "Icon": None, "Issuer": "Bank", "Username": "carol", "Secret": b32(K[2]), "Pin": None, "Algorithm": 2,
         "Digits": 8, "Period": 30, "Counter": 10300, "Ranking": 2, "CopyCount": 1},
        {"Type": 4, "Icon": "steam", "Issuer": "Steam", "Username": None, "Secret": b32(K[3]), "Pin": None, "Algorithm": 0,
         "Digits": 5, "Period": 30, "Counter": 0, "Ranking": 0, "CopyCount": 0},
        {"Type": 3, "Icon": None, "Issuer": "VPN", "Username": "eve", "Secret": "abcdef0123456789", "Pin": "1234", "Algorithm": 0,
         "Digits": 6, "Period": 10, "Counter": 0, "Ranking": 0, "CopyCount": 0},
        {"Type": 2, "Icon": None, "Issuer": "Bad", "Username": "x", "Secret": b32(K[6]), "Pin": None, "Algorithm": 7,
         "Digits": 6, "Period": 30, "Counter": 0, "Ranking": 0, "CopyCount": 0},
    ]
    data = {"Authenticators": auths, "Categories": [{"Id": "c1", "Name": "Work", "Ranking": 0}],
            "AuthenticatorCategories": [{"CategoryId": "c1", "AuthenticatorSecret": b32(K[0]), "Ranking": 0}], "CustomIcons": []}
    return [{
        "name": "authenticator-pro", "format": "authenticator-pro", "data": dumps(data),
        "tokens": [
            token("totp", K[0], issuer="ACME", account="alice@example.com", extras={"groups": groups("Work"), "authenticator-pro.icon": "acme"}),
            token("hotp", K[2], "SHA512", 8, counter=10300, issuer="Bank", account="carol", extras={"authenticator-pro.ranking": "2"}),
            token("steam", K[3], issuer="Steam", extras={"authenticator-pro.icon": "steam"}),
        ],
        "skipped": [{"index": 3, "name": "VPN: eve", "code": "BACKUP_UNSUPPORTED"}, {"index": 4, "name": "Bad: x", "code": "INVALID_ALGORITHM"}],
    }]


def signed(k):
    return [b - 256 if b > 127 else b for b in k]


def freeotp_files():
    toks = [
        {"algo": "SHA1", "counter": 0, "digits": 6, "issuerExt": "ACME", "issuerInt": "ACME", "label": "alice@example.com", "period": 30,
         "secret": signed(K[0]), "type": "TOTP"},
        # FreeOTP keeps the counter one below the next code's: 10299 stored = next code 10300
        {"algo": "SHA512", "counter": 10299, "digits": 8, "issuerExt": "Bank", "issuerInt": "Bank", "label": "carol", "period": 30,
         "secret": signed(K[2]), "type": "HOTP"},
        {"algo": "SHA1", "counter": 0, "digits": 5, "issuerExt": "Steam", "label": "dave", "period": 30, "secret": signed(K[3]), "type": "TOTP",
         "imageAlt": "content://media/external/images/1"},
        {"algo": "SHA1", "counter": -1, "digits": 6, "issuerExt": "New", "label": "gina", "period": 30, "secret": signed(K[4]), "type": "HOTP"},
        {"algo": "SHA1", "counter": 0, "digits": 6, "issuerExt": "Empty", "label": "x", "period": 30, "secret": [], "type": "TOTP"},
    ]
    data = {"tokenOrder": ["ACME:alice@example.com", "Bank:carol", "Steam:dave", "New:gina", "Empty:x"], "tokens": toks}
    return [{
        "name": "freeotp-plus", "format": "freeotp-plus", "data": dumps(data),
        "tokens": [
            token("totp", K[0], issuer="ACME", account="alice@example.com"),
            token("hotp", K[2], "SHA512", 8, counter=10300, issuer="Bank", account="carol"),
            token("steam", K[3], issuer="Steam", account="dave", extras={"freeotp-plus.image": "content://media/external/images/1"}),
            token("hotp", K[4], counter=0, issuer="New", account="gina"),
        ],
        "skipped": [{"index": 4, "name": "Empty: x", "code": "INVALID_KEY"}],
    }]


def bitwarden_files():
    items = [
        {"id": "ffdea2cc-923d-47a0-be99-ae7800fd51e4", "organizationId": None, "folderId": "f1", "type": 1, "reprompt": 0, "name": "ACME login",
         "notes": "recovery codes in the safe", "favorite": True,
         "login": {"uris": [{"match": None, "uri": "https://acme.example"}], "username": "alice@example.com", "password": "hunter2-not-a-key",
                   "totp": otpauth("totp", K[0], "ACME", "alice@example.com")}, "collectionIds": None},
        {"id": "0f954b25-dbe9-4b38-b8ff-ae7800fd784d", "folderId": None, "type": 1, "name": "Bank", "notes": None, "favorite": False,
         "login": {"uris": None, "username": "bob", "password": None, "totp": b32(K[1]).lower()}},
        {"id": "b0f3aae6-f4da-49bc-b981-ae7800fd9467", "folderId": None, "type": 1, "name": "Steam", "notes": None, "favorite": False,
         "login": {"uris": None, "username": "dave", "password": None, "totp": "steam://" + b32(K[3])}},
        {"id": "c0f3aae6-f4da-49bc-b981-ae7800fd9468", "folderId": None, "type": 1, "name": "No 2FA", "notes": None, "favorite": False,
         "login": {"uris": None, "username": "x", "password": "y", "totp": None}},
        {"id": "d0f3aae6-f4da-49bc-b981-ae7800fd9469", "folderId": None, "type": 2, "name": "A note", "notes": "text", "favorite": False,
         "secureNote": {"type": 0}},
        {"id": "e0f3aae6-f4da-49bc-b981-ae7800fd946a", "folderId": None, "type": 1, "name": "Broken", "notes": None, "favorite": False,
         "login": {"uris": None, "username": "z", "password": None, "totp": "otpauth://totp/Broken:z?secret=JBSWY3DPEHPK3PXP&algorithm=MD5"}},
    ]
    data = {"encrypted": False, "folders": [{"id": "f1", "name": "Work"}], "items": items}
    tokens = [
        token("totp", K[0], issuer="ACME", account="alice@example.com", extras={"note": "recovery codes in the safe", "favorite": "true", "groups": groups("Work")}),
        token("totp", K[1], issuer="Bank", account="bob"),
        token("steam", K[3], issuer="Steam", account="dave"),
    ]
    files = [{"name": "bitwarden-json", "format": "bitwarden-json", "data": dumps(data, 2), "tokens": tokens,
              "skipped": [{"index": 5, "name": "Broken: z", "code": "INVALID_ALGORITHM"}]}]
    rows = [["folder", "favorite", "type", "name", "notes", "fields", "reprompt", "login_uri", "login_username", "login_password", "login_totp"],
            ["Work", "1", "login", "ACME login", "recovery codes, in the \"safe\"\nsecond line", "", "0", "https://acme.example", "alice@example.com", "hunter2", otpauth("totp", K[0], "ACME", "alice@example.com")],
            ["", "", "login", "Bank", "", "", "0", "", "bob", "", b32(K[1])],
            ["", "", "note", "A note", "text", "", "0", "", "", "", ""],
            ["", "", "login", "Steam", "", "", "0", "", "dave", "", "steam://" + b32(K[3])],
            ["", "", "login", "Broken", "", "", "0", "", "z", "", "not base32!"]]

    def cell(v):
        return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\r\n') else v
    csv = "\n".join(",".join(cell(v) for v in r) for r in rows) + "\n"
    files.append({"name": "bitwarden-csv", "format": "bitwarden-csv", "data": csv,
                  "tokens": [token("totp", K[0], issuer="ACME", account="alice@example.com",
                                   extras={"note": "recovery codes, in the \"safe\"\nsecond line", "favorite": "true", "groups": groups("Work")}),
                             token("totp", K[1], issuer="Bank", account="bob"),
                             token("steam", K[3], issuer="Steam", account="dave")],
                  "skipped": [{"index": 4, "name": "Broken: z", "code": "INVALID_BASE32"}]})
    return files


def proton_files():
    entries = [
        {"id": "a19e0019-47e3-4d3b-af63-6dad0cb49e31", "content": {"uri": otpauth("totp", K[0], "ACME", "alice@example.com"), "entry_type": "Totp", "name": "alice@example.com"}, "note": None},
        {"id": "4603c576-5d93-4c7f-8c26-bed6dc4493fc", "content": {"uri": otpauth("totp", K[1], "Ünïcødé Corp", "bob", "SHA256", 8, 60), "entry_type": "Totp", "name": "bob"}, "note": "desk drawer"},
        {"id": "4fae25ae-16ed-4f15-a887-3bbb50b34d5e", "content": {"uri": "steam://" + b32(K[3]), "entry_type": "Steam", "name": "dave"}, "note": None},
    ]
    return [{
        "name": "proton", "format": "proton", "data": dumps({"version": 1, "entries": entries}, 2),
        "tokens": [
            token("totp", K[0], issuer="ACME", account="alice@example.com", extras={"proton.id": "a19e0019-47e3-4d3b-af63-6dad0cb49e31"}),
            token("totp", K[1], "SHA256", 8, 60, issuer="Ünïcødé Corp", account="bob", extras={"note": "desk drawer", "proton.id": "4603c576-5d93-4c7f-8c26-bed6dc4493fc"}),
            token("steam", K[3], account="dave", extras={"proton.id": "4fae25ae-16ed-4f15-a887-3bbb50b34d5e"}),
        ],
        "skipped": [],
    }]


def uri_files():
    cd = json.dumps({"pinned": False, "trashed": False, "lastUsedAt": 0, "tapCount": 0, "tags": []}, separators=(",", ":"))
    ente = "\n".join([
        otpauth("hotp", K[2], "Bank", "carol", "SHA512", 8, counter=10300, extra=[("codeDisplay", cd)]),
        otpauth("totp", K[1], "Ünïcødé Corp", "bob", "SHA256", 7, 60, extra=[("codeDisplay", cd)]),
        "otpauth://steam/Steam:dave?secret=" + b32(K[3]) + "&issuer=Steam&algorithm=SHA1&digits=5&period=30&codeDisplay=" + urllib.parse.quote(cd, safe=""),
    ]) + "\n"
    uris = "\r\n".join([
        otpauth("totp", K[0], "ACME", "alice@example.com"),
        "",
        otpauth("steam", K[3], "Steam", "dave", digits=5),
        "this line is not a URI",
        otpauth("totp", K[6], None, "nameless", extra=[("image", "https://example.com/i.png")]),
    ]) + "\r\n"
    return [
        {"name": "ente", "format": "ente", "data": ente, "tokens": [
            token("hotp", K[2], "SHA512", 8, counter=10300, issuer="Bank", account="carol", extras={"codeDisplay": cd}),
            token("totp", K[1], "SHA256", 7, 60, issuer="Ünïcødé Corp", account="bob", extras={"codeDisplay": cd}),
            token("steam", K[3], issuer="Steam", account="dave", extras={"codeDisplay": cd}),
        ], "skipped": []},
        {"name": "uris", "format": "uris", "data": uris, "tokens": [
            token("totp", K[0], issuer="ACME", account="alice@example.com"),
            token("steam", K[3], issuer="Steam", account="dave"),
            token("totp", K[6], account="nameless", extras={"image": "https://example.com/i.png"}),
        ], "skipped": [{"index": 2, "code": "INVALID_URI"}]},
    ]


def steam_files():
    ma = {"shared_secret": base64.b64encode(K[3]).decode(), "serial_number": "12345678901234567890", "revocation_code": "R12345",
          "uri": "otpauth://totp/Steam:dave?secret=" + b32(K[3]) + "&issuer=Steam", "server_time": 1700000000, "account_name": "dave",
          "token_gid": "2a7e11b2c3d4e5f6", "identity_secret": base64.b64encode(key(90, 20)).decode(), "secret_1": base64.b64encode(key(91, 20)).decode(),
          "status": 1, "device_id": "android:00000000-0000-0000-0000-000000000000", "fully_enrolled": True,
          "Session": {"SessionID": "0123456789abcdef", "SteamLogin": "x", "SteamLoginSecure": "y", "WebCookie": "z", "OAuthToken": "t", "SteamID": 76561197960287930}}
    app = {"accounts": {"dave": {"steamid": "76561197960287930", "shared_secret": base64.b64encode(K[3]).decode(), "serial_number": "12345678901234567890",
                                 "revocation_code": "R12345", "account_name": "dave", "identity_secret": base64.b64encode(key(90, 20)).decode(), "status": 1},
                        "eve": {"steamid": "1", "shared_secret": "", "account_name": "eve"}}}
    return [
        {"name": "steam-mafile", "format": "steam", "data": dumps(ma, 2), "tokens": [
            token("steam", K[3], issuer="Steam", account="dave", serial="12345678901234567890", extras={"steam.steamid": "76561197960287930"})], "skipped": []},
        {"name": "steam-app", "format": "steam", "data": dumps(app), "tokens": [
            token("steam", K[3], issuer="Steam", account="dave", serial="12345678901234567890", extras={"steam.steamid": "76561197960287930"})],
         "skipped": [{"index": 1, "name": "eve", "code": "INVALID_KEY"}]},
    ]


# ---- Google Authenticator's export: a protobuf MigrationPayload (shared/FORMATS.md) --------------
def varint(n):
    n &= (1 << 64) - 1
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def field(num, wire, payload):
    return varint(num << 3 | wire) + (varint(len(payload)) + payload if wire == 2 else varint(payload))


ALG_ENUM = {"SHA1": 1, "SHA256": 2, "SHA512": 3}


def migration(accounts, batch_size, batch_index, batch_id):
    out = b""
    for a in accounts:
        p = field(1, 2, a["key"]) + field(2, 2, a["name"].encode()) + (field(3, 2, a["issuer"].encode()) if a.get("issuer") else b"")
        p += field(4, 0, a.get("alg", 1)) + field(5, 0, a.get("digits", 1)) + field(6, 0, a["type"])
        if a["type"] == 1:
            p += field(7, 0, a["counter"])
        out += field(1, 2, p)
    out += field(2, 0, 1) + field(3, 0, batch_size) + field(4, 0, batch_index) + field(5, 0, batch_id)
    return "otpauth-migration://offline?data=" + urllib.parse.quote(base64.b64encode(out).decode(), safe="")


def google_files():
    line1 = migration([{"key": K[0], "name": "ACME:alice@example.com", "issuer": "ACME", "type": 2},
                       {"key": K[2], "name": "Bank:carol", "issuer": "Bank", "alg": 3, "digits": 2, "type": 1, "counter": 10300}], 2, 0, -123456789)
    line2 = migration([{"key": K[1], "name": "bob", "type": 2, "alg": 2, "digits": 2},
                       {"key": K[5], "name": "md5 account", "type": 2, "alg": 4}], 2, 1, -123456789)
    return [{"name": "google", "format": "google", "data": line1 + "\n" + line2 + "\n", "tokens": [
        token("totp", K[0], issuer="ACME", account="alice@example.com"),
        token("hotp", K[2], "SHA512", 8, counter=10300, issuer="Bank", account="carol"),
        token("totp", K[1], "SHA256", 8, account="bob"),
    ], "skipped": [{"index": 3, "name": "md5 account", "code": "INVALID_ALGORITHM"}]}]


# ---- Reading oathkit's files (the other direction) ----------------------------------------------
def from_uri(uri):
    p = urllib.parse.urlsplit(uri)
    assert p.scheme == "otpauth", uri
    typ = p.netloc.lower()
    q = dict(urllib.parse.parse_qsl(p.query, keep_blank_values=True))
    label = urllib.parse.unquote(p.path[1:])
    issuer = q.pop("issuer", None)
    account = label.split(":", 1)[1].lstrip(" ") if ":" in label else label
    if issuer is None and ":" in label:
        issuer = label.split(":", 1)[0]
    steam = typ == "steam" or q.get("encoder", "").lower() == "steam"
    q.pop("encoder", None) if steam else None
    secret = q.pop("secret")
    k = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    kind = "steam" if steam else typ
    algorithm = q.pop("algorithm", "SHA1").upper().replace("-", "")
    digits = int(q.pop("digits", "5" if steam else "6"))
    period = int(q.pop("period", "30")) if kind != "hotp" else 30
    counter = int(q.pop("counter", "0")) if kind == "hotp" else 0
    return token(kind, k, algorithm, digits, period, counter, issuer, account, extras=q or None)


def read_aegis(text):
    v = json.loads(text)
    assert v["version"] == 1 and v["header"]["slots"] is None and v["db"]["version"] in (1, 2, 3)
    names = {g["uuid"]: g["name"] for g in v["db"].get("groups", [])}
    out = []
    for e in v["db"]["entries"]:
        i = e["info"]
        ex = {}
        if e.get("note"):
            ex["note"] = e["note"]
        if e.get("favorite"):
            ex["favorite"] = "true"
        gs = [names[u] for u in e.get("groups", []) if u in names]
        if gs:
            ex["groups"] = groups(*gs)
        if e.get("uuid"):
            ex["aegis.uuid"] = e["uuid"]
        if e.get("icon") is not None:
            ex["aegis.icon"] = e["icon"]
            ex["aegis.icon_mime"] = e["icon_mime"]
        k = base64.b32decode(i["secret"] + "=" * (-len(i["secret"]) % 8))
        out.append(token(e["type"], k, i["algo"], i["digits"], i.get("period", 30), i.get("counter", 0), e["issuer"], e["name"], extras=ex or None))
    return out


def read_2fas(text):
    v = json.loads(text)
    assert v["schemaVersion"] == 4 and "servicesEncrypted" not in v
    gnames = {g["id"]: g["name"] for g in v["groups"]}
    out = []
    for s in v["services"]:
        o = s["otp"]
        ex = {}
        if s.get("groupId") in gnames:
            ex["groups"] = groups(gnames[s["groupId"]])
        # README, Backups: without an otpauth issuer the service name stands for it, unless it merely
        # repeats the account (what 2FAS shows for a token without issuer).
        issuer = o.get("issuer") or (s["name"] if s["name"] != o.get("account") else None)
        if s["name"] != (issuer or o.get("account")):
            ex["2fas.name"] = s["name"]
        k = base64.b32decode(s["secret"] + "=" * (-len(s["secret"]) % 8))
        kind = {"TOTP": "totp", "HOTP": "hotp", "STEAM": "steam"}[o["tokenType"]]
        out.append(token(kind, k, o["algorithm"], o["digits"], o.get("period", 30), o.get("counter", 0), issuer, o.get("account"), extras=ex or None))
    return out


def read_andotp(text):
    out = []
    for e in json.loads(text):
        k = base64.b32decode(e["secret"].upper())
        kind = e["type"].lower()
        ex = {}
        if e["tags"]:
            ex["groups"] = groups(*e["tags"])
        if e["thumbnail"] != "Default":
            ex["andotp.thumbnail"] = e["thumbnail"]
        for f in ("last_used", "used_frequency"):
            if e[f]:
                ex["andotp." + f] = str(e[f])
        out.append(token(kind, k, e["algorithm"], e["digits"], e.get("period", 30), e.get("counter", 0), e["issuer"], e["label"], extras=ex or None))
    return out


def read_migration_line(line):
    q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(line).query))
    data = base64.b64decode(q["data"])
    out = []

    def fields(buf):
        i = 0
        while i < len(buf):
            tag, i = read_varint(buf, i)
            num, wire = tag >> 3, tag & 7
            if wire == 0:
                val, i = read_varint(buf, i)
            else:
                n, i = read_varint(buf, i)
                val, i = buf[i:i + n], i + n
            yield num, val

    for num, val in fields(data):
        if num != 1:
            continue
        a = dict(fields(val))
        name = a[2].decode()
        issuer = a.get(3, b"").decode() or None
        account = name.split(":", 1)[1].lstrip(" ") if ":" in name else name
        if issuer is None and ":" in name:
            issuer = name.split(":", 1)[0]
        kind = "hotp" if a.get(6) == 1 else "totp"
        out.append(token(kind, a[1], {0: "SHA1", 1: "SHA1", 2: "SHA256", 3: "SHA512"}[a.get(4, 0)], 8 if a.get(5) == 2 else 6,
                         30, a.get(7, 0), issuer, account))
    return out


def read_varint(buf, i):
    n = shift = 0
    while True:
        b = buf[i]
        i += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return n, i


def read(fmt, text):
    if fmt == "aegis":
        return read_aegis(text)
    if fmt == "2fas":
        return read_2fas(text)
    if fmt == "andotp":
        return read_andotp(text)
    lines = [l for l in text.splitlines() if l]
    if fmt == "uris":
        return [from_uri(l) for l in lines]
    if fmt == "google":
        return [t for l in lines for t in read_migration_line(l)]
    raise SystemExit(f"unknown format {fmt}")


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "read":
        print(json.dumps(read(sys.argv[2], sys.stdin.read()), ensure_ascii=False, sort_keys=True))
        return
    files = aegis_files() + twofas_files() + andotp_files() + authpro_files() + freeotp_files() + bitwarden_files() + proton_files() + uri_files() + steam_files() + google_files()
    doc = {
        "description": "Plain backup files of authenticator apps, each written by vectors/cross/backup.py from the app's own format description, with the tokens and skipped entries readBackup must give (README, Backups). Keys are bytes of a fixed SHA-256 stream.",
        "files": files,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(files)} files, {sum(len(f['tokens']) for f in files)} tokens, {sum(len(f['skipped']) for f in files)} skipped entries to {OUT}")


if __name__ == "__main__":
    main()
