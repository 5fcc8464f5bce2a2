from __future__ import annotations

import pytest

from tradewarden import errors


def test_input_error_names_the_field() -> None:
    exc = errors.InputError("must be six digits", field="order.items[3].hs_code", value="12")
    assert str(exc) == "order.items[3].hs_code: must be six digits"
    assert exc.details["value"] == "12"


@pytest.mark.parametrize(
    "cls",
    [
        errors.InputError,
        errors.ListFormatError,
        errors.ValidationGateError,
        errors.FetchError,
        errors.StoreError,
        errors.NotFound,
        errors.ConfigError,
        errors.AuthError,
        errors.PermissionDenied,
        errors.ConflictError,
    ],
)
def test_every_error_is_a_tradewarden_error(cls: type[Exception]) -> None:
    assert issubclass(cls, errors.TradewardenError)
    assert cls.__name__ in (errors.__doc__ or "")
