"""Sign the 评审结果汇总表 of a review day on the demo round (tests/reports/round_results.py:
six returns of panel P1, one member without a return, a recusal, a return for another round and a
damaged one) with throwaway keys, and render it to docs/screenshots:

- pdf-result-summary.png: page 1 (establishment round: no grades);
- pdf-result-summary-signed.png: the last page (the 经办人/审核人 lines and the bureau's seal);
- pdf-result-summary-performance.png: page 1 of the same day as a performance round (grades).

    .venv/bin/python tools/sample_result_summary.py [OUT_DIR]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT / "tests" / "reports"))

from round_results import day_results, demo_round, performance_round  # noqa: E402

from tic_desktop.aggregation import round_method  # noqa: E402
from tic_desktop.reports.forms import draw_result_summary  # noqa: E402
from tic_desktop.reports.result_summary import SIGNER_ROLE, result_summary  # noqa: E402
from tic_desktop.security import certificates as certs  # noqa: E402
from tic_desktop.signing.pdf_signing import (  # noqa: E402
    SignerIdentity,
    prepare_signature_fields,
    sign_pdf,
)

BUREAU = "聊城市科学技术局"


def _signed(review_round, identity: SignerIdentity) -> bytes:
    results, returns = day_results(review_round)
    summary = result_summary(review_round, results, returns, round_method(review_round))
    pdf, slots = draw_result_summary(summary)
    return sign_pdf(prepare_signature_fields(pdf, slots), identity, slots[0], certify=True)


def _render(pdf: Path, page: int, target: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile"]
        + [str(pdf), str(target.with_suffix(""))],
        check=True,
    )
    print(target)


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/tic-sample-documents")
    out.mkdir(parents=True, exist_ok=True)
    ca_key, ca = certs.create_bureau_ca(BUREAU)
    key, certificate = certs.issue_expert_certificate(
        ca_key, ca, "BUREAU", BUREAU, BUREAU, SIGNER_ROLE
    )
    identity = SignerIdentity(
        certs.key_to_pem(key),
        certs.certificate_to_pem(certificate),
        certs.certificate_to_pem(ca),
        BUREAU,
        SIGNER_ROLE,
    )
    establishment = out / "result-summary.pdf"
    establishment.write_bytes(_signed(demo_round(), identity))
    _render(establishment, 1, SHOTS / "pdf-result-summary.png")
    _render(establishment, _pages(establishment), SHOTS / "pdf-result-summary-signed.png")
    with tempfile.TemporaryDirectory() as folder:
        performance = out / "result-summary-performance.pdf"
        performance.write_bytes(_signed(performance_round(Path(folder)), identity))
    _render(performance, 1, SHOTS / "pdf-result-summary-performance.png")
    (out / "root.pem").write_text(certs.certificate_to_pem(ca))
    return 0


if __name__ == "__main__":
    sys.exit(main())
