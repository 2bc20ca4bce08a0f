#!/usr/bin/python3
"""Encrypted backups of authenticator apps, written and read by a second implementation.

    /usr/bin/python3 vectors/cross/backup_crypto.py             # regenerates vectors/backup-crypto.json
    /usr/bin/python3 vectors/cross/backup_crypto.py open FORMAT PASSWORD < FILE

The first form writes encrypted Aegis, 2FAS, andOTP and Authenticator Pro files, every variant,
with each one's expected plain text and, for damaged or hostile files, the error code oathkit must
give. The second decrypts a file (Aegis, 2FAS, andOTP new or old format) read from standard input
and prints {"payload": the decrypted text, "outer": the rest of the JSON file or null}: the test
suite runs it on files sealed by oathkit.

Only Debian's python3-cryptography (scrypt, PBKDF2, AES-GCM, AES-CBC: OpenSSL underneath) and
python3-argon2 (argon2-cffi, the reference C Argon2) do the cryptography, from the formats as
described in vectors/README.md ("Encrypted backups", with the apps' sources cited); oathkit's code
is never consulted. Salts, nonces, master keys and UUIDs come from a fixed SHA-256 stream, so a
rerun reproduces the file byte for byte (`.ci/run` checks that).

    apt-get install -y python3-cryptography python3-argon2
"""
import base64
import hashlib
import json
import os
import struct
import subprocess
import sys

import argon2
import cryptography
from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "backup-crypto.json")

# 2fas-android data/services/.../BackupContent.kt, `Reference`.
TWOFAS_REFERENCE = (
    "tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd"
)


# ---- the primitives ----------------------------------------------------------------------------

def stream(label, n):
    """n deterministic bytes for `label` (SHA-256 blocks of 'oathkit-backup-<label>-<i>')."""
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(f"oathkit-backup-{label}-{i}".encode()).digest()
        i += 1
    return out[:n]


def scrypt(password, salt, n, r, p):
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(password.encode("utf-8"))


def pbkdf2(algorithm, password, salt, iterations, length=32):
    return PBKDF2HMAC(algorithm=algorithm, length=length, salt=salt, iterations=iterations).derive(password.encode("utf-8"))


def gcm_seal(key, nonce, data):
    """AES-GCM: ciphertext followed by the 16-byte tag."""
    return AESGCM(key).encrypt(nonce, data, None)


def gcm_open(key, nonce, sealed):
    return AESGCM(key).decrypt(nonce, sealed, None)


def flip(data, index):
    """`data` with one bit of the byte at `index` changed (a damaged file)."""
    b = bytearray(data)
    b[index] ^= 0x01
    return bytes(b)


def b64(data):
    return base64.b64encode(data).decode()


def obj(pairs, indent=None):
    """A JSON object's text from (key, raw value text) pairs: compact, or one member a line."""
    if indent is None:
        return "{" + ",".join(json.dumps(k) + ":" + v for k, v in pairs) + "}"
    pad = " " * indent
    return "{\n" + ",\n".join(pad + json.dumps(k) + ": " + v for k, v in pairs) + "\n}"


def pretty(value, indent, level):
    """json.dumps with `indent`, its lines after the first shifted to nesting `level`."""
    return json.dumps(value, indent=indent, ensure_ascii=False).replace("\n", "\n" + " " * (indent * level))


def plain_of(pairs, replace):
    """The plain file oathkit must give: members in order, compact between them, values exact;
    `replace` maps a key to its new raw text, or to None to drop it."""
    out = []
    for k, v in pairs:
        if k in replace:
            if replace[k] is not None:
                out.append((k, replace[k]))
        else:
            out.append((k, v))
    return obj(out)


# ---- Aegis (docs/vault.md) ---------------------------------------------------------------------

