"""Photo files that follow the database: gone again when their rows roll back, orphans found later.

A file is written after its row is flushed, and remembered on the session until the commit: a
rollback (a refused request, an error, a session closed without committing) removes it again.
What a crash between the write and the commit leaves behind is what `find_orphans` lists for
`flask remove-orphan-photos`.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import event, select
from sqlalchemy.orm import Session, SessionTransaction

from walkapp.photos.models import Photo
from walkapp.photos.storage import PhotoStorage

log = logging.getLogger(__name__)

_WRITTEN = "walkapp.photo_files_written"  # [(transaction, storage, key)] not yet committed
KEY_COLUMNS = (
    Photo.storage_key,
    Photo.thumbnail_key,
    Photo.public_storage_key,
    Photo.public_thumbnail_key,
)
# Not ours to judge: the health check's probes, which it removes itself.
FOREIGN_PREFIXES = ("healthz/",)


def put_file(db: Session, storage: PhotoStorage, key: str, data: bytes) -> None:
    """Write a file that rows of this session's transaction name; a rollback removes it again.

    Names are made from the content, so a file that is there already holds these same bytes,
    maybe for a committed photo: it is written again but never removed by this rollback.
    """
    existed = storage.exists(key)
    storage.put(key, data)
    if existed:
        return
    transaction = db.get_nested_transaction() or db.get_transaction()
    db.info.setdefault(_WRITTEN, []).append((transaction, storage, key))
    if not event.contains(db, "after_commit", _after_commit):
        event.listen(db, "after_commit", _after_commit)
        event.listen(db, "after_soft_rollback", _after_soft_rollback)
        event.listen(db, "after_transaction_end", _after_transaction_end)


def _within(transaction: SessionTransaction | None, ended: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is ended:
            return True
        transaction = transaction.parent
    return False


def _remove(db: Session, keep) -> None:
    written = db.info.get(_WRITTEN, [])
    db.info[_WRITTEN] = [entry for entry in written if keep(entry[0])]
    for transaction, storage, key in written:
        if keep(transaction):
            continue
        try:
            storage.delete(key)
        except OSError:
            log.warning("photo file %s outlived its rollback; remove-orphan-photos finds it", key)


def _after_commit(db: Session) -> None:
    savepoint = db.get_nested_transaction()
    if savepoint is None:
        db.info.pop(_WRITTEN, None)  # committed: the rows own their files now
        return
    # A released savepoint hands its files to the transaction around it.
    db.info[_WRITTEN] = [
        (savepoint.parent if transaction is savepoint else transaction, storage, key)
        for transaction, storage, key in db.info.get(_WRITTEN, [])
    ]


def _after_soft_rollback(db: Session, previous: SessionTransaction) -> None:
    _remove(db, lambda transaction: not _within(transaction, previous))


def _after_transaction_end(db: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        # Closed without a commit (an error page, a session closed early): nothing owns them.
        _remove(db, lambda _transaction: False)


@dataclass
class OrphanReport:
    files: list[str] = field(default_factory=list)  # in the store, named by no photo
    missing: list[tuple[int, str]] = field(default_factory=list)  # (photo id, key) without file
    young: int = 0  # unnamed files too new to judge: their transaction may still commit


def find_orphans(db: Session, storage: PhotoStorage, *, older_than: datetime) -> OrphanReport:
    """Files without a photo row (written before `older_than`) and rows whose file is gone."""
    named: dict[str, int] = {}
    for row in db.execute(select(Photo.id, *KEY_COLUMNS).order_by(Photo.id)):
        for key in row[1:]:
            if key:
                named.setdefault(key, row[0])
    report = OrphanReport()
    present = set()
    for stored in storage.files():
        present.add(stored.key)
        if stored.key in named or stored.key.startswith(FOREIGN_PREFIXES):
            continue
        if stored.modified_at >= older_than:
            report.young += 1
        else:
            report.files.append(stored.key)
    report.missing = sorted(
        (photo_id, key) for key, photo_id in named.items() if key not in present
    )
    return report


def remove_orphans(storage: PhotoStorage, report: OrphanReport) -> int:
    """Delete the report's orphan files; how many went."""
    for key in report.files:
        storage.delete(key)
    return len(report.files)
