"""Read OFAC's free-text remarks into typed facts (pure: text in, :class:`Remarks` out).

OFAC's legacy CSV (``sdn.csv``, ``cons_prim.csv``) puts everything it knows beyond name, type
and programmes into one ``remarks`` column: ``DOB 01 Jan 1970; alt. DOB 1971; POB Tehran,
Iran; nationality Iran; Passport A123 (Iran) expires 01 Jan 2030; a.k.a. 'ABU X'; Linked To:
SOME BANK.`` The Enhanced XML export carries the same labels as feature and identity-document
types (``Birthdate``, ``Email Address``, ``Tax ID No.``); :func:`parse_feature` and
:func:`identifier_prop` read those through the same tables.

Nothing is dropped: a segment that is not understood is kept verbatim in ``notes``.
``ofac_csv`` and ``ofac_xml`` put the facts onto FtM entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tradewarden.lists.values import parse_date

# Identity documents and registry numbers: remark label -> FtM property. The labels are the
# ones OFAC uses in sdn.csv / cons_prim.csv remarks and as Enhanced-XML document types.
ID_LABELS: dict[str, str] = {
    "Passport": "passportNumber",
    "Diplomatic Passport": "passportNumber",
    "Passport Booklet": "passportNumber",
    "Travel Document Number": "passportNumber",
    "National ID No.": "idNumber",
    "Identification Number": "idNumber",
    "Personal ID Card": "idNumber",
    "Cedula No.": "idNumber",
    "D.N.I.": "idNumber",
    "C.U.R.P.": "idNumber",
    "C.U.R.P. #": "idNumber",
    "C.U.I.": "idNumber",
    "C.U.I.P.": "idNumber",
    "I.F.E.": "idNumber",
    "Birth Certificate Number": "idNumber",
    "Driver's License No.": "idNumber",
    "Electoral Registry No.": "idNumber",
    "Credencial electoral": "idNumber",
    "Residency Number": "idNumber",
    "Cartilla de Servicio Militar Nacional": "idNumber",
    "National Foreign ID Number": "idNumber",
    "Turkish Identification Number": "idNumber",
    "Numero de Identidad": "idNumber",
    "Citizen's Card Number": "idNumber",
    "Kenyan ID No.": "idNumber",
    "Tazkira National ID Card": "idNumber",
    "Refugee ID Card": "idNumber",
    "UAE Identification": "idNumber",
    "Immigration No.": "idNumber",
    "VisaNumberID": "idNumber",
    "Military Registration Number": "idNumber",
    "Pilot License Number": "idNumber",
    "SRE Permit No.": "idNumber",
    "Permit Number": "idNumber",
    "SSN": "socialSecurityNumber",
    "Tax ID No.": "taxNumber",
    "NIT #": "taxNumber",
    "R.F.C.": "taxNumber",
    "R.F.C. #": "taxNumber",
    "RFC": "taxNumber",
    "RUC #": "taxNumber",
    "RIF #": "taxNumber",
    "RTN": "taxNumber",
    "US FEIN": "taxNumber",
    "C.U.I.T.": "taxNumber",
    "C.I.F.": "taxNumber",
    "Italian Fiscal Code": "taxNumber",
    "Paraguayan tax identification number": "taxNumber",
    "Numero Unico de Identificacao Tributaria (NUIT)": "taxNumber",
    "V.A.T. Number": "vatCode",
    "Registration Number": "registrationNumber",
    "Registration ID": "registrationNumber",
    "Company Number": "registrationNumber",
    "UK Company Number": "registrationNumber",
    "Business Registration Number": "registrationNumber",
    "Business Registration Document #": "registrationNumber",
    "Business Number": "registrationNumber",
    "Commercial Registry Number": "registrationNumber",
    "Chamber of Commerce Number": "registrationNumber",
    "Istanbul Chamber of Comm. No.": "registrationNumber",
    "Dubai Chamber of Commerce Membership No.": "registrationNumber",
    "C.R. No.": "registrationNumber",
    "Romanian C.R.": "registrationNumber",
    "Trade License No.": "registrationNumber",
    "Economic Register Number (CBLS)": "registrationNumber",
    "Central Registration System Number": "registrationNumber",
    "Folio Mercantil No.": "registrationNumber",
    "Matricula Mercantil No": "registrationNumber",
    "Public Registration Number": "registrationNumber",
    "Enterprise Number": "registrationNumber",
    "Certificate of Incorporation Number": "registrationNumber",
    "Registered Charity No.": "registrationNumber",
    "Branch Unit Number": "registrationNumber",
    "Organization Code": "registrationNumber",
    "File Number": "registrationNumber",
    "LE Number": "registrationNumber",
    "Chinese Commercial Code": "idNumber",
    "Afghan Money Service Provider License Number": "licenseNumber",
    "License": "licenseNumber",
    "Unified Social Credit Code (USCC)": "uscCode",
    "United Social Credit Code Certificate (USCCC)": "uscCode",
    "Government Gazette Number": "okpoCode",
    "Legal Entity Number": "leiCode",
    "D-U-N-S Number": "dunsCode",
    "BIK (RU)": "idNumber",
}

# Plain "<label> <value>" remarks: label -> FtM property.
VALUE_LABELS: dict[str, str] = {
    "POB": "birthPlace",
    "Place of Birth": "birthPlace",
    "nationality": "nationality",
    "Nationality Country": "nationality",
    "citizen": "citizenship",
    "Citizenship Country": "citizenship",
    "Nationality of Registration": "jurisdiction",
    "Gender": "gender",
    "Email Address": "email",
    "Email": "email",
    "Website": "website",
    "Phone Number": "phone",
    "Phone": "phone",
    "Telephone": "phone",
    "Telephone No.": "phone",
    "Fax": "phone",
    "Fax No.": "phone",
    "SWIFT/BIC": "swiftBic",
    "Organization Type:": "sector",
    "Vessel Call Sign": "callSign",
    "Other Vessel Call Sign": "callSign",
    "Vessel Flag": "flag",
    "Other Vessel Flag": "flag",
    "Former Vessel Flag": "pastFlags",
    "VESSEL TYPE": "type",
    "Vessel Type": "type",
    "Other Vessel Type": "pastTypes",
    "Vessel Tonnage": "tonnage",
    "Vessel Gross Registered Tonnage": "grossRegisteredTonnage",
    "MMSI": "mmsi",
    "IMO": "imoNumber",
    "Vessel Registration Identification": "imoNumber",
    "Identification Number IMO": "imoNumber",
    "Company Number IMO": "imoNumber",
    "Aircraft Model": "model",
    "Aircraft Manufacturer's Serial Number (MSN)": "serialNumber",
    "Aircraft Construction Number (also called L/N or S/N or F/N)": "serialNumber",
    "Aircraft Serial Identification": "serialNumber",
    "Aircraft Tail Number": "registrationNumber",
    "Previous Aircraft Tail Number": "registrationNumber",
    "Aircraft Mode S Transponder Code": "icaoCode",
}

# Labels whose value is a date: label -> FtM date property.
DATE_LABELS: dict[str, str] = {
    "DOB": "birthDate",
    "Birthdate": "birthDate",
    "Organization Established Date": "incorporationDate",
    "Aircraft Manufacture Date": "buildDate",
    "Vessel Year of Build": "buildDate",
}

# Names quoted in remarks: a.k.a. 'X' is a weak alias (OFAC's own "low quality" names).
NAME_LABELS: dict[str, str] = {"a.k.a.": "weakAlias", "f.k.a.": "previousName", "n.k.a.": "alias"}

LINKED_TO = "Linked To"
_ALT_RE = re.compile(r"^alt\.\s+", re.I)
_NAME_RE = re.compile(r"^([afn])\.k\.a\.,?\s+['\u2018\u2019](.+)['\u2018\u2019]\.?$", re.I | re.S)
_LINK_RE = re.compile(r"^Linked To:\s*(.+)$", re.S)
_SPLIT_RE = re.compile(r";\s+")
_ID_TAIL_RE = re.compile(
    r"^(?P<number>.+?)(?:\s+\((?P<country>[^()]+)\))?"
    r"(?:,?\s+issued\s+(?P<issued>[^()]+?))?(?:,?\s+expires\s+(?P<expires>[^()]+?))?\.?$",
    re.S,
)
_DATE_RANGE_RE = re.compile(r"\s+to\s+|(?<=\d{4})-(?=\d{4}$)")
_CIRCA_RE = re.compile(r"^(?:circa|approximately|approx\.?|about|ca\.?)\s+", re.I)
# Ranges wider than this keep only their two ends (a range of years is expanded year by year).
MAX_RANGE_YEARS = 10


def _by_first_word(labels: list[str]) -> dict[str, list[tuple[str, str, int]]]:
    table: dict[str, list[tuple[str, str, int]]] = {}
    for label in sorted(labels, key=len, reverse=True):
        table.setdefault(label.split()[0].rstrip(":").lower(), []).append((label, label.lower(), len(label)))
    return table


_ALNUM_RE = re.compile(r"[^\W_]")
_PROPS_BY_LABEL = {label.lower(): prop for label, prop in (*VALUE_LABELS.items(), *ID_LABELS.items())}
_LABELS = _by_first_word([*DATE_LABELS, *VALUE_LABELS, *ID_LABELS])
_FIRST_WORD_RE = re.compile(r"^[^\s:]+")


def match_label(text: str) -> tuple[str, str] | None:
    """The longest known label that ``text`` starts with, and the rest after it.

    Args:
        text: a remark segment without its ``alt.`` prefix (``Passport A123 (Iran)``).
    Returns:
        ``(label, rest)`` with the label as spelled in the tables, or None.
    """
    first = _FIRST_WORD_RE.match(text)
    if first is None:
        return None
    for label, lowered, size in _LABELS.get(first.group(0).lower(), ()):
        if text[:size].lower() == lowered and (len(text) == size or text[size] in " :"):
            rest = text[size:].lstrip(" :")
            if rest:
                return label, rest
    return None


@dataclass(frozen=True, slots=True)
class Fact:
    """One property value read from a remark.

    Attributes:
        prop: the FtM property (``birthDate``, ``email``, ``weakAlias`` ...).
        value: the value; dates are ISO prefixes (``1970-01-01``, ``1970``).
        text: the whole remark segment, kept for ``notes`` if the entity's schema lacks ``prop``.
    """

    prop: str
    value: str
    text: str


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identity document or registry number: ``Passport A123 (Iran) expires 01 Jan 2030``.

    Attributes:
        label: OFAC's label as written (``Passport``, ``Tax ID No.``).
        number: the number as written.
        prop: the FtM property for the number (``passportNumber``, ``taxNumber`` ...).
        country: the issuing country as written, if given.
        issued: the issue date as an ISO prefix, if given.
        expires: the expiry date as an ISO prefix, if given.
        text: the whole remark segment.
    """

    label: str
    number: str
    prop: str
    country: str | None = None
    issued: str | None = None
    expires: str | None = None
    text: str = ""


