"""The order model: what a user submits for screening (parties, items, route, payment, stated facts).

Pydantic, validated once at the boundary by :func:`parse_order`; unknown fields are errors and a
``ValidationError`` becomes an :class:`~tradewarden.errors.InputError` whose ``field`` names the
place (``order.items[3].hs_code``). A fact left out is unknown (``None``), never assumed clean.
The published JSON Schema is ``docs/order.schema.json`` (``scripts/export_order_schema.py``).
Findings and decisions live in ``findings.py``.
"""

from __future__ import annotations

import json
import re
from datetime import date
from enum import Enum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from rigour.ids import IMO
from rigour.territories import get_territory

from tradewarden.errors import InputError

__all__ = [
    "AddressType",
    "BusinessType",
    "Identifier",
    "Incoterm",
    "Item",
    "Order",
    "OrderFacts",
    "Owner",
    "Party",
    "PartyRole",
    "PartySchema",
    "Payment",
    "PaymentMethod",
    "Route",
    "WebPresence",
    "order_json_schema",
    "parse_order",
]


def _country(value: str) -> str:
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code) or get_territory(code.lower()) is None:
        raise ValueError(f"not an ISO 3166-1 alpha-2 country code: {value!r}")
    return code


def _locode(value: str) -> str:
    code = re.sub(r"\s+", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}[A-Z2-9]{3}", code):
        raise ValueError(f"not a UN/LOCODE (2-letter country + 3 characters): {value!r}")
    _country(code[:2])
    return code


def _hs_code(value: str) -> str:
    digits = re.sub(r"[\s.]", "", value)
    if not re.fullmatch(r"\d{4,10}", digits):
        raise ValueError(f"not an HS code (4 to 10 digits, dots allowed): {value!r}")
    return digits


def _eccn(value: str) -> str:
    text = value.strip()
    if text.upper() == "EAR99":
        return "EAR99"
    if not re.fullmatch(r"[0-9][A-Ea-e][0-9]{3}(\.[A-Za-z0-9.]+)?", text):
        raise ValueError(f"not an ECCN (e.g. 3A001.a.7 or EAR99): {value!r}")
    return text[:2].upper() + text[2:]


def _currency(value: str) -> str:
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError(f"not an ISO 4217 currency code: {value!r}")
    return code


def _imo(value: str) -> str:
    normalized = IMO.normalize(value)
    if normalized is None or not IMO.is_valid(normalized):
        raise ValueError(f"not a valid IMO number (check digit): {value!r}")
    return normalized


def _region(value: str) -> str:
    text = value.strip()
    if re.fullmatch(r"[A-Za-z]{2}-[A-Za-z0-9]{1,3}", text):
        return text.upper()
    return text


Country = Annotated[str, AfterValidator(_country), Field(examples=["AE"])]
Locode = Annotated[str, AfterValidator(_locode), Field(examples=["IRAMD"])]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class PartyRole(str, Enum):
    """The part a party plays in the order."""

    BUYER = "buyer"
    CONSIGNEE = "consignee"
    INTERMEDIATE_CONSIGNEE = "intermediate_consignee"
    END_USER = "end_user"
    FREIGHT_FORWARDER = "freight_forwarder"
    NOTIFY_PARTY = "notify_party"
    PAYER = "payer"
    BANK = "bank"
    CARRIER = "carrier"
    VESSEL = "vessel"


class PartySchema(str, Enum):
    """FollowTheMoney schema hint for matching the party against the lists."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    COMPANY = "Company"
    LEGAL_ENTITY = "LegalEntity"
    VESSEL = "Vessel"


class BusinessType(str, Enum):
    """What kind of business a party is (``end_user_type`` in the red-flag fact vocabulary)."""

    MANUFACTURER = "manufacturer"
    OEM = "oem"
    DISTRIBUTOR = "distributor"
    RESELLER = "reseller"
    TRADING_COMPANY = "trading_company"
    FREIGHT_FORWARDER = "freight_forwarder"
    LOGISTICS_COMPANY = "logistics_company"
    FINANCIAL_INSTITUTION = "financial_institution"
    MAIL_CENTER = "mail_center"
    GOVERNMENT = "government"
    MILITARY = "military"
    RESEARCH = "research"
    INDIVIDUAL = "individual"
    UNKNOWN = "unknown"


class AddressType(str, Enum):
    """What kind of place the party's address is."""

    COMMERCIAL = "commercial"
    INDUSTRIAL = "industrial"
    RESIDENTIAL = "residential"
    VIRTUAL_OFFICE = "virtual_office"
    MASS_REGISTRATION = "mass_registration"
    PO_BOX = "po_box"
    UNKNOWN = "unknown"


class WebPresence(str, Enum):
    """How much of the party can be found on the web."""

    NONE = "none"
    MINIMAL = "minimal"
    NORMAL = "normal"


class PaymentMethod(str, Enum):
    """How the order is paid."""

    WIRE = "wire"
    LETTER_OF_CREDIT = "letter_of_credit"
    CASH = "cash"
    CARD = "card"
    CRYPTO = "crypto"
    BARTER = "barter"
    OTHER = "other"


