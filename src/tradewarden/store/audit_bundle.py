"""Signed audit bundles for auditors: export from the store, verify offline.

A bundle is a zip of ``entries.jsonl`` (one entry per line, ascending seq),
``manifest.json`` (the chain's anchor and head, entry count and range, the SHA-256 of every
other file), ``manifest.sig`` (the Ed25519 signature of ``manifest.json``, 64 raw bytes),
``public_key.pem`` and ``README.txt``. The signing key pair is made on first use under
``settings.home/keys/`` (private key mode 0600); compare the fingerprint that ``audit
verify-bundle`` prints with the one you were given, since a bundle's own key proves integrity,
not origin. Without tradewarden: ``openssl pkeyutl -verify -pubin -inkey public_key.pem
-rawin -in manifest.json -sigfile manifest.sig``.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from tradewarden.errors import ConfigError, InputError
from tradewarden.security import (
    key_fingerprint,
    load_private_key,
    load_public_key,
    new_signing_key,
    private_key_pem,
    public_key_pem,
    sign,
    signature_valid,
)
from tradewarden.store.audit import append_audit, chain_end_of, database_errors, stream_entries
from tradewarden.store.audit_chain import AuditEntry, ChainEnd, canonical_json, check_chain, format_timestamp
from tradewarden.store.engine import read_transaction
from tradewarden.store.store import Store
from tradewarden.store.tables_audit import audit_entry

BUNDLE_FORMAT = "tradewarden-audit-bundle"
PRIVATE_KEY_FILE = "audit_ed25519.pem"
PUBLIC_KEY_FILE = "audit_ed25519.pub.pem"
_ENTRIES, _MANIFEST, _SIGNATURE, _PUBLIC, _README = (
    "entries.jsonl",
    "manifest.json",
    "manifest.sig",
    "public_key.pem",
    "README.txt",
)
_README_TEXT = (
    "tradewarden audit bundle\n\n"
    "entries.jsonl  the audit entries, one JSON object per line, ascending seq\n"
    "manifest.json  anchor and head of the hash chain, entry range, SHA-256 of each file\n"
    "manifest.sig   Ed25519 signature of manifest.json (64 raw bytes)\n"
    "public_key.pem the signer's public key; compare its fingerprint with the one you were given\n\n"
    "Check everything:  tradewarden audit verify-bundle THIS.zip\n"
    "Check the signature alone:  openssl pkeyutl -verify -pubin -inkey public_key.pem -rawin "
    "-in manifest.json -sigfile manifest.sig\n"
    "Entry hash: sha256 of canonical JSON [seq, timestamp, actor, action, subject, payload, prev_hash]\n"
    "(sorted keys, separators ',' and ':', UTF-8).\n"
)


def signing_key(keys_dir: Path) -> Ed25519PrivateKey:
    """The audit signing key under ``keys_dir``, made (with its public key) on first use.

    Raises:
        ConfigError: the private key file is readable by group or others, or unreadable.
    """
    private_path = keys_dir / PRIVATE_KEY_FILE
    if not private_path.exists():
        keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = new_signing_key()
        temporary = keys_dir / f".{PRIVATE_KEY_FILE}.{os.getpid()}"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(private_key_pem(key))
        try:
            os.link(temporary, private_path)  # fails if another process made one meanwhile
            (keys_dir / PUBLIC_KEY_FILE).write_bytes(public_key_pem(key.public_key()))
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    if os.name == "posix" and private_path.stat().st_mode & 0o077:
        raise ConfigError(f"{private_path} is readable by others; run: chmod 600 {private_path}")
    try:
        return load_private_key(private_path.read_bytes())
    except (OSError, InputError) as exc:
        raise ConfigError(f"cannot read the audit signing key {private_path}: {exc}") from None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class ExportedBundle:
    """What was exported: the file, the entry range and the chain head it ends at."""

    path: Path
    count: int
    first_seq: int | None
    last_seq: int | None
    head_seq: int
    head_hash: str
    fingerprint: str
    problems: list[str]


def export_bundle(
    store: Store, out: Path, keys_dir: Path, *, since: datetime | None = None, actor: str = "system"
) -> ExportedBundle:
    """Write a signed bundle of the audit trail (from ``since``, else all kept entries).

    The bundle is read from one snapshot of the store; the export itself is then audited
    as ``audit.export``. Chain problems found on the way are listed in the manifest.

    Args:
        store: the open store.
        out: the zip file to write (replaced if it exists).
        keys_dir: where the signing key pair lives (``settings.home / "keys"``).
        since: only entries written at or after this moment (timezone-aware).
        actor: who exports (for the audit trail).
    Returns:
        What was written.
    Raises:
        InputError: ``since`` has no time zone.
        ConfigError: the signing key is unusable.
    """
    if since is not None and since.tzinfo is None:
        raise InputError("must be timezone-aware", field="since")
    key = signing_key(keys_dir)
    fingerprint = key_fingerprint(key.public_key())
    partial = out.with_name(out.name + ".partial")
    out.parent.mkdir(parents=True, exist_ok=True)
    written = _Written()
    with database_errors("exporting the audit trail"), read_transaction(store.engine) as conn:
        end = chain_end_of(conn)
        first_seq = end.anchor_seq + 1
        if since is not None:
            found = conn.execute(select(func.min(audit_entry.c.seq)).where(audit_entry.c.created_at >= since)).scalar()
            first_seq = end.head_seq + 1 if found is None else int(found)
        if first_seq - 1 == end.anchor_seq:
            anchor_hash = end.anchor_hash
        elif first_seq - 1 == end.head_seq:
            anchor_hash = end.head_hash
        else:  # empty if that entry was deleted: the check below then reports the broken link
            previous = conn.execute(select(audit_entry.c.entry_hash).where(audit_entry.c.seq == first_seq - 1)).scalar()
            anchor_hash = "" if previous is None else str(previous)
        bundle_end = ChainEnd(first_seq - 1, anchor_hash, end.head_seq, end.head_hash)
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            with bundle.open(_ENTRIES, "w") as handle:
                report = check_chain(written.through(stream_entries(conn, from_seq=first_seq), handle), bundle_end)
            problems = [str(problem) for problem in report.problems]
            public = public_key_pem(key.public_key())
            readme = _README_TEXT.encode("utf-8")
            manifest = {
                "format": BUNDLE_FORMAT,
                "format_version": 1,
                "created_at": format_timestamp(datetime.now(UTC)),
                "store": store.url,
                "since": None if since is None else format_timestamp(since),
                "count": written.count,
                "first_seq": written.first_seq,
                "last_seq": written.last_seq,
                "anchor": {"seq": bundle_end.anchor_seq, "hash": bundle_end.anchor_hash},
                "chain_head": {"seq": end.head_seq, "hash": end.head_hash},
                "chain_problems": problems,
                "public_key_sha256": fingerprint,
                "files": {_ENTRIES: written.digest.hexdigest(), _PUBLIC: _sha256(public), _README: _sha256(readme)},
            }
            manifest_bytes = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
            bundle.writestr(_MANIFEST, manifest_bytes)
            bundle.writestr(_SIGNATURE, sign(key, manifest_bytes))
            bundle.writestr(_PUBLIC, public)
            bundle.writestr(_README, readme)
    partial.replace(out)
    append_audit(
        store,
        actor,
        "audit.export",
        "audit",
        {"file": out.name, "count": written.count, "head_seq": end.head_seq, "public_key_sha256": fingerprint},
    )
    return ExportedBundle(
        out, written.count, written.first_seq, written.last_seq, end.head_seq, end.head_hash, fingerprint, problems
    )


class _Written:
    """Counts, ranges and hashes the entries written to the bundle as they stream past."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()
        self.count = 0
        self.first_seq: int | None = None
        self.last_seq: int | None = None

    def through(self, entries: Iterator[AuditEntry], handle: IO[bytes]) -> Iterator[AuditEntry]:
        for entry in entries:
            line = (canonical_json(entry.to_dict()) + "\n").encode("utf-8")
            self.digest.update(line)
            handle.write(line)
            self.count += 1
            self.first_seq = entry.seq if self.first_seq is None else self.first_seq
            self.last_seq = entry.seq
            yield entry


