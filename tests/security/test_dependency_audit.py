"""``scripts/dependency_audit.py`` (run by ``make test``): a report with a known vulnerability
fails, an unreachable service or one that knows no package is "not checked" (offline-tolerant),
and ignored ids are left out."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "dependency_audit.py"


@pytest.fixture(scope="module")
def audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dependency_audit", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["dependency_audit"] = module
    spec.loader.exec_module(module)
    return module


def _report(*dependencies: dict[str, object]) -> str:
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def test_a_known_vulnerability_is_reported(audit: ModuleType) -> None:
    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["2.0.1"], "aliases": [], "description": "x"}
    stdout = _report({"name": "jinja2", "version": "2.0", "vulns": [vuln]}, {"name": "idna", "version": "3.2", "vulns": []})
    verdict = audit.read_report("pypi", 1, stdout, "")
    assert verdict.reached and verdict.audited == 2
    assert verdict.vulns == ["jinja2 2.0: PYSEC-2099-1 (fixed in 2.0.1)"]


def test_ignored_vulnerabilities_are_left_out(audit: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "IGNORED", {"GHSA-xxxx": "no fix released; the affected function is not used"})
    stdout = _report({"name": "pkg", "version": "1", "vulns": [{"id": "GHSA-xxxx", "fix_versions": []}]})
    verdict = audit.read_report("osv", 1, stdout, "")
    assert verdict.reached and verdict.vulns == []


def test_a_service_that_knows_no_package_did_not_check_anything(audit: ModuleType) -> None:
    stdout = _report({"name": "idna", "skip_reason": "Dependency not found on PyPI and could not be audited: idna (3.2)"})
    verdict = audit.read_report("pypi", 0, stdout, "")
    assert not verdict.reached and "none of the installed packages" in verdict.problem


def test_an_unreachable_service_is_not_a_failure(audit: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    verdict = audit.read_report("osv", 1, "", "Traceback ...\nrequests.exceptions.ConnectionError: Failed to resolve 'api.osv.dev'")
    assert not verdict.reached and "ConnectionError" in verdict.problem
    monkeypatch.setattr(audit, "run_audit", lambda service: audit.Verdict(service, False, problem="offline"))
    assert audit.main([]) == 0
    assert "SKIPPED" in capsys.readouterr().out


def test_main_fails_on_a_vulnerability(audit: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    found = audit.Verdict("pypi", True, audited=3, vulns=["jinja2 2.0: PYSEC-2099-1"])
    monkeypatch.setattr(audit, "run_audit", lambda service: found)
    assert audit.main(["--service", "pypi"]) == 1
    assert "PYSEC-2099-1" in capsys.readouterr().out