class Incoterm(str, Enum):
    """Incoterms 2020."""

    EXW = "EXW"
    FCA = "FCA"
    CPT = "CPT"
    CIP = "CIP"
    DAP = "DAP"
    DPU = "DPU"
    DDP = "DDP"
    FAS = "FAS"
    FOB = "FOB"
    CFR = "CFR"
    CIF = "CIF"


class Identifier(_Model):
    """An identifier of a party other than its registration and tax numbers."""

    scheme: str = Field(examples=["lei", "inn", "ogrn", "swift", "passport", "duns"])
    value: str = Field(min_length=1, examples=["7703123456"])


class Owner(_Model):
    """A direct owner of a party, with its own owners when known (for the 50% rule)."""

    name: str = Field(min_length=1, examples=["Alpha Holding Ltd"])
    percent: float | None = Field(default=None, ge=0, le=100, examples=[51.0])
    listed: bool | None = Field(
        default=None, description="Owner is a blocked / listed party; null: not checked.", examples=[True]
    )
    country: Country | None = None
    owners: list[Owner] | None = Field(default=None, description="This owner's owners; null: not declared.")


class Party(_Model):
    """A party to the order, in one or more roles."""

    roles: list[PartyRole] = Field(min_length=1, examples=[["buyer", "consignee"]])
    name: str = Field(min_length=1, examples=["Orion Trading FZE"])
    schema_hint: PartySchema | None = Field(default=None, examples=["Organization"])
    country: Country | None = None
    address: str | None = Field(default=None, examples=["Office 1203, Jebel Ali Free Zone, Dubai"])
    address_type: AddressType | None = Field(default=None, examples=["virtual_office"])
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", examples=["sales@orion.ae"])
    phone: str | None = Field(default=None, examples=["+971 4 123 4567"])
    website: str | None = Field(default=None, examples=["https://orion.ae"])
    web_presence: WebPresence | None = Field(default=None, examples=["minimal"])
    registration_number: str | None = Field(default=None, examples=["DMCC-123456"])
    tax_number: str | None = Field(default=None, examples=["100234567800003"])
    identifiers: list[Identifier] = Field(default_factory=list)
    imo_number: Annotated[str, AfterValidator(_imo)] | None = Field(default=None, examples=["IMO 9126819"])
    birth_date: date | None = Field(default=None, examples=["1971-04-02"])
    incorporation_date: date | None = Field(default=None, examples=["2022-05-17"])
    business_line: str | None = Field(default=None, examples=["wholesale of electronic components"])
    business_type: BusinessType | None = Field(default=None, examples=["trading_company"])
    owners: list[Owner] | None = Field(default=None, description="Direct owners; [] none, null: not declared.")


class Item(_Model):
    """One line of the order."""

    description: str = Field(min_length=1, examples=["32-bit microcontroller, LQFP-64"])
    hs_code: Annotated[str, AfterValidator(_hs_code)] | None = Field(default=None, examples=["8542.31"])
    part_number: str | None = Field(default=None, examples=["STM32F405RGT6"])
    manufacturer: str | None = Field(default=None, examples=["STMicroelectronics"])
    eccn: Annotated[str, AfterValidator(_eccn)] | None = Field(default=None, examples=["3A991.a.2", "EAR99"])
    quantity: float | None = Field(default=None, gt=0, examples=[2000])
    unit_price: float | None = Field(default=None, ge=0, examples=[11.5])
    market_unit_price: float | None = Field(
        default=None, gt=0, description="Reference market price per unit, for price_vs_market.", examples=[6.2]
    )
    value: float | None = Field(default=None, ge=0, examples=[23000])
    currency: Annotated[str, AfterValidator(_currency)] | None = Field(default=None, examples=["USD"])


class Route(_Model):
    """Where the goods go, and through where."""

    origin_country: Country | None = None
    transit_countries: list[Country] | None = Field(default=None, examples=[["AE", "KZ"]])
    ports: list[Locode] | None = Field(default=None, examples=[["AEJEA", "IRBND"]])
    destination_country: Country | None = None
    final_destination_country: Country | None = None
    destination_region: Annotated[str, AfterValidator(_region)] | None = Field(
        default=None, description="ISO 3166-2 code, or free text (oblast, city).", examples=["UA-43"]
    )
    delivery_address: str | None = Field(default=None, examples=["Alabuga SEZ, Yelabuga, Tatarstan"])
    previous_destination_country: Country | None = Field(
        default=None, description="Original destination when the order was re-routed.", examples=["RU"]
    )
    incoterms: Incoterm | None = Field(default=None, examples=["FCA"])


