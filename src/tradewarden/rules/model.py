"""The rule model: a red flag (or prohibition) with its citations and a structured condition.

Rule files are YAML (``rules/data/red_flags.yaml`` and users' own files); ``load.py`` reads
them and validates every rule with this model, passing the fact vocabulary and the named value
sets as validation context, so a typo in a fact, set or enum value fails at start-up.

The condition language is data, never ``eval``::

    when: {all: [{fact: payment_method, in: [cash, crypto]}, {fact: customer_is_new, is: true}]}

Combinators are ``all``, ``any`` and ``not``; a leaf is ``{fact: NAME, OP: OPERAND}`` with one
operator of :class:`Op`. An operand is a literal, ``{fact: OTHER}`` (another fact's value) or
``{set: NAME}`` (a named value set of the rule files). ``within_days_of`` also takes ``days: N``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from tradewarden.findings import Category, Outcome, Severity


class Op(str, Enum):
    """Leaf operators; see ``engine.py`` for their semantics over unknown facts."""

    IS = "is"
    EQ = "eq"
    NE = "ne"
    IN = "in"
    NOT_IN = "not_in"
    LT = "lt"
    GT = "gt"
    LTE = "lte"
    GTE = "gte"
    EXISTS = "exists"
    CONTAINS = "contains"
    MATCHES = "matches"
    WITHIN_DAYS_OF = "within_days_of"


_ORDERED = {Op.LT, Op.GT, Op.LTE, Op.GTE}
_MEMBERSHIP = {Op.IN, Op.NOT_IN}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FactSpec(_Frozen):
    """One fact of the vocabulary: its type, allowed values for enums, and how it is obtained."""

    type: Literal["string", "iso2", "date", "bool", "number", "enum", "list", "list_iso2", "list_string"]
    values: tuple[str, ...] = ()
    doc: str = ""
    derived: str = Field(default="", description="How facts.py or screening computes it; empty: stated in the order.")


class SourceRef(_Frozen):
    """A citation: the source id (resolves in the reference SOURCES.md), the place, how it was checked."""

    id: str = Field(min_length=1, examples=["EAR-732-S3"])
    ref: str = Field(min_length=1, examples=["red flag 1"])
    verification: Literal["primary", "secondary", "unverified", "none_found"]


class ValueSet(_Frozen):
    """A named list of values (countries, LOCODEs, HS-6 codes) that conditions refer to as ``{set: name}``."""

    doc: str = ""
    values: tuple[str, ...] = Field(min_length=1)
    sources: tuple[SourceRef, ...] = Field(min_length=1)


class FactRef(_Frozen):
    """Operand: the value of another fact."""

    fact: str


class SetRef(_Frozen):
    """Operand: a named value set, resolved at load time."""

    name: str
    values: frozenset[str]



def _context(info: ValidationInfo) -> tuple[Mapping[str, FactSpec], Mapping[str, ValueSet]]:
    context = info.context or {}
    return context.get("facts", {}), context.get("sets", {})


def _check_fact(name: str, facts: Mapping[str, FactSpec]) -> FactSpec:
    spec = facts.get(name)
    if spec is None:
        raise ValueError(f"unknown fact {name!r} (not in the fact vocabulary)")
    return spec


class Leaf(_Frozen):
    """``{fact: NAME, OP: OPERAND}``: one comparison of a fact."""

    fact: str
    op: Op
    operand: Any = None
    days: int | None = Field(default=None, ge=0)

    @model_validator(mode="before")
    @classmethod
    def _from_yaml(cls, raw: Any) -> Any:
        if not isinstance(raw, Mapping) or "op" in raw:
            return raw
        ops = [key for key in raw if key not in ("fact", "days")]
        if len(ops) != 1:
            found = ", ".join(map(str, ops)) or "none"
            raise ValueError(f"a condition needs exactly one operator of {[op.value for op in Op]}, found: {found}")
        key = str(ops[0])
        if key not in Op._value2member_map_:
            raise ValueError(f"unknown operator {key!r} (expected one of {[op.value for op in Op]})")
        return {"fact": raw.get("fact"), "op": key, "operand": raw[key], "days": raw.get("days")}

    @field_validator("fact")
    @classmethod
    def _known_fact(cls, name: str, info: ValidationInfo) -> str:
        _check_fact(name, _context(info)[0])
        return name

    @model_validator(mode="after")
    def _resolve(self, info: ValidationInfo) -> Leaf:
        facts, sets = _context(info)
        spec = facts.get(self.fact) or FactSpec(type="string")
        operand = self.operand
        if isinstance(operand, Mapping):
            operand = self._reference(operand, facts, sets)
        elif isinstance(operand, list):
            operand = tuple(operand)
        self._check_operand(operand, spec)
        object.__setattr__(self, "operand", operand)
        return self

    def _reference(self, raw: Mapping[str, Any], facts: Mapping[str, FactSpec], sets: Mapping[str, ValueSet]) -> Any:
        if set(raw) == {"fact"}:
            _check_fact(str(raw["fact"]), facts)
            return FactRef(fact=str(raw["fact"]))
        if set(raw) == {"set"}:
            name = str(raw["set"])
            if name not in sets:
                raise ValueError(f"unknown value set {name!r} (declare it under `sets:`)")
            if self.op not in _MEMBERSHIP:
                raise ValueError(f"a value set is an operand of in / not_in only, not of {self.op.value}")
            return SetRef(name=name, values=frozenset(sets[name].values))
        raise ValueError(f"{self.op.value}: an operand mapping is {{fact: NAME}} or {{set: NAME}}, got {dict(raw)}")

    def _check_operand(self, operand: Any, spec: FactSpec) -> None:
        op = self.op
        if op is Op.IS and not isinstance(operand, bool):
            raise ValueError(f"`is` compares with true or false, got {operand!r}")
        if op is Op.EXISTS and not isinstance(operand, bool):
            raise ValueError(f"`exists` takes true or false, got {operand!r}")
        if op in _MEMBERSHIP and not isinstance(operand, tuple | SetRef):
            raise ValueError(f"`{op.value}` takes a list or {{set: NAME}}, got {operand!r}")
        if op in _ORDERED and (isinstance(operand, bool) or not isinstance(operand, int | float | date | FactRef)):
            raise ValueError(f"`{op.value}` compares with a number, a date or {{fact: NAME}}, got {operand!r}")
        if op is Op.MATCHES:
            if not isinstance(operand, str):
                raise ValueError(f"`matches` takes a regular expression, got {operand!r}")
            try:
                re.compile(operand)
            except re.error as exc:
                raise ValueError(f"bad regular expression {operand!r}: {exc}") from None
        if op is Op.WITHIN_DAYS_OF:
            if self.days is None:
                raise ValueError("`within_days_of` needs `days: N`")
            if not isinstance(operand, date | FactRef):
                raise ValueError(f"`within_days_of` takes a date or {{fact: NAME}}, got {operand!r}")
        elif self.days is not None:
            raise ValueError("`days` belongs to `within_days_of` only")
        if spec.type == "enum" and op in (Op.EQ, Op.NE, Op.IN, Op.NOT_IN):
            literals = operand if isinstance(operand, tuple) else (operand,)
            bad = [value for value in literals if isinstance(value, str) and value not in spec.values]
            if bad:
                raise ValueError(f"`{op.value}`: {bad} not among the values of fact {self.fact!r}: {list(spec.values)}")


class All(_Frozen):
    """``{all: [...]}``: true when every part is true."""

    all: tuple[Condition, ...] = Field(min_length=1)


class AnyOf(_Frozen):
    """``{any: [...]}``: true when some part is true."""

    any: tuple[Condition, ...] = Field(min_length=1)


class Not(_Frozen):
    """``{not: ...}``: true when the part is false."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    not_: Condition = Field(alias="not")


