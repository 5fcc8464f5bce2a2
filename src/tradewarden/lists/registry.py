"""Every known list format, in parse order (see :mod:`tradewarden.lists.formats`)."""

from __future__ import annotations

from tradewarden.lists.formats import Format

ALL_FORMATS: list[Format] = []


def _collect() -> list[Format]:
    from tradewarden.lists import (
        cn_sanctions,
        csl,
        eu_fsf,
        eu_journal,
        ftm,
        ofac_csv,
        ofac_xml,
        uk_fcdo,
        uk_hmt,
        un_xml,
        us_misc,
    )

    formats: list[Format] = []
    for module in (
        ofac_csv, ofac_xml, csl, us_misc, cn_sanctions, un_xml, uk_hmt, uk_fcdo, eu_fsf, eu_journal, ftm
    ):
        formats.extend(module.FORMATS)
    return formats


ALL_FORMATS.extend(_collect())
