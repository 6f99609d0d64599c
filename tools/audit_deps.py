"""Dependency audit for `bootstrap.sh test`: pip-audit over the project's venv (docs/security.md).

    .venv/bin/python tools/audit_deps.py

Exit 0 when every installed package was audited and none is vulnerable, 1 when a package is
vulnerable or could not be audited, or pip-audit failed for any reason other than the network.
"Offline" is decided from pip-audit's own result, not from a probe of our own, in either of two
forms: pip-audit stops without a report and its error text says it could not reach its
vulnerability service; or its report skips every single package as not found (a package index
that serves downloads but not the vulnerability data answers 404 for each). Offline the audit can
only warn, and the run goes on (exit 0). pip-audit runs without --strict so that the report is
written either way; a package skipped while others were audited fails here, as --strict would.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

# What pip-audit (2.x) and requests print when the vulnerability service cannot be reached: its own
# ConnectionError ("Could not connect to PyPI's vulnerability feed" plus a tip about blocking), or
# an uncaught requests error for DNS failures, refused connections and time-outs.
OFFLINE = re.compile(
    r"Could not connect to \S+ vulnerability feed"
    r"|network may be blocking this service"
    r"|is not redirecting properly"
    r"|requests\.exceptions\.(ConnectionError|ConnectTimeout|ReadTimeout|SSLError|ProxyError)"
    r"|Max retries exceeded"
    r"|NameResolutionError|Temporary failure in name resolution|Name or service not known"
    r"|Failed to establish a new connection|Network is unreachable|Connection refused"
)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "audit.json"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip_audit",
                "--skip-editable",
                "--progress-spinner",
                "off",
                "--desc",
                "on",
                "--format",
                "json",
                "--output",
                str(report),
            ],
            capture_output=True,
            text=True,
        )
        text = report.read_text() if report.is_file() else ""
    try:
        result = json.loads(text) if text.strip() else None
    except json.JSONDecodeError:
        result = None
    if result is not None:
        dependencies = result.get("dependencies", [])
        vulnerable = [d for d in dependencies if d.get("vulns")]
        skipped = [d for d in dependencies if d.get("skip_reason")]
        if dependencies and len(skipped) == len(dependencies):
            print(
                "audit: WARNING: pip-audit's vulnerability service knew none of the"
                f" {len(dependencies)} packages (e.g. {skipped[0]['skip_reason']}); it is"
                " unreachable from here, dependency audit skipped",
                file=sys.stderr,
            )
            return 0
        for dep in skipped:
            print(f"audit: not audited: {dep['skip_reason']}", file=sys.stderr)
        for dep in vulnerable:
            for vuln in dep["vulns"]:
                fixes = ", ".join(vuln.get("fix_versions") or []) or "none yet"
                print(
                    f"audit: {dep['name']} {dep.get('version')}: {vuln['id']} (fixed in {fixes})"
                    f"\n    {(vuln.get('description') or '').strip()[:400]}",
                    file=sys.stderr,
                )
        if done.returncode == 0 and not vulnerable and not skipped:
            print(f"audit: {len(dependencies)} packages audited, no known vulnerability")
            return 0
        print(
            f"audit: dependency audit failed: {len(vulnerable)} vulnerable package(s),"
            f" {len(skipped)} not audited"
            f" (pip-audit exit {done.returncode})",
            file=sys.stderr,
        )
        sys.stderr.write(done.stderr[-3000:])
        return 1
    if done.returncode != 0 and OFFLINE.search(done.stderr):
        last = [line for line in done.stderr.strip().splitlines() if line.strip()][-1:]
        print(
            "audit: WARNING: pip-audit could not reach its vulnerability service; dependency audit"
            f" skipped ({' '.join(last)[:300]})",
            file=sys.stderr,
        )
        return 0
    sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
    print(f"audit: dependency audit failed (pip-audit exit {done.returncode})", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