@dataclass(slots=True)
class Remarks:
    """Everything read from one entry's remarks.

    Attributes:
        facts: property values in remark order.
        identifiers: identity documents and registry numbers.
        linked_to: names after ``Linked To:``, as written (resolved by the parser).
        notes: segments kept as text (sanctions information, positions, anything unparsed).
    """

    facts: list[Fact] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    linked_to: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def values(self, prop: str) -> list[str]:
        """The values of ``prop`` among facts and identifiers, in remark order."""
        found = [fact.value for fact in self.facts if fact.prop == prop]
        found.extend(ident.number for ident in self.identifiers if ident.prop == prop)
        return found

    def extend(self, other: Remarks) -> None:
        """Append everything in ``other`` to these remarks."""
        self.facts.extend(other.facts)
        self.identifiers.extend(other.identifiers)
        self.linked_to.extend(other.linked_to)
        self.notes.extend(other.notes)


def split_remarks(text: str | None) -> list[str]:
    """Split a remarks cell into its ``; ``-separated segments (the final ``.`` is kept).

    Args:
        text: the remarks column, or None.
    Returns:
        Non-empty, stripped segments.
    """
    if text is None:
        return []
    return [part.strip() for part in _SPLIT_RE.split(text.strip().rstrip(";")) if part.strip()]


