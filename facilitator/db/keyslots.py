"""Key slots: the database's random data key, wrapped once per account and once by a recovery key.

The encrypted database is opened with a random 256-bit *data key* given to SQLCipher as a raw key,
so opening a connection costs no key derivation. The data key itself is stored only wrapped:
each account's password is stretched with Argon2id into a key-encryption key that seals the data
key with AES-256-GCM in that account's slot; a recovery key printed at set-up seals it once more.
Changing a password re-wraps one slot; the database is never re-encrypted.

The slots live in a small JSON file beside the database (``<database>.keys``): the database cannot
hold them, since they are needed to open it. Usernames are staff, not patients: no PHI is here.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from facilitator.errors import UserError

KEYFILE_FORMAT = "facilitator-keyfile"
KEYFILE_VERSION = 1
DATA_KEY_BYTES = 32
RECOVERY_KEY_BYTES = 20  # 160 random bits, printed as 8 groups of 4 base32 characters


@dataclass(frozen=True)
class KdfParams:
    """Argon2id settings for one slot; stored with the slot so they can be raised later.

    The defaults follow RFC 9106's second recommended option (64 MiB, 3 passes) with 2 lanes for
    the 2-core laptops clinics use: about 0.1 s a derivation, so unlocking stays well under 0.5 s.
    """

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 2
    salt: str = ""

    @classmethod
    def fresh(cls, template: KdfParams | None = None) -> KdfParams:
        base = template or cls()
        return replace(base, salt=_b64(os.urandom(16)))

    def derive(self, secret: bytes) -> bytes:
        from argon2.low_level import Type, hash_secret_raw  # imported when a key is made, not at start-up

        return hash_secret_raw(secret, _unb64(self.salt), self.time_cost, self.memory_kib,
                               self.parallelism, 32, Type.ID)


@dataclass(frozen=True)
class Slot:
    """The data key sealed by one secret (an account's password, or the recovery key)."""

    kind: str  # "password" or "recovery"
    username: str
    kdf: KdfParams
    nonce: str
    wrapped: str
    failed: int = 0
    not_before: str | None = None  # ISO time before which no new attempt is accepted (backoff)


@dataclass
class KeyFile:
    """The slots of one database, plus counters that must work before the database is open."""

    database_id: str
    slots: list[Slot] = field(default_factory=list)
    demo: bool = False
    pending_audit: list[dict[str, str]] = field(default_factory=list)

    def slot_for(self, username: str) -> Slot | None:
        return next((s for s in self.slots if s.kind == "password" and s.username == username), None)

    def recovery_slot(self) -> Slot | None:
        return next((s for s in self.slots if s.kind == "recovery"), None)

    def replace_slot(self, new: Slot) -> None:
        self.slots = [s for s in self.slots if (s.kind, s.username) != (new.kind, new.username)] + [new]

    def remove_slot(self, username: str) -> None:
        self.slots = [s for s in self.slots if not (s.kind == "password" and s.username == username)]


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _aad(database_id: str, kind: str, username: str) -> bytes:
    # Binds a slot to its database and owner: a slot copied onto another user or file will not open.
    return f"{KEYFILE_FORMAT}|{database_id}|{kind}|{username}".encode()


def new_data_key() -> bytes:
    return os.urandom(DATA_KEY_BYTES)


def seal(keyfile: KeyFile, data_key: bytes, secret: bytes, *, kind: str, username: str,
         kdf: KdfParams | None = None) -> Slot:
    """Wrap the data key under ``secret`` in a fresh slot (not yet added to the file)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    params = KdfParams.fresh(kdf)
    nonce = os.urandom(12)
    wrapped = AESGCM(params.derive(secret)).encrypt(nonce, data_key, _aad(keyfile.database_id, kind, username))
    return Slot(kind=kind, username=username, kdf=params, nonce=_b64(nonce), wrapped=_b64(wrapped))


def unseal(keyfile: KeyFile, slot: Slot, secret: bytes) -> bytes | None:
    """The data key, or None when ``secret`` is wrong (or the slot was tampered with)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(slot.kdf.derive(secret)).decrypt(
            _unb64(slot.nonce), _unb64(slot.wrapped), _aad(keyfile.database_id, slot.kind, slot.username)
        )
    except (InvalidTag, ValueError):
        return None


def new_recovery_key() -> str:
    """A recovery key as people copy it onto paper: ``ABCD-EFGH-…`` (8 groups of 4)."""
    raw = base64.b32encode(os.urandom(RECOVERY_KEY_BYTES)).decode("ascii").rstrip("=")
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_key(text: str) -> bytes:
    """What a person typed (any case, spaces or dashes, 0/O and 1/I mixed up) as the secret bytes."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).replace("0", "O").replace("1", "I")
    return cleaned.encode("ascii")


def keyfile_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".keys")


def _slot_from(raw: dict[str, Any]) -> Slot:
    kdf = KdfParams(**raw["kdf"])
    return Slot(kind=str(raw["kind"]), username=str(raw["username"]), kdf=kdf, nonce=str(raw["nonce"]),
                wrapped=str(raw["wrapped"]), failed=int(raw.get("failed", 0)), not_before=raw.get("not_before"))


def load_keyfile(path: Path) -> KeyFile:
    """Read a key file.

    Raises:
        UserError: if it is missing, unreadable or not a Facilitator key file.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("format") != KEYFILE_FORMAT or raw.get("version") != KEYFILE_VERSION:
            raise ValueError("format")
        return KeyFile(
            database_id=str(raw["database_id"]),
            slots=[_slot_from(s) for s in raw["slots"]],
            demo=bool(raw.get("demo", False)),
            pending_audit=list(raw.get("pending_audit", [])),
        )
    except FileNotFoundError:
        raise UserError(f"The key file {path.name} beside the database is missing; the database cannot be "
                        "opened without it (restore it from a backup).") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise UserError(f"The key file {path.name} is damaged; restore it from a backup.") from None


def save_keyfile(path: Path, keyfile: KeyFile) -> None:
    """Write atomically and durably: a crash leaves the old file or the new one, never half."""
    payload = {
        "format": KEYFILE_FORMAT,
        "version": KEYFILE_VERSION,
        "database_id": keyfile.database_id,
        "demo": keyfile.demo,
        "slots": [
            {"kind": s.kind, "username": s.username, "kdf": s.kdf.__dict__, "nonce": s.nonce,
             "wrapped": s.wrapped, "failed": s.failed, "not_before": s.not_before}
            for s in keyfile.slots
        ],
        "pending_audit": keyfile.pending_audit,
    }
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".keys-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def iso(moment: datetime) -> str:
    return moment.isoformat()