@dataclass(slots=True)
class BundleReport:
    """The outcome of checking a bundle offline."""

    fingerprint: str | None = None
    checked: int = 0
    manifest: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether signature, checksums and chain are all intact."""
        return not self.problems


def _read_member(bundle: zipfile.ZipFile, name: str, report: BundleReport) -> bytes | None:
    try:
        return bundle.read(name)
    except KeyError:
        report.problems.append(f"{name} is missing from the bundle")
        return None


def _entries(data: bytes, report: BundleReport) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), start=1):
        try:
            entries.append(AuditEntry.from_dict(json.loads(line)))
        except (ValueError, InputError) as exc:
            report.problems.append(f"{_ENTRIES} line {number}: not an audit entry ({exc})")
    return entries


def verify_bundle(path: Path, *, trusted_key: Path | None = None) -> BundleReport:
    """Check a bundle offline: signature, file checksums and the hash chain of its entries.

    Args:
        path: the bundle (zip) to check.
        trusted_key: a PEM public key the bundle must be signed with (else the bundle's own
            key is used, and only its fingerprint tells who signed).
    Returns:
        The report; ``report.ok`` when everything holds.
    Raises:
        InputError: the file is not a zip, or ``trusted_key`` is not an Ed25519 public key.
    """
    report = BundleReport()
    try:
        bundle = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(f"cannot open {path} as a bundle: {exc}", field="bundle") from None
    with bundle:
        manifest_bytes = _read_member(bundle, _MANIFEST, report)
        signature = _read_member(bundle, _SIGNATURE, report)
        public = _read_member(bundle, _PUBLIC, report)
        if manifest_bytes is None or signature is None or public is None:
            return report
        key = load_public_key(public)
        report.fingerprint = key_fingerprint(key)
        if trusted_key is not None:
            trusted = load_public_key(trusted_key.read_bytes())
            if key_fingerprint(trusted) != report.fingerprint:
                report.problems.append("the bundle is signed with another key than the trusted one")
            key = trusted
        if not signature_valid(key, signature, manifest_bytes):
            report.problems.append(f"the signature of {_MANIFEST} is not valid: the manifest was altered")
        try:
            report.manifest = json.loads(manifest_bytes)
            listed: dict[str, str] = dict(report.manifest["files"])
            end = ChainEnd(
                int(report.manifest["anchor"]["seq"]),
                str(report.manifest["anchor"]["hash"]),
                int(report.manifest["chain_head"]["seq"]),
                str(report.manifest["chain_head"]["hash"]),
            )
        except (ValueError, KeyError, TypeError) as exc:
            report.problems.append(f"{_MANIFEST} is not a bundle manifest ({exc!r})")
            return report
        for name in sorted(set(bundle.namelist()) - set(listed) - {_MANIFEST, _SIGNATURE}):
            report.problems.append(f"{name} is in the bundle but not in the manifest")
        for name, digest in sorted(listed.items()):
            data = _read_member(bundle, name, report)
            if data is not None and _sha256(data) != digest:
                report.problems.append(f"{name} does not match its SHA-256 in the manifest: it was altered")
        entries_data = _read_member(bundle, _ENTRIES, report)
    if entries_data is None:
        return report
    chain = check_chain(_entries(entries_data, report), end)
    report.checked = chain.checked
    report.problems.extend(str(problem) for problem in chain.problems)
    if report.manifest.get("count") != chain.checked:
        counted = report.manifest.get("count")
        report.problems.append(f"the manifest counts {counted} entries, the bundle holds {chain.checked}")
    return report