def parse_dates(text: str) -> list[str]:
    """Dates from an OFAC date value as ISO prefixes.

    Args:
        text: ``01 Jan 1970``, ``Jan 1970``, ``1970``, ``circa 1960``, ``1960 to 1962``,
            ``01 Jan 1960 to 31 Dec 1962``, ``circa 1960-1965``.
    Returns:
        The dates found; a range gives its ends and, when at most :data:`MAX_RANGE_YEARS`
        apart, each year between them. Empty if nothing is readable.
    """
    value = _CIRCA_RE.sub("", text.strip().rstrip("."))
    parts = [_CIRCA_RE.sub("", part) for part in _DATE_RANGE_RE.split(value)]
    ends = [parse_date(part) for part in parts]
    if any(end is None for end in ends) or not ends:
        return []
    dates = [end for end in ends if end is not None]
    if len(dates) == 2:
        first, last = int(dates[0][:4]), int(dates[1][:4])
        if first < last <= first + MAX_RANGE_YEARS:
            dates[1:1] = [str(year) for year in range(first + 1, last)]
    return dates


def _identifier(label: str, prop: str, rest: str, text: str) -> Identifier | None:
    match = _ID_TAIL_RE.match(rest.strip())
    if match is None:
        return None
    number = match.group("number").strip().rstrip(".,").strip()
    if not _ALNUM_RE.search(number):
        return None
    issued = match.group("issued")
    expires = match.group("expires")
    return Identifier(
        label=label,
        number=number,
        prop=prop,
        country=(match.group("country") or "").strip() or None,
        issued=parse_date(issued) if issued else None,
        expires=parse_date(expires) if expires else None,
        text=text,
    )