AEGIS_DB = {
    "version": 3,
    "entries": [
        {"type": "totp", "uuid": "3c51a7d2-51f4-4e3e-9f3c-6c1a3f1c2b10", "name": "alice@example.com", "issuer": "Example",
         "note": "", "favorite": False, "icon": None, "icon_mime": None, "icon_hash": None,
         "info": {"secret": "JBSWY3DPEHPK3PXP", "algo": "SHA1", "digits": 6, "period": 30}, "groups": []},
        {"type": "hotp", "uuid": "8f0e4a43-9b49-4d8e-a1b6-1e9b6c0f9e21", "name": "bob", "issuer": "Zürich Bank ☃",
         "note": "counter at 2^63-1", "favorite": True, "icon": None, "icon_mime": None, "icon_hash": None,
         "info": {"secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "algo": "SHA256", "digits": 8, "counter": 9223372036854775807},
         "groups": ["5a0b7c8e-1f2d-4c3b-9a8e-7d6c5b4a3f21"]},
        {"type": "steam", "uuid": "0d5b1f7e-6a4c-4b8e-9c2d-3e1f0a9b8c7d", "name": "gamer", "issuer": "Steam",
         "note": "", "favorite": False, "icon": None, "icon_mime": None, "icon_hash": None,
         "info": {"secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "algo": "SHA1", "digits": 5, "period": 30}, "groups": []},
    ],
    "groups": [{"uuid": "5a0b7c8e-1f2d-4c3b-9a8e-7d6c5b4a3f21", "name": "Bank"}],
}


def aegis_uuid(label):
    h = bytearray(stream(label, 16))
    h[6] = (h[6] & 0x0F) | 0x40
    h[8] = (h[8] & 0x3F) | 0x80
    h = h.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def aegis_slot(label, master, slot_type, password=None, n=2**15, r=8, p=1, is_backup=False):
    """A slot as Aegis's Slot/PasswordSlot.toJson write it: the master key wrapped with AES-GCM
    under scrypt(password) (type 1) or under a key that stays on the phone (types 0 and 2)."""
    nonce = stream(label + "-nonce", 12)
    if slot_type == 1:
        salt = stream(label + "-salt", 32)
        wrap_key = scrypt(password, salt, n, r, p)
    else:
        wrap_key = stream(label + "-keystore", 32)
    sealed = gcm_seal(wrap_key, nonce, master)
    slot = {"type": slot_type, "uuid": aegis_uuid(label), "key": sealed[:-16].hex(),
            "key_params": {"nonce": nonce.hex(), "tag": sealed[-16:].hex()}}
    if slot_type == 1:
        slot.update({"n": n, "r": r, "p": p, "salt": salt.hex(), "repaired": True, "is_backup": is_backup})
    return slot


def aegis_file(label, db_text, slots_of, indent=None, escape_slash=False, damage_db=False):
    """An encrypted vault; returns (file text, expected plain text)."""
    master = stream(label + "-master", 32)
    nonce = stream(label + "-db-nonce", 12)
    sealed = gcm_seal(master, nonce, db_text.encode("utf-8"))
    if damage_db:
        sealed = flip(sealed, 5)
    header = {"slots": slots_of(master), "params": {"nonce": nonce.hex(), "tag": sealed[-16:].hex()}}
    db = json.dumps(b64(sealed[:-16]))
    if escape_slash:  # Java's JSONObject writes '/' as '\/'
        db = db.replace("/", "\\/")
    pairs = [("version", "1"),
             ("header", pretty(header, indent, 1) if indent else json.dumps(header, separators=(",", ":"))),
             ("db", db)]
    return obj(pairs, indent), plain_of(pairs, {"header": '{"slots":null,"params":null}', "db": db_text})


def aegis_open(text, password):
    vault = json.loads(text)
    master = None
    for slot in vault["header"]["slots"]:
        if slot["type"] != 1:
            continue
        key = scrypt(password, bytes.fromhex(slot["salt"]), slot["n"], slot["r"], slot["p"])
        try:
            master = gcm_open(key, bytes.fromhex(slot["key_params"]["nonce"]), bytes.fromhex(slot["key"] + slot["key_params"]["tag"]))
            break
        except cryptography.exceptions.InvalidTag:
            pass
    if master is None:
        raise SystemExit("aegis: no password slot opens")
    params = vault["header"]["params"]
    db = gcm_open(master, bytes.fromhex(params["nonce"]), base64.b64decode(vault["db"]) + bytes.fromhex(params["tag"]))
    outer = {k: v for k, v in vault.items() if k not in ("header", "db")}
    outer["header_slots"] = len(vault["header"]["slots"])
    return db.decode("utf-8"), outer


# ---- 2FAS (2fas-android core/cipher, data/services) --------------------------------------------

TWOFAS_SERVICES = [
    {"name": "Example", "secret": "JBSWY3DPEHPK3PXP", "updatedAt": 1702934567518,
     "otp": {"link": "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example", "label": "alice", "account": "alice",
             "issuer": "Example", "digits": 6, "period": 30, "algorithm": "SHA1", "counter": 0, "tokenType": "TOTP", "source": "Link"},
     "order": {"position": 0}, "icon": {"selected": "Label", "label": {"text": "EX", "backgroundColor": "Orange"},
                                        "iconCollection": {"id": "a5b3fb65-4ec5-43e6-8ec1-49e24ca9e7ad"}}, "groupId": "g1"},
    {"name": "Ærø Bank", "secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "updatedAt": 1702934567600,
     "otp": {"label": "bob", "account": "bob", "issuer": "Ærø Bank", "digits": 8, "period": 60, "algorithm": "SHA256",
             "counter": 9007199254740993, "tokenType": "HOTP", "source": "Manual"},
     "order": {"position": 1}},
]


def twofas_field(key, salt, nonce, text):
    sealed = gcm_seal(key, nonce, text.encode("utf-8"))
    return f"{b64(sealed)}:{b64(salt)}:{b64(nonce)}", sealed


def twofas_file(label, password, schema, reference=True, indent=None, damage=False, iv_length=12, iterations=10000):
    """An encrypted 2FAS file: returns (file text, expected plain text). As BackupCipherImpl: one
    256-byte salt and PBKDF2-HMAC-SHA256 key for both fields, a fresh 12-byte nonce for each."""
    salt = stream(label + "-salt", 256)
    key = pbkdf2(hashes.SHA256(), password, salt, iterations)
    services_text = json.dumps(TWOFAS_SERVICES, separators=(",", ":"), ensure_ascii=False)
    enc, sealed = twofas_field(key, salt, stream(label + "-iv", iv_length), services_text)
    if damage:
        enc = f"{b64(flip(sealed, 3))}:{b64(salt)}:{b64(stream(label + '-iv', iv_length))}"
    groups = [{"id": "g1", "name": "Work", "isExpanded": True, "updatedAt": 1702934000000}]
    pairs = [("services", "[]"),
             ("groups", pretty(groups, indent, 1) if indent else json.dumps(groups, separators=(",", ":"))),
             ("updatedAt", "1702934782660"), ("schemaVersion", str(schema)), ("appVersionCode", "5000009"),
             ("appVersionName", '"5.1.0"'), ("appOrigin", '"android"'), ("servicesEncrypted", json.dumps(enc))]
    if reference:
        ref, _ = twofas_field(key, salt, stream(label + "-ref-iv", 12), TWOFAS_REFERENCE)
        pairs.append(("reference", json.dumps(ref)))
    return obj(pairs, indent), plain_of(pairs, {"services": services_text, "servicesEncrypted": None, "reference": None})


def twofas_open(text, password):
    backup = json.loads(text)
    data, salt, iv = map(base64.b64decode, backup["servicesEncrypted"].split(":"))
    key = pbkdf2(hashes.SHA256(), password, salt, 10000)
    services = gcm_open(key, iv, data).decode("utf-8")
    reference_ok = None
    if backup.get("reference"):
        rdata, rsalt, riv = map(base64.b64decode, backup["reference"].split(":"))
        reference_ok = gcm_open(pbkdf2(hashes.SHA256(), password, rsalt, 10000), riv, rdata).decode() == TWOFAS_REFERENCE
    outer = {k: v for k, v in backup.items() if k not in ("servicesEncrypted", "reference", "services")}
    outer["services_left"] = backup.get("services")
    outer["reference_ok"] = reference_ok
    return services, outer


# ---- andOTP (BackupHelper, EncryptionHelper, EncryptedRestoreTask) -----------------------------

ANDOTP_ENTRIES = [
    {"secret": "JBSWY3DPEHPK3PXP", "issuer": "Example", "label": "alice", "digits": 6, "type": "TOTP", "algorithm": "SHA1",
     "thumbnail": "Default", "last_used": 1602934567518, "used_frequency": 3, "period": 30, "tags": ["work"]},
    {"secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "issuer": "Ærø", "label": "bob", "digits": 8, "type": "HOTP",
     "algorithm": "SHA512", "thumbnail": "Default", "last_used": 0, "used_frequency": 0, "counter": 9223372036854775807, "tags": []},
    {"secret": "AAAQEAYEAUDAOCAJ", "issuer": "Steam", "label": "gamer", "digits": 5, "type": "STEAM", "algorithm": "SHA1",
     "thumbnail": "Steam", "last_used": 0, "used_frequency": 0, "period": 30, "tags": []},
]


def andotp_new(label, password, plain, iterations):
    """iterations (4 bytes big-endian) || salt (12) || nonce (12) || AES-256-GCM(PBKDF2-HMAC-SHA1)."""
    salt = stream(label + "-salt", 12)
    nonce = stream(label + "-nonce", 12)
    key = pbkdf2(hashes.SHA1(), password, salt, iterations)
    return struct.pack(">I", iterations) + salt + nonce + gcm_seal(key, nonce, plain.encode("utf-8"))


def andotp_old(label, password, plain):
    """nonce (12) || AES-256-GCM under SHA-256(password)."""
    nonce = stream(label + "-nonce", 12)
    key = hashlib.sha256(password.encode("utf-8")).digest()
    return nonce + gcm_seal(key, nonce, plain.encode("utf-8"))


def andotp_open(data, password):
    iterations = struct.unpack(">I", data[:4])[0]
    # An old-format file starts with its random nonce: read as a count it is usually huge, so the
    # newer format is tried only for counts andOTP could have written (with room).
    if 1 <= iterations <= 10_000_000:
        try:
            key = pbkdf2(hashes.SHA1(), password, data[4:16], iterations)
            return gcm_open(key, data[16:28], data[28:]).decode("utf-8"), {"variant": "andotp"}
        except cryptography.exceptions.InvalidTag:
            pass
    key = hashlib.sha256(password.encode("utf-8")).digest()
    return gcm_open(key, data[:12], data[12:]).decode("utf-8"), {"variant": "andotp-old"}


# ---- Authenticator Pro / Stratum (Stratum.Core Backup/Encryption) ------------------------------

STRATUM_BACKUP = {
    "Authenticators": [
        {"Type": 2, "Icon": "google", "Issuer": "Google", "Username": "alice@gmail.com", "Secret": "JBSWY3DPEHPK3PXP",
         "Pin": None, "Algorithm": 0, "Digits": 6, "Period": 30, "Counter": 0, "Ranking": 0, "CopyCount": 10},
        {"Type": 1, "Icon": None, "Issuer": "Ærø", "Username": None, "Secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
         "Pin": None, "Algorithm": 2, "Digits": 8, "Period": 30, "Counter": 42, "Ranking": 1, "CopyCount": 0},
    ],
    "Categories": [{"Id": "a8323a2a", "Name": "Web", "Ranking": 0}],
    "AuthenticatorCategories": [{"CategoryId": "a8323a2a", "AuthenticatorSecret": "JBSWY3DPEHPK3PXP", "Ranking": 0}],
    "CustomIcons": [],
}


def stratum_strong(label, password, plain):
    """"AUTHENTICATORPRO" || salt (16) || nonce (12) || AES-256-GCM under Argon2id(m 64 MiB, t 3, p 4)."""
    salt = stream(label + "-salt", 16)
    nonce = stream(label + "-nonce", 12)
    key = hash_secret_raw(password.encode("utf-8"), salt, time_cost=3, memory_cost=65536, parallelism=4, hash_len=32,
                          type=Type.ID, version=19)
    return b"AUTHENTICATORPRO" + salt + nonce + gcm_seal(key, nonce, plain.encode("utf-8"))


def stratum_legacy(label, password, plain):
    """"AuthenticatorPro" || salt (20) || iv (16) || AES-256-CBC/PKCS#7 under PBKDF2-HMAC-SHA1 x 64,000."""
    salt = stream(label + "-salt", 20)
    iv = stream(label + "-iv", 16)
    key = pbkdf2(hashes.SHA1(), password, salt, 64000)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain.encode("utf-8")) + padder.finalize()
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return b"AuthenticatorPro" + salt + iv + enc.update(padded) + enc.finalize()


# ---- the vectors -------------------------------------------------------------------------------

def deb_version(package):
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True).stdout


def generate():
    cases = []

    def add(name, fmt, password, file, plain=None, variant=None, error=None, note=""):
        case = {"name": name, "format": fmt, "password": password}
        if isinstance(file, bytes):
            case["file_base64"] = b64(file)
        else:
            case["file"] = file
        if error is None:
            case["variant"] = variant
            case["plain"] = plain
        else:
            case["error"] = error
        if note:
            case["note"] = note
        cases.append(case)

    # Aegis. The db as Aegis writes it (JSONObject.toString(4)); the vault envelope indented 4.
    db_text = json.dumps(AEGIS_DB, indent=4, ensure_ascii=False)

    def three_slots(master):
        return [aegis_slot("a1-bio", master, 2), aegis_slot("a1-pw", master, 1, "test"),
                aegis_slot("a1-backup", master, 1, "backup pässword", is_backup=True)]

    file, plain = aegis_file("a1", db_text, three_slots, indent=4, escape_slash=True)
    add("aegis: biometric slot first, then the password slot", "aegis", "test", file, plain, "aegis",
        note="the biometric slot (type 2) is skipped; db's base64 has Java's '\\/' escapes")
    add("aegis: the same vault opened by its second password slot (is_backup)", "aegis", "backup pässword", file, plain, "aegis")
    add("aegis: the same vault, a wrong password", "aegis", "tesT", file, error="BACKUP_PASSWORD")

    long_pw = "correct horse battery staple " * 3 + "✓"
    compact_db = json.dumps({"version": 3, "entries": [], "groups": []}, separators=(",", ":"))
    file, plain = aegis_file("a2", compact_db, lambda m: [aegis_slot("a2-pw", m, 1, long_pw)])
    add(f"aegis: a {len(long_pw.encode())}-byte password (scrypt's HMAC key is hashed), compact JSON", "aegis", long_pw, file,
        plain, "aegis")

    file, _ = aegis_file("a3", compact_db, lambda m: [aegis_slot("a3-bio", m, 2), aegis_slot("a3-raw", m, 0)])
    add("aegis: only biometric and raw slots", "aegis", "test", file, error="INVALID_BACKUP",
        note="no slot can be opened with a password")
    file, _ = aegis_file("a4", compact_db, lambda m: [aegis_slot("a4-pw", m, 1, "test")], damage_db=True)
    add("aegis: the password opens the slot, the content is damaged", "aegis", "test", file, error="INVALID_BACKUP")
    file, _ = aegis_file("a5", compact_db, lambda m: [aegis_slot("a5-pw", m, 1, "test", n=2**2)])
    hostile = json.loads(file)
    hostile["header"]["slots"][0]["n"] = 2**20  # 128·N·r = 1 GiB: refused before deriving
    add("aegis: scrypt n = 2^20, r = 8 (1 GiB) in the slot", "aegis", "test", json.dumps(hostile), error="INVALID_BACKUP")
    hostile["header"]["slots"][0]["n"] = 2**14
    hostile["header"]["slots"][0]["r"] = 1
    hostile["header"]["slots"][0]["p"] = 2**10  # work n·r·p = 2^24 > 2^22
    add("aegis: scrypt p = 1024 (work 2^24) in the slot", "aegis", "test", json.dumps(hostile), error="INVALID_BACKUP")
    hostile["header"]["slots"] = None
    hostile["header"]["params"] = None
    add("aegis: a plain vault given as encrypted", "aegis", "test", json.dumps(hostile), error="INVALID_BACKUP")

    # 2FAS.
    file, plain = twofas_file("t1", "test", 4)
    add("2fas: schema 4 as the app writes it (compact, reference)", "2fas", "test", file, plain, "2fas")
    add("2fas: schema 4, a wrong password", "2fas", "Test", file, error="BACKUP_PASSWORD")
    file, plain = twofas_file("t2", "pässwörd ☃", 2, indent=2)
    add("2fas: schema 2, indented, a non-ASCII password", "2fas", "pässwörd ☃", file, plain, "2fas")
    file, plain = twofas_file("t3", "test", 4, reference=False)
    add("2fas: no reference field", "2fas", "test", file, plain, "2fas")
    file, _ = twofas_file("t4", "test", 4, damage=True)
    add("2fas: reference opens, servicesEncrypted damaged", "2fas", "test", file, error="INVALID_BACKUP",
        note="the reference field proves the password right")
    file, _ = twofas_file("t5", "test", 4, reference=False, damage=True)
    add("2fas: no reference, servicesEncrypted damaged", "2fas", "test", file, error="BACKUP_PASSWORD",
        note="without reference GCM cannot tell a damaged file from a wrong password")
    file, _ = twofas_file("t6", "test", 4, iv_length=16)
    add("2fas: a 16-byte iv", "2fas", "test", file, error="INVALID_BACKUP")

    # andOTP.
    entries = json.dumps(ANDOTP_ENTRIES, separators=(",", ":"), ensure_ascii=False)
    add("andotp: new format, 150,000 iterations", "andotp", "test", andotp_new("o1", "test", entries, 150000), entries, "andotp")
    add("andotp: new format, non-ASCII password, 140,000 iterations", "andotp", "pässwörd ☃",
        andotp_new("o2", "pässwörd ☃", entries, 140000), entries, "andotp")
    add("andotp: old format (SHA-256 of the password)", "andotp", "test", andotp_old("o3", "test", entries), entries, "andotp-old")
    add("andotp: new format, a wrong password", "andotp", "tesT", andotp_new("o4", "test", entries, 150000), error="BACKUP_PASSWORD")
    add("andotp: old format, a wrong password", "andotp", "tesT", andotp_old("o5", "test", entries), error="BACKUP_PASSWORD")
    add("andotp: 2,000,000 iterations in the header", "andotp", "test", andotp_new("o6", "test", entries, 2000000),
        error="BACKUP_PASSWORD", note="above the limit: only the old format is tried, and it fails")
    add("andotp: 20 bytes", "andotp", "test", stream("o7", 20), error="INVALID_BACKUP")

    # Authenticator Pro / Stratum (Newtonsoft.Json writes compact JSON).
    backup = json.dumps(STRATUM_BACKUP, separators=(",", ":"), ensure_ascii=False)
    add("authenticator-pro: Argon2id + AES-GCM", "authenticator-pro", "test", stratum_strong("s1", "test", backup), backup,
        "authenticator-pro")
    add("authenticator-pro: Argon2id, a wrong password", "authenticator-pro", "tesT", stratum_strong("s2", "test", backup),
        error="BACKUP_PASSWORD")
    add("authenticator-pro: legacy PBKDF2-SHA1 + AES-CBC", "authenticator-pro", "pässwörd ☃",
        stratum_legacy("s3", "pässwörd ☃", backup), backup, "authenticator-pro-legacy")
    add("authenticator-pro: legacy, a wrong password", "authenticator-pro", "tesT", stratum_legacy("s4", "test", backup),
        error="BACKUP_PASSWORD", note="no MAC: bad padding or text that is not JSON")
    add("authenticator-pro: header only", "authenticator-pro", "test", b"AUTHENTICATORPRO" + stream("s5", 20),
        error="INVALID_BACKUP")

    # Every file that should open must open here too (the script checks itself).
    for case in cases:
        if "error" in case or case["format"] == "authenticator-pro":
            continue
        data = case.get("file") or base64.b64decode(case["file_base64"])
        opener = {"aegis": aegis_open, "2fas": twofas_open, "andotp": andotp_open}[case["format"]]
        payload, _ = opener(data, case["password"])
        assert payload in case["plain"], case["name"]

    doc = {
        "source": "vectors/cross/backup_crypto.py: a second implementation from the formats' descriptions (vectors/README.md)",
        "tools": {
            "python3-cryptography": deb_version("python3-cryptography") or cryptography.__version__,
            "python3-argon2": deb_version("python3-argon2") or argon2.__version__,
        },
        "cases": cases,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")


def open_main(fmt, password):
    data = sys.stdin.buffer.read()
    if fmt == "aegis":
        payload, outer = aegis_open(data.decode("utf-8"), password)
    elif fmt == "2fas":
        payload, outer = twofas_open(data.decode("utf-8"), password)
    elif fmt == "andotp":
        payload, outer = andotp_open(data, password)
    else:
        raise SystemExit(f"unknown format {fmt}")
    json.dump({"payload": payload, "outer": outer}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "open":
        open_main(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 1:
        generate()
    else:
        raise SystemExit(__doc__)
