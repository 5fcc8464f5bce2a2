"""The public API in ``tradewarden.__all__`` is complete and importable (httpx style)."""

from __future__ import annotations

import tradewarden


def test_all_names_exist() -> None:
    for name in tradewarden.__all__:
        assert hasattr(tradewarden, name), name


def test_all_is_sorted_and_unique() -> None:
    assert list(tradewarden.__all__) == sorted(set(tradewarden.__all__), key=lambda name: (name.lower(), name))


def test_public_callables_are_documented() -> None:
    for name in tradewarden.__all__:
        obj = getattr(tradewarden, name)
        if callable(obj):
            assert (obj.__doc__ or "").strip(), f"{name} has no docstring"
