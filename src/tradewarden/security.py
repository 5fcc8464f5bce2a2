"""Secrets and signatures: password hashing (scrypt), API keys (shown once, kept as SHA-256),
and Ed25519 signing of audit bundles.

Pure functions over bytes and strings; the store (:mod:`tradewarden.store.users`) keeps the
hashes and :mod:`tradewarden.store.audit_bundle` keeps the signing key files. Password hashes
are self-describing (``scrypt$n=32768,r=8,p=1$SALT$HASH``, base64) so the cost can be raised
later without breaking stored hashes (:func:`password_needs_rehash`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from tradewarden.errors import InputError

# scrypt cost: 128 x r x n bytes = 32 MiB per hash, twice the scrypt paper's interactive-login setting
# (n=2**14). Each stored hash records its own cost, so raising these later keeps old hashes valid.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
_SCRYPT_SALT_BYTES = 16
_SCRYPT_KEY_BYTES = 32
_SCRYPT_MAXMEM = 256 * 1024 * 1024
MIN_PASSWORD_LENGTH = 8
# API keys look like ``tw_<43 url-safe characters>`` (256 random bits).
API_KEY_PREFIX = "tw_"


@dataclass(frozen=True, slots=True)
class ScryptParams:
    """The cost parameters of one scrypt hash."""

    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def _scrypt(password: str, salt: bytes, params: ScryptParams) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        maxmem=_SCRYPT_MAXMEM,
        dklen=_SCRYPT_KEY_BYTES,
    )


def check_password_strength(password: str) -> None:
    """Refuse passwords that are too short.

    Raises:
        InputError: shorter than :data:`MIN_PASSWORD_LENGTH` characters.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(f"must have at least {MIN_PASSWORD_LENGTH} characters", field="password")


def hash_password(password: str, params: ScryptParams | None = None) -> str:
    """A salted scrypt hash of ``password``, in the self-describing text form.

    Args:
        password: the password (any length; strength is checked by the caller).
        params: the scrypt cost; default :class:`ScryptParams`.
    Returns:
        ``scrypt$n=N,r=R,p=P$SALT$HASH`` with SALT and HASH in base64.
    """
    params = params or ScryptParams()
    salt = secrets.token_bytes(_SCRYPT_SALT_BYTES)
    digest = _scrypt(password, salt, params)
    return f"scrypt$n={params.n},r={params.r},p={params.p}${_b64(salt)}${_b64(digest)}"


def _parse_hash(stored: str) -> tuple[ScryptParams, bytes, bytes] | None:
    try:
        scheme, cost, salt, digest = stored.split("$")
        values = dict(part.split("=", 1) for part in cost.split(","))
        params = ScryptParams(n=int(values["n"]), r=int(values["r"]), p=int(values["p"]))
        return (params, _unb64(salt), _unb64(digest)) if scheme == "scrypt" else None
    except (ValueError, KeyError):
        return None


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a hash made by :func:`hash_password` (constant-time compare).

    A malformed stored hash never matches.
    """
    parsed = _parse_hash(stored)
    if parsed is None:
        return False
    params, salt, digest = parsed
    return hmac.compare_digest(_scrypt(password, salt, params), digest)


def password_needs_rehash(stored: str) -> bool:
    """Whether a stored hash uses weaker parameters than the current default (or is malformed)."""
    parsed = _parse_hash(stored)
    return parsed is None or parsed[0] != ScryptParams()


@lru_cache(maxsize=1)
def dummy_password_hash() -> str:
    """A hash that matches no password: checked when the user is unknown, so that an unknown
    name takes as long to refuse as a wrong password."""
    return hash_password(secrets.token_urlsafe(16))


def new_api_key() -> str:
    """A new random API key (``tw_`` and 256 random bits); show it once and store only its hash."""
    return API_KEY_PREFIX + secrets.token_urlsafe(32)


def api_key_hash(key: str) -> str:
    """The SHA-256 (hex) under which an API key is stored and looked up."""
    return hashlib.sha256(key.strip().encode("utf-8")).hexdigest()


# -- Ed25519 signatures ----------------------------------------------------------------------


def new_signing_key() -> Ed25519PrivateKey:
    """A fresh Ed25519 private key."""
    return Ed25519PrivateKey.generate()


def private_key_pem(key: Ed25519PrivateKey) -> bytes:
    """The private key as unencrypted PKCS#8 PEM (protect the file: mode 0600)."""
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def public_key_pem(key: Ed25519PublicKey) -> bytes:
    """The public key as SubjectPublicKeyInfo PEM."""
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def load_private_key(pem: bytes) -> Ed25519PrivateKey:
    """An Ed25519 private key from PEM.

    Raises:
        InputError: not an Ed25519 private key.
    """
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise InputError(f"not a readable private key: {exc}", field="private_key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InputError("not an Ed25519 private key", field="private_key")
    return key


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM.

    Raises:
        InputError: not an Ed25519 public key.
    """
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError) as exc:
        raise InputError(f"not a readable public key: {exc}", field="public_key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise InputError("not an Ed25519 public key", field="public_key")
    return key


def key_fingerprint(key: Ed25519PublicKey) -> str:
    """SHA-256 (hex) of the raw public key: what an auditor compares out of band."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def sign(key: Ed25519PrivateKey, message: bytes) -> bytes:
    """The Ed25519 signature (64 bytes) of ``message``."""
    return key.sign(message)


def signature_valid(key: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    """Whether ``signature`` is ``key``'s Ed25519 signature of ``message``."""
    try:
        key.verify(signature, message)
    except InvalidSignature:
        return False
    return True
