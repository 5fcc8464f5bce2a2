"""Normalised keys of identifiers and contact details."""

from __future__ import annotations

from tradewarden.match.identifiers import (
    IdentifierKind,
    address_key,
    domain_key,
    email_key,
    identifier_key,
    phone_key,
    shared_keys,
)


def test_identifier_key() -> None:
    assert identifier_key("77 07-083.893") == "7707083893"
    assert identifier_key("IMO 9126819") == "9126819"
    assert identifier_key("1234") is None
    assert identifier_key("ABCDEF") is None


def test_contact_keys() -> None:
    assert phone_key("+7 (495) 123-45-67") == phone_key("8 495 1234567") == "951234567"
    assert phone_key("12-34") is None
    assert email_key(" Info@Romashka.RU ") == "info@romashka.ru"
    assert email_key("not an email") is None
    assert domain_key("https://www.Romashka.ru/en?x=1") == "romashka.ru"
    assert domain_key("romashka") is None
    assert address_key("ул. Тверская 12, Москва") == "ul tverskaya 12 moskva"
    assert address_key("Moscow, Russia") is None


def test_shared_keys_dedupe_and_prefix() -> None:
    keys = shared_keys(IdentifierKind.PHONE, ["+7 495 123 45 67", "84951234567", "x"])
    assert keys == ["phone:951234567"]
