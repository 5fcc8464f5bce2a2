"""Signed audit bundles: export, offline verification, tampering, the signing key's file."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from tradewarden.errors import ConfigError, InputError
from tradewarden.security import new_signing_key, public_key_pem, signature_valid
from tradewarden.store import Store
from tradewarden.store.audit import append_audit, audit_log, chain_end
from tradewarden.store.audit_bundle import PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, export_bundle, signing_key, verify_bundle
from tradewarden.store.audit_chain import parse_timestamp


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.from_url(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        for number in range(1, 6):
            append_audit(opened, "alice", "test.step", f"thing:{number}", {"number": number})
        yield opened
    finally:
        opened.close()


def _rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            new.writestr(name, change(name, old.read(name)))
    return target


def test_an_exported_bundle_verifies_offline(store: Store, tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    exported = export_bundle(store, tmp_path / "audit.zip", keys, actor="cli:root")
    assert (exported.count, exported.first_seq, exported.last_seq, exported.head_seq) == (5, 1, 5, 5)
    assert exported.problems == []
    assert (keys / PRIVATE_KEY_FILE).stat().st_mode & 0o777 == 0o600
    with zipfile.ZipFile(tmp_path / "audit.zip") as bundle:
        names = set(bundle.namelist())
        manifest_bytes, signature = bundle.read("manifest.json"), bundle.read("manifest.sig")
        lines = bundle.read("entries.jsonl").decode().splitlines()
    assert names == {"entries.jsonl", "manifest.json", "manifest.sig", "public_key.pem", "README.txt"}
    assert [json.loads(line)["seq"] for line in lines] == [1, 2, 3, 4, 5]
    # The signature checks with the key pair kept under keys/, independently of verify_bundle.
    public = signing_key(keys).public_key()
    assert signature_valid(public, signature, manifest_bytes)
    assert (keys / PUBLIC_KEY_FILE).read_bytes() == public_key_pem(public)
    report = verify_bundle(tmp_path / "audit.zip", trusted_key=keys / PUBLIC_KEY_FILE)
    assert report.ok and report.checked == 5 and report.fingerprint == exported.fingerprint
    assert report.manifest["chain_head"]["seq"] == 5
    # The export is itself audited, after the snapshot it exported.
    assert audit_log(store, limit=1)[0].action == "audit.export" and chain_end(store).head_seq == 6


def test_since_cuts_the_bundle_at_a_verifiable_anchor(store: Store, tmp_path: Path) -> None:
    third = audit_log(store, subject="thing:3")[0]
    second = audit_log(store, subject="thing:2")[0]
    exported = export_bundle(store, tmp_path / "audit.zip", tmp_path / "keys", since=parse_timestamp(third.timestamp))
    assert (exported.count, exported.first_seq, exported.last_seq) == (3, 3, 5)
    report = verify_bundle(tmp_path / "audit.zip")
    assert report.ok and report.checked == 3
    assert report.manifest["anchor"] == {"seq": 2, "hash": second.entry_hash}


def test_tampered_bundles_fail_with_the_reason(store: Store, tmp_path: Path) -> None:
    original = tmp_path / "audit.zip"
    export_bundle(store, original, tmp_path / "keys")

    def edit_entry(name: str, data: bytes) -> bytes:
        return data.replace(b'{"number":3}', b'{"number":4}') if name == "entries.jsonl" else data

    edited = verify_bundle(_rewrite(original, tmp_path / "edited.zip", edit_entry))
    assert "entries.jsonl does not match its SHA-256 in the manifest: it was altered" in edited.problems
    assert "seq 3: its content does not match its hash: the entry was edited" in edited.problems

    def drop_entry(name: str, data: bytes) -> bytes:
        if name != "entries.jsonl":
            return data
        return b"".join(line + b"\n" for line in data.splitlines() if b'"seq":4' not in line)

    dropped = verify_bundle(_rewrite(original, tmp_path / "dropped.zip", drop_entry))
    assert "seq 4: missing (seq 4 deleted)" in dropped.problems

    def edit_manifest(name: str, data: bytes) -> bytes:
        return data.replace(b'"count": 5', b'"count": 4') if name == "manifest.json" else data

    forged = verify_bundle(_rewrite(original, tmp_path / "forged.zip", edit_manifest))
    assert "the signature of manifest.json is not valid: the manifest was altered" in forged.problems

    stranger = tmp_path / "stranger.pem"
    stranger.write_bytes(public_key_pem(new_signing_key().public_key()))
    untrusted = verify_bundle(original, trusted_key=stranger)
    assert "the bundle is signed with another key than the trusted one" in untrusted.problems
    assert not (edited.ok or dropped.ok or forged.ok or untrusted.ok)
    (tmp_path / "junk.zip").write_bytes(b"PK but not really")
    with pytest.raises(InputError, match="cannot open"):
        verify_bundle(tmp_path / "junk.zip")


def test_the_signing_key_is_made_once_and_must_stay_private(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    first = signing_key(keys)
    again = signing_key(keys)
    public: Ed25519PublicKey = first.public_key()
    assert public_key_pem(public) == public_key_pem(again.public_key())
    (keys / PRIVATE_KEY_FILE).chmod(0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        signing_key(keys)
