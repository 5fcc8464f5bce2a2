"""Long legal forms with one slip (``names.legal_forms.respell_legal_forms``)."""

from __future__ import annotations

import pytest

from tradewarden.names.analyze import analyze_name
from tradewarden.names.legal_forms import LONG_FORMS, respell_known_forms, respell_legal_forms, split_legal_forms


@pytest.mark.parametrize("form", [" ".join(form) for form in LONG_FORMS])
def test_every_long_form_is_one_rigour_folds_whole(form: str) -> None:
    assert len(form.split()) >= 3
    rest, forms = split_legal_forms(f"zork {form}")
    assert rest == "zork" and forms


@pytest.mark.parametrize(
    ("name", "tokens", "legal"),
    [("L-INMO, SOCIEDAD ANONIMA DE CAPTIAL VARIABLE", ("l", "inmo"), ("jsc",)),  # swapped letters
     ("Zork Limited Liabilty Company", ("zork",), ("llc",)),  # a letter dropped
     ("Zork Obshchestvo s Ogranichenoy Otvetstvennostyu", ("zork",), ("llc",)),
     ("Zork Obshchestvo s Ogranichennoy Otvetstvenost'yu", ("zork",), ("llc",)),  # and a soft-sign apostrophe
     ("Общество с ограниченой ответственностью «Зорк»", ("zork",), ("llc",)),
     ("Zork Limited Liability Compagny", ("zork",), ("llc",)),  # a letter added, last word of 7 letters
     ("Zork Closed Joint Stock Compant", ("zork",), ("jsc",))],  # a letter changed
)
def test_a_long_legal_form_with_one_slip_is_folded(name: str, tokens: tuple[str, ...], legal: tuple[str, ...]) -> None:
    form = analyze_name(name, False)
    assert (form.tokens, form.legal_forms) == (tokens, legal)
    unslipped = analyze_name(name.replace("CAPTIAL", "CAPITAL").replace("Liabilty", "Liability"), False)
    assert form.legal_forms == unslipped.legal_forms or "CAPTIAL" not in name


@pytest.mark.parametrize(
    "text",
    ["publix joint stock company",  # a name's own word, first in a form, of fewer than 7 letters
     "zork public joint stok company",  # a slipped word of fewer than 6 letters
     "zork limited liabilty compant",  # two slips
     "zork sociedad anonima de capital variable",  # written as the form: nothing to respell
     "zork trading company de mexico"],  # too few of a form's words
)
def test_what_is_not_respelt(text: str) -> None:
    assert respell_legal_forms(text) == text


def test_respelling_keeps_the_rest_of_the_name() -> None:
    assert respell_legal_forms("l-inmo, sociedad anonima de captial variable (mx)") == (
        "l-inmo, sociedad anonima de capital variable (mx)"
    )
    assert respell_legal_forms("zork obshchestvo s ogranichennoy otvetstvennost'yu") == (
        "zork obshchestvo s ogranichennoy otvetstvennostyu"
    )


@pytest.mark.parametrize(
    ("name", "tokens", "legal"),
    [("Zorkon Societe Anonyme", ("zorkon",), ("jsc",)),  # French, accents dropped
     ("Cong ty TNHH Zorkon", ("zorkon",), ("llc",)),  # Vietnamese, without diacritics
     ("Công ty Cổ phần Zorkon", ("zorkon",), ("jsc",)),
     ("ZORKON STATE-OWNED ENTERPRISE", ("zorkon",), ("soe",)),
     ("ZORKON S.A. DE CAPITAL VARIABLE", ("zorkon",), ("jsc",)),
     ("Zorkon Aktsionernaya Kompaniya", ("zorkon",), ("jsc", "kompaniya")),
     ("Акціонерна компанія «Зоркон»", ("zorkon",), ("jsc", "kompaniya")),  # Ukrainian
     ("Zorkon FZC", ("zorkon",), ("llc",)),
     ("Zorkon W.L.L.", ("zorkon",), ("llc",)),
     ("Zorkon Q.P.S.C.", ("zorkon",), ("jsc",)),
     ("Zorkon BSC", ("zorkon",), ("jsc",)),
     ("NJSC Zorkon", ("zorkon",), ("jsc",)), ("НАО «Зоркон»", ("zorkon",), ("jsc",)),  # non-public JSC
     # Bulgarian and Kazakh forms romanised (rigour folds them in Cyrillic only), Hungarian and
     # Indonesian forms.
     ("Zorkon EOOD", ("zorkon",), ("llc",)), ("Зоркон ЕООД", ("zorkon",), ("llc",)),
     ("Zorkon EAD", ("zorkon",), ("jsc",)), ("Zorkon TOO", ("zorkon",), ("llp",)),
     ("Zorkon Zrt.", ("zorkon",), ("jsc",)),
     ("PT Zorkon", ("zorkon",), ("llc",)), ("PT. Zorkon Tbk", ("zorkon",), ("jsc", "llc")),
     # Russian non-profit bodies in British spelling, and АНО romanised.
     ("Non-governmental organisation ‘Zorkon’", ("zorkon",), ("ngo",)),
     ("Общественная организация «Зоркон»", ("zorkon",), ("ngo",)),
     ("Autonomous Non-Commercial Organisation Zorkon", ("zorkon",), ("ngo",)),
     ("Autonomous Non-Profit Organisation ‘Zorkon’", ("zorkon",), ("ngo",)),
     ("ANO Zorkon", ("zorkon",), ("ngo",)), ("АНО «Зоркон»", ("zorkon",), ("ngo",)),
     # Persian limited liability and private joint-stock forms, in their script and romanised.
     ("شرکت زرکن با مسئولیت محدود", ("zrkn",), ("co", "llc")), ("Zorkon Ba Masouliat Mahdood", ("zorkon",), ("llc",)),
     ("شرکت زرکن سهامی خاص", ("zrkn",), ("co", "jsc")), ("Zorkon Sahami Khas", ("zorkon",), ("jsc",)),
     # Kazakh ЖШС written out and abbreviated.
     ("«Зоркон» Жауапкершілігі Шектеулі Серіктестігі", ("zorkon",), ("llp",)), ("Зоркон ЖШС", ("zorkon",), ("llp",)),
     # One-owner limited companies of Colombia (E.U.), Peru and Chile (E.I.R.L.), dotted.
     ("ZORKON E.U.", ("zorkon",), ("llc",)), ("Zorkon E.I.R.L.", ("zorkon",), ("llc",)),
     ("Zorkon Empresa Unipersonal", ("zorkon",), ("llc",))],
)
def test_a_legal_form_in_a_spelling_rigour_lacks_is_folded(name: str, tokens: tuple[str, ...], legal: tuple[str, ...]) -> None:
    form = analyze_name(name, False)
    assert (form.tokens, form.legal_forms) == (tokens, legal)


@pytest.mark.parametrize("text", ["zorkon societe generale", "congty zorkon", "zorkon state owned", "salt trading", "zorkon eu"])
def test_what_is_not_a_known_spelling(text: str) -> None:
    assert respell_known_forms(text) == text


def test_a_person_keeps_the_words() -> None:
    assert analyze_name("Cong Ty", True).tokens == ("cong", "ty")
    assert analyze_name("Pt Nasr ad-Din", True).tokens == ("pt", "nasr", "ad", "din")
