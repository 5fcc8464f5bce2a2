"""Load and validate rule files: the package's ``data/red_flags.yaml`` plus any user files.

A rule file is YAML with the sections ``meta`` (``default_outcome`` for its flags), ``facts``
(the fact vocabulary: name -> type, values, doc), ``sets`` (named value lists with sources),
``prohibitions`` (default outcome block) and ``flags`` (default outcome review). Files merge:
facts and sets are shared by all files, and a rule id, fact or set defined twice differently
is a :class:`~tradewarden.errors.ConfigError` naming the file, the rule id and the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from tradewarden.errors import ConfigError
from tradewarden.findings import Outcome
from tradewarden.rules.model import FactSpec, Rule, ValueSet

PACKAGE_FILE = "red_flags.yaml"
_SECTIONS = ("meta", "facts", "sets", "prohibitions", "flags")
_TAGS = {"all", "any", "not"}


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Loaded rules with the fact vocabulary and value sets they were validated against."""

    rules: tuple[Rule, ...]
    facts: Mapping[str, FactSpec] = field(default_factory=dict)
    sets: Mapping[str, ValueSet] = field(default_factory=dict)
    files: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        """The rule with this id, or None."""
        return next((rule for rule in self.rules if rule.id == rule_id), None)


def _loc_path(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic location, dropping the discriminator tags of conditions."""
    parts = list(loc)
    kept: list[int | str] = []
    for index, part in enumerate(parts):
        following = parts[index + 1] if index + 1 < len(parts) else None
        if part == "leaf" or (part in _TAGS and following in (part, "not_")):
            continue
        kept.append("not" if part == "not_" else part)
    text = ""
    for part in kept:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _config_error(source: str, what: str, exc: ValidationError, **details: Any) -> ConfigError:
    error = exc.errors()[0]
    where = _loc_path(error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    text = f"{source}: {what}" + (f": {where}" if where else "") + f": {message}"
    return ConfigError(text, file=source, field=where, **details)


_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(source: str, text: str) -> Mapping[str, Any]:
    try:
        document = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader (libyaml when present)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: not valid YAML: {exc}", file=source) from None
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise ConfigError(f"{source}: a rule file is a mapping of {list(_SECTIONS)}", file=source)
    unknown = [key for key in document if key not in _SECTIONS]
    if unknown:
        raise ConfigError(f"{source}: unknown section {unknown[0]!r} (expected {list(_SECTIONS)})", file=source)
    return document


def _mapping(source: str, document: Mapping[str, Any], section: str) -> Mapping[str, Any]:
    value = document.get(section) or {}
    if not isinstance(value, Mapping):
        raise ConfigError(f"{source}: `{section}` must be a mapping", file=source, field=section)
    return value


def _merge_specs(
    source: str, section: str, raw: Mapping[str, Any], model: type[FactSpec] | type[ValueSet], into: dict[str, Any]
) -> None:
    for name, body in raw.items():
        try:
            spec = model.model_validate(body)
        except ValidationError as exc:
            raise _config_error(source, f"{section} {name}", exc, name=name) from None
        if name in into and into[name] != spec:
            raise ConfigError(f"{source}: {section} {name!r} is already defined differently", file=source, name=name)
        into[name] = spec


def _rules(source: str, document: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    meta = _mapping(source, document, "meta")
    flag_outcome = str(meta.get("default_outcome", Outcome.REVIEW.value))
    defaults = {"prohibitions": ("prohibition", Outcome.BLOCK.value), "flags": ("flag", flag_outcome)}
    for section, (kind, outcome) in defaults.items():
        raw_rules = document.get(section) or []
        if not isinstance(raw_rules, list):
            raise ConfigError(f"{source}: `{section}` must be a list of rules", file=source, field=section)
        for index, raw in enumerate(raw_rules):
            if not isinstance(raw, dict):
                raise ConfigError(f"{source}: {section}[{index}] is not a mapping", file=source, field=section)
            yield str(raw.get("id", f"{section}[{index}]")), {"kind": kind, "outcome": outcome, **raw}


def _load_documents(documents: list[tuple[str, Mapping[str, Any]]], exclude: Iterable[str]) -> RuleSet:
    facts: dict[str, FactSpec] = {}
    sets: dict[str, ValueSet] = {}
    for source, document in documents:
        _merge_specs(source, "fact", _mapping(source, document, "facts"), FactSpec, facts)
        _merge_specs(source, "set", _mapping(source, document, "sets"), ValueSet, sets)
    context = {"facts": facts, "sets": sets}
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for source, document in documents:
        for rule_id, raw in _rules(source, document):
            try:
                rule = Rule.model_validate(raw, context=context)
            except ValidationError as exc:
                raise _config_error(source, f"rule {rule_id}", exc, rule_id=rule_id) from None
            if rule.id in seen:
                raise ConfigError(
                    f"{source}: rule {rule.id}: duplicate id (first defined in {seen[rule.id]})",
                    file=source,
                    rule_id=rule.id,
                    field="id",
                )
            seen[rule.id] = source
            rules.append(rule)
    dropped = set(exclude)
    unknown = sorted(dropped - set(seen))
    if unknown:
        raise ConfigError(f"cannot exclude unknown rule ids: {', '.join(unknown)}", rule_ids=unknown)
    kept = tuple(rule for rule in rules if rule.id not in dropped)
    return RuleSet(rules=kept, facts=facts, sets=sets, files=tuple(source for source, _ in documents))


@lru_cache(maxsize=1)
def _package_document() -> tuple[str, Mapping[str, Any]]:
    """The package file, parsed once (documents are never mutated)."""
    source = f"tradewarden/rules/data/{PACKAGE_FILE}"
    resource = files("tradewarden.rules").joinpath("data", PACKAGE_FILE)
    return source, _read(source, resource.read_text(encoding="utf-8"))


def load_rules(
    paths: Iterable[str | Path] = (), *, include_package: bool = True, exclude: Iterable[str] = ()
) -> RuleSet:
    """Load, validate and merge rule files.

    Args:
        paths: user rule files, read after the package file; they may use its facts and sets.
        include_package: start from the package's ``red_flags.yaml``.
        exclude: rule ids to leave out (for example one replaced by a stricter user rule).

    Returns:
        The merged :class:`RuleSet`.

    Raises:
        ConfigError: a file is missing or not YAML, a rule is invalid (the message names the file,
            rule id and field, e.g. ``rule RF-PY-01: when.all[0].fact: unknown fact``), an id is
            defined twice, or ``exclude`` names an unknown id.
    """
    documents = [_package_document()] if include_package else []
    for path in map(Path, paths):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read rule file: {exc.strerror}", file=str(path)) from None
        documents.append((str(path), _read(str(path), text)))
    return _load_documents(documents, exclude)


def load_rules_text(text: str, *, source: str = "<rules>", include_package: bool = True) -> RuleSet:
    """Load rules from YAML text (tests, API uploads), merged with the package file by default.

    Args:
        text: the YAML of one rule file.
        source: the name used in error messages.
        include_package: merge with the package's ``red_flags.yaml`` first.

    Returns:
        The merged :class:`RuleSet`.

    Raises:
        ConfigError: as for :func:`load_rules`.
    """
    documents = [_package_document()] if include_package else []
    return _load_documents([*documents, (source, _read(source, text))], ())


@lru_cache(maxsize=1)
def package_rules() -> RuleSet:
    """The package's rules, loaded and validated once per process.

    Returns:
        The :class:`RuleSet` of ``tradewarden/rules/data/red_flags.yaml``.
    """
    return load_rules()