def _clean_value(prop: str, value: str) -> str:
    value = value.strip().rstrip(".").strip()
    if prop == "gender":
        return value.lower()
    if prop == "imoNumber":
        return value.removeprefix("IMO").strip()
    return value


def parse_segment(segment: str) -> Remarks:
    """Read one remark segment (``alt.`` prefixes are dropped: alternatives are just more values).

    Args:
        segment: one ``; ``-separated part of the remarks.
    Returns:
        The facts, identifiers, links or notes in it.
    """
    found = Remarks()
    text = segment.strip()
    body = _ALT_RE.sub("", text)
    if match := _NAME_RE.match(body):
        found.facts.append(Fact(NAME_LABELS[f"{match.group(1).lower()}.k.a."], match.group(2).strip(), text))
        return found
    if match := _LINK_RE.match(body):
        found.linked_to.append(match.group(1).strip())
        return found
    labelled = match_label(body)
    if labelled is not None:
        label, rest = labelled
        if label in DATE_LABELS and (dates := parse_dates(rest)):
            found.facts.extend(Fact(DATE_LABELS[label], date, text) for date in dates)
            if _DATE_RANGE_RE.search(rest):
                found.notes.append(text.rstrip("."))  # a range: keep that it was one
            return found
        if label in VALUE_LABELS and (value := _clean_value(VALUE_LABELS[label], rest)):
            found.facts.append(Fact(VALUE_LABELS[label], value, text))
            return found
        if label in ID_LABELS and (ident := _identifier(label, ID_LABELS[label], rest, text)) is not None:
            found.identifiers.append(ident)
            return found
    found.notes.append(text)
    return found


def parse_remarks(text: str | None) -> Remarks:
    """Read a whole remarks cell.

    Args:
        text: the remarks column (with any ``sdn_comments.csv`` continuation appended).
    Returns:
        Facts, identifiers, ``Linked To`` names and notes, in remark order.
    """
    remarks = Remarks()
    for segment in split_remarks(text):
        remarks.extend(parse_segment(segment))
    return remarks


def identifier_prop(label: str) -> str:
    """The FtM property for an identifier label; unknown labels give ``idNumber``."""
    return _PROPS_BY_LABEL.get(label.strip().rstrip(":").lower(), "idNumber")


def parse_feature(label: str, value: str) -> Remarks:
    """Read one Enhanced-XML feature (``<type>`` label, ``<value>`` text) like a remark.

    Args:
        label: the feature type (``Birthdate``, ``Email Address``, ``Secondary sanctions risk:``).
        value: the feature value.
    Returns:
        The facts read; unknown labels are kept as the note ``"<label> <value>"``.
    """
    return parse_segment(f"{label.strip()} {value.strip()}")