def _condition_kind(raw: Any) -> str:
    if isinstance(raw, Mapping):
        for key in ("all", "any", "not"):
            if key in raw:
                return key
        if "not_" in raw:
            return "not"
    elif isinstance(raw, All | AnyOf | Not):
        return {All: "all", AnyOf: "any", Not: "not"}[type(raw)]
    return "leaf"


Condition = Annotated[
    Annotated[All, Tag("all")] | Annotated[AnyOf, Tag("any")] | Annotated[Not, Tag("not")] | Annotated[Leaf, Tag("leaf")],
    Discriminator(_condition_kind),
]


for _model in (All, AnyOf, Not):
    _model.model_rebuild()


class Rule(_Frozen):
    """One red flag or prohibition, as written in a rule file."""

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$", examples=["RF-PY-01"])
    kind: Literal["flag", "prohibition"] = "flag"
    statement: str = Field(min_length=1)
    domain: str = ""
    category: Category = Category.RED_FLAG
    severity: Severity
    outcome: Outcome = Outcome.REVIEW
    scope: Literal["order", "item"] = Field(default="order", description="item: evaluated once per order line.")
    needs: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = Field(min_length=1)
    when: Condition | None = None
    not_evaluable: str = Field(default="", description="Why the rule has no condition; required when `when` is absent.")
    note: str = ""

    @field_validator("severity", mode="before")
    @classmethod
    def _severity_by_name(cls, value: Any) -> Any:
        if isinstance(value, str):
            if value.upper() not in Severity.__members__:
                names = ", ".join(name.lower() for name in Severity.__members__)
                raise ValueError(f"unknown severity {value!r} (expected one of {names})")
            return Severity[value.upper()]
        return value

    @field_validator("needs")
    @classmethod
    def _known_needs(cls, needs: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        facts, _ = _context(info)
        for name in needs:
            _check_fact(name, facts)
        return needs

    @model_validator(mode="after")
    def _condition_or_reason(self) -> Rule:
        if self.when is None and not self.not_evaluable:
            raise ValueError("a rule without `when` must say why in `not_evaluable`")
        if self.when is not None and self.not_evaluable:
            raise ValueError("a rule with `when` must not carry `not_evaluable`")
        return self

    @property
    def citation(self) -> str:
        """The source references joined for display: ``EAR-732-S3 red flag 1; ADV-2023 ...``."""
        return "; ".join(f"{source.id} {source.ref}" for source in self.sources)


def referenced_facts(condition: Condition) -> list[str]:
    """Every fact a condition reads, in order of appearance, without repeats.

    Args:
        condition: a validated condition.

    Returns:
        The fact names, including those named by ``{fact: NAME}`` operands.
    """
    found: list[str] = []

    def walk(node: Condition) -> None:
        if isinstance(node, All):
            parts: tuple[Condition, ...] = node.all
        elif isinstance(node, AnyOf):
            parts = node.any
        elif isinstance(node, Not):
            parts = (node.not_,)
        else:
            names = [node.fact] + ([node.operand.fact] if isinstance(node.operand, FactRef) else [])
            found.extend(name for name in names if name not in found)
            return
        for part in parts:
            walk(part)

    walk(condition)
    return found
