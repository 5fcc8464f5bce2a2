"""Audit the installed environment's packages for known vulnerabilities with pip-audit (``make test``).

Asks the PyPI advisory service first, then OSV. Offline-tolerant: when no service can be
reached, or the one reached knows none of the packages (a private mirror answers "not found"
for everything), it says so and exits 0, since nothing could be checked. When a service
answers and reports a known vulnerability that is not in :data:`IGNORED`, it lists them and
exits 1.

Known vulnerabilities that cannot be fixed yet are ignored explicitly, each with its reason,
in :data:`IGNORED` and in docs/security.md ("Dependency audit").

Run: ``.venv/bin/python scripts/dependency_audit.py [--service pypi --service osv]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any

#: Vulnerability id → why it is ignored (keep docs/security.md in step).
IGNORED: dict[str, str] = {}
SERVICES = ("pypi", "osv")


@dataclass
class Verdict:
    """What one pip-audit run said: ``reached`` (the service answered about some package),
    the packages audited and not found, and the vulnerabilities found."""

    service: str
    reached: bool
    audited: int = 0
    skipped: int = 0
    vulns: list[str] = field(default_factory=list)
    problem: str = ""


def read_report(service: str, returncode: int, stdout: str, stderr: str) -> Verdict:
    """Interpret one ``pip-audit --format json`` run.

    Args:
        service: the advisory service asked.
        returncode: pip-audit's exit status (1 when vulnerabilities were found, or on failure).
        stdout: its JSON report, if it got that far.
        stderr: its messages.
    Returns:
        The verdict; ``reached`` is False when there is no report, or every package was skipped.
    """
    try:
        report: Any = json.loads(stdout)
        dependencies = report["dependencies"] if isinstance(report, dict) else report
    except (json.JSONDecodeError, KeyError, TypeError):
        lines = [line for line in stderr.strip().splitlines() if line.strip()]
        return Verdict(service, False, problem=lines[-1] if lines else f"pip-audit exit status {returncode}")
    audited = [d for d in dependencies if not d.get("skip_reason")]
    vulns = [
        f"{d['name']} {d['version']}: {v['id']}" + (f" (fixed in {', '.join(v['fix_versions'])})" if v.get("fix_versions") else "")
        for d in audited for v in d.get("vulns", []) if v["id"] not in IGNORED
    ]
    verdict = Verdict(service, bool(audited), len(audited), len(dependencies) - len(audited), vulns)
    if not audited:
        verdict.problem = "the service knew none of the installed packages"
    return verdict


def run_audit(service: str, timeout: float = 300.0) -> Verdict:
    """Run pip-audit over the current environment against ``service``."""
    command = [sys.executable, "-m", "pip_audit", "-s", service, "--format", "json", "--progress-spinner", "off",
               "--skip-editable", "--timeout", "20"]
    for vuln_id in IGNORED:
        command += ["--ignore-vuln", vuln_id]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Verdict(service, False, problem=f"no answer within {timeout:g} s")
    return read_report(service, done.returncode, done.stdout, done.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--service", action="append", choices=SERVICES, help="advisory service(s) to ask, in order")
    args = parser.parse_args(argv)
    try:
        import pip_audit  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        print("dependency audit: pip-audit is not installed (pip install -e '.[dev]')", file=sys.stderr)
        return 1
    for service in args.service or SERVICES:
        verdict = run_audit(service)
        if not verdict.reached:
            print(f"dependency audit: advisory service {service!r} unreachable or unusable ({verdict.problem})")
            continue
        if verdict.vulns:
            print(f"dependency audit ({service}): {len(verdict.vulns)} known vulnerabilities:")
            for line in verdict.vulns:
                print(f"  {line}")
            print("upgrade, or ignore one with a reason in scripts/dependency_audit.py and docs/security.md")
            return 1
        print(f"dependency audit ({service}): {verdict.audited} packages, no known vulnerabilities"
              + (f" ({verdict.skipped} not known to the service)" if verdict.skipped else "")
              + (f"; ignored: {', '.join(IGNORED)}" if IGNORED else ""))
        return 0
    print("dependency audit: SKIPPED, no advisory service could be reached (offline); nothing was checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