class Payment(_Model):
    """Who pays, how, and from where."""

    method: PaymentMethod | None = Field(default=None, examples=["wire"])
    currency: Annotated[str, AfterValidator(_currency)] | None = Field(default=None, examples=["USD"])
    payer_name: str | None = Field(default=None, examples=["Silk Road Commerce LLC"])
    payer_country: Country | None = None
    bank_name: str | None = Field(default=None, examples=["Kyrgyz Commercial Bank"])
    bank_country: Country | None = None
    funds_origin_country: Country | None = Field(default=None, description="Country the funds are remitted from.")
    payer_in_documents: bool | None = Field(
        default=None, description="The payer appears on the invoice, contract or end-user statement.", examples=[False]
    )
    financing_expected: bool | None = Field(
        default=None, description="Terms of sale would normally involve credit or financing.", examples=[True]
    )
    lc_consignee_is_issuing_bank: bool | None = Field(default=None, examples=[False])


def _stated(doc: str) -> Any:
    return Field(default=None, description=doc, examples=[True])


class OrderFacts(_Model):
    """Facts the sales or compliance staff state about the order; null: not known (never assumed clean)."""

    customer_is_new: bool | None = _stated("No prior completed orders with this customer.")
    end_use_statement_provided: bool | None = _stated("An end-use / end-user statement was provided.")
    end_user_certificate_refused: bool | None = _stated("The buyer refused to sign an end-user certificate.")
    customer_unfamiliar_with_product: bool | None = _stated("Buyer does not know the product's performance.")
    requests_no_installation: bool | None = _stated("Declines routine installation, training or maintenance.")
    requests_no_warranty: bool | None = _stated("Declines the warranty that normally comes with the item.")
    requests_unmarked_parts: bool | None = _stated("Asks for parts without serial numbers or markings.")
    evasive_about_reexport: bool | None = _stated("Evasive about whether the goods will be re-exported.")
    ip_country: Country | None = Field(default=None, description="Geolocation of the order / login IP.")
    ownership_opaque: bool | None = _stated("Owners cannot be established or the structure is unusually complex.")
    management_overlaps_listed_party: bool | None = _stated("Managers overlap with an Entity List entity.")
    address_shared_with_listed_party: bool | None = _stated("Shares address/phone/e-mail/domain with a listed party.")
    name_similar_to_listed_party: bool | None = _stated("Name or address resembles a listed party.")
    item_fits_business_line: bool | None = _stated("The items fit the buyer's line of business.")
    item_fits_destination_tech_level: bool | None = _stated("The items fit the destination's industry.")
    item_installed_at_end_user: bool | None = _stated("The item is normally customised for or installed at the user.")
    item_modified_after_export: bool | None = _stated("A third party altered the item after export.")
    item_designed_for_listed_customer: bool | None = _stated("Item was designed for a customer now listed.")
    quantity_exceeds_need: bool | None = _stated("Quantity is far beyond the buyer's plausible need.")
    license_history_uncertain: bool | None = _stated("A required licence was probably not obtained before.")
    routing_abnormal: bool | None = _stated("Route makes no commercial sense for product and destination.")
    delivery_dates_vague: bool | None = _stated("Delivery dates are vague.")
    packaging_inconsistent: bool | None = _stated("Packaging does not fit the mode of shipment or destination.")
    shipping_instructions_changed_late: bool | None = _stated("Shipping instructions changed at the last minute.")


class Order(_Model):
    """An order (or quote, or transaction) to screen."""

    reference: str | None = Field(default=None, examples=["SO-2024-00417"])
    order_date: date | None = Field(default=None, examples=["2024-03-14"])
    requested_ship_date: date | None = Field(default=None, examples=["2024-04-01"])
    parties: list[Party] = Field(min_length=1)
    items: list[Item] = Field(default_factory=list)
    route: Route = Field(default_factory=Route)
    payment: Payment = Field(default_factory=Payment)
    end_use: str | None = Field(default=None, examples=["Repair of industrial controllers"])
    facts: OrderFacts = Field(default_factory=OrderFacts)

    def parties_with(self, role: PartyRole) -> list[Party]:
        """The parties that play ``role``, in order."""
        return [party for party in self.parties if role in party.roles]


def _field_path(loc: tuple[int | str, ...]) -> str:
    path = "order"
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _error_message(error: Any) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown field"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def parse_order(data: dict[str, Any] | str | bytes) -> Order:
    """Validate an order from a dict or a JSON document.

    Args:
        data: the order as a mapping, or as JSON text / bytes.

    Returns:
        The validated :class:`Order`.

    Raises:
        InputError: the JSON is malformed, or a field is unknown, missing or invalid; ``field``
            names the first offending field (``order.items[2].quantity``) and ``details["errors"]``
            lists every problem as ``{"field": ..., "message": ...}``.
    """
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"order is not valid JSON: {exc}", field="order") from None
    if not isinstance(data, dict):
        raise InputError(f"an order must be a JSON object, not {type(data).__name__}", field="order")
    try:
        return Order.model_validate(data)
    except ValidationError as exc:
        errors = [{"field": _field_path(err["loc"]), "message": _error_message(err)} for err in exc.errors()]
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise InputError(f"{first['message']}{more}", field=first["field"], errors=errors) from None


def order_json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Order`, as published in ``docs/order.schema.json``.

    Returns:
        A JSON-serialisable JSON Schema (draft 2020-12) document.
    """
    schema = Order.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "order.schema.json", **schema}
