"""The whole review from the command line, in-process (README "A whole review from the command
line").

Shared by test_no_network.py and test_user_data_locations.py: bureau init, package build for P1,
an expert opening the package, E02's return with signed opinion PDFs, return verify, aggregate,
and tic pdf verify of every PDF against the bureau root. Every step must exit 0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tic_desktop.cli.main import main as tic

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo"
BUREAU_PASSPHRASE = "offline flow bureau passphrase 聊城"
EXPERT = "E02"


@dataclass
class FlowResult:
    base: Path
    outputs: dict[str, str] = field(default_factory=dict)  # step -> stdout
    expert_passphrase: str = ""
    pdfs: list[Path] = field(default_factory=list)

    @property
    def secrets(self) -> list[str]:
        return [BUREAU_PASSPHRASE, self.expert_passphrase]


def run_full_flow(base: Path, capsys) -> FlowResult:
    """Run every step into ``base`` (which it fills); ``capsys`` collects each step's output."""
    result = FlowResult(base)
    bureau, packages, pdfs = base / "bureau", base / "packages", base / "pdfs"
    base.mkdir(parents=True, exist_ok=True)
    bureau_pass = base / "bureau-pass.txt"
    bureau_pass.write_text(BUREAU_PASSPHRASE + "\n", encoding="utf-8")

    def step(name: str, *argv: str) -> str:
        code = tic(list(argv))
        captured = capsys.readouterr()
        assert code == 0, f"tic {' '.join(argv)} exited {code}: {captured.err}"
        result.outputs[name] = captured.out
        result.outputs[name + ".err"] = captured.err
        return captured.out

    step(
        "bureau init",
        "bureau",
        "init",
        str(bureau),
        "--passphrase-file",
        str(bureau_pass),
        "--format",
        "json",
    )
    built = json.loads(
        step(
            "package build",
            "package",
            "build",
            str(DEMO / "round.json"),
            "--bureau",
            str(bureau),
            "--out",
            str(packages),
            "--panel",
            "P1",
            "--passphrase-file",
            str(bureau_pass),
            "--passphrases-json",
            str(base / "pass.json"),
            "--format",
            "json",
        )
    )
    package = built["packages"][0]["file"]
    result.expert_passphrase = json.loads((base / "pass.json").read_text(encoding="utf-8"))[EXPERT]
    expert_pass = base / "e02.txt"
    expert_pass.write_text(result.expert_passphrase + "\n", encoding="utf-8")
    opened = json.loads(
        step(
            "package open",
            "package",
            "open",
            package,
            "--expert",
            EXPERT,
            "--passphrase-file",
            str(expert_pass),
            "--format",
            "json",
        )
    )
    assert opened["signature"] == "valid" and any(
        a["access"] == "verified" for a in opened["applications"]
    )
    made = json.loads(
        step(
            "return make",
            "return",
            "make",
            package,
            str(DEMO / "scores-E02.example.json"),
            "--out",
            str(base / "E02.ticreturn"),
            "--passphrase-file",
            str(expert_pass),
            "--pdf-dir",
            str(pdfs),
            "--format",
            "json",
        )
    )
    result.pdfs = [Path(p) for p in made["pdfs"]]
    assert result.pdfs, "return make wrote no opinion PDF"
    verified = json.loads(
        step(
            "return verify",
            "return",
            "verify",
            made["file"],
            "--bureau",
            str(bureau),
            "--passphrase-file",
            str(bureau_pass),
            "--format",
            "json",
        )
    )
    assert [r["status"] for r in verified["returns"]] == ["accepted"]
    ranking = json.loads(
        step(
            "aggregate",
            "aggregate",
            str(DEMO / "round.json"),
            made["file"],
            "--bureau",
            str(bureau),
            "--passphrase-file",
            str(bureau_pass),
            "--format",
            "json",
        )
    )
    assert [r["status"] for r in ranking["returns"]] == ["accepted"]
    root = base / "root.pem"
    root.write_text(step("bureau root", "bureau", "root", str(bureau)), encoding="ascii")
    for pdf in result.pdfs:
        report = json.loads(
            step(
                f"pdf verify {pdf.name}",
                "pdf",
                "verify",
                str(pdf),
                "--root",
                str(root),
                "--format",
                "json",
            )
        )
        assert report["valid"] is True
    return result
