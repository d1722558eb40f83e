"""Turn a plaintext clinic file (from before encryption, or one kept plain on purpose) into SQLCipher."""

from __future__ import annotations

from datetime import UTC, datetime

from facilitator import paths
from facilitator.db import encryption, keyslots
from facilitator.db.keyslots import KdfParams
from facilitator.errors import UserError
from facilitator.services import actor as actors
from facilitator.services import clinic_keys
from facilitator.services.clinic_keys import Credentials
from facilitator.services.store import Store


def encrypt_clinic(store: Store, credentials: Credentials, *, kdf: KdfParams | None = None) -> tuple[Store, str]:
    """Encrypt the open plaintext SQLite clinic in place, keyed for the signed-in administrator.

    The encrypted copy is verified and kept in ``backups/`` before it replaces the original. Other
    accounts get their key slot when an administrator next sets their password.

    Returns:
        The reopened store and the new recovery key (show it once; the clinic must print it).
    """
    from facilitator.services.opening import open_store

    path = store.target.sqlite_path
    if path is None or store.keyfile is not None:
        raise UserError("Only an unencrypted SQLite clinic database can be encrypted here.")
    if store.actor is None or not store.actor.is_admin or store.actor.username != credentials.username.strip().lower():
        raise UserError("Sign in as an administrator to encrypt the clinic database.")
    with store.session() as session:
        actors.record(session, "encrypt_database", detail="plaintext database encrypted in place")
    store.dispose()
    keyfile = keyslots.keyfile_path(path)
    staging_keys = keyfile.with_name(keyfile.name + ".new")
    staging_keys.unlink(missing_ok=True)
    data_key, recovery = clinic_keys.create_keyfile(staging_keys, store.actor.username, credentials.password, kdf=kdf)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    backup = paths.backups_dir(store.data_dir) / f"pre-encryption-{stamp}.db"
    try:
        encryption.encrypt_in_place(path, data_key, backup)
    except BaseException:
        staging_keys.unlink(missing_ok=True)
        raise
    keyslots.save_keyfile(keyslots.keyfile_path(backup), keyslots.load_keyfile(staging_keys))
    staging_keys.replace(keyfile)
    reopened = open_store(
        None if store.target.sqlite_path == paths.default_database_path(store.data_dir) else str(store.target.url),
        store.data_dir, credentials=credentials,
    )
    return reopened, recovery

