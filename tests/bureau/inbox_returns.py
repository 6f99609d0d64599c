"""Real signed, encrypted returns for the returns-inbox tests, made without building packages.

A small synthetic round (minimal applications, a three-criterion rubric), a bureau workspace with a
passphrase, each member's certificate issued by the bureau CA and each panel's package registered
the way ``build_packages`` registers it. Returns are made as ``make_return`` makes them
(``return_document`` → ``jws.sign`` → ``age_files.encrypt_to`` the bureau); only opening a
package and sealing credentials with scrypt are left out, so a test makes dozens in a second.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace, init_workspace
from tic_desktop.returns.making import return_document
from tic_desktop.returns.scoring import ScoreSheet
from tic_desktop.review import EvaluatedRound, evaluate_round
from tic_desktop.security import age_files, certificates, jws

PASSPHRASE = "inbox bureau passphrase"
ROUND_ID = "INBOX-2026"
CRITERIA = ("c1", "c2", "c3")


def write_round(folder: Path, panels: int, members: int, apps: int) -> Path:
    (folder / "apps").mkdir(parents=True, exist_ok=True)
    rubric = {
        "id": "inbox-rubric",
        "step": "0.5",
        "criteria": [
            {"id": c, "title": f"评分项{c}", "max": "10", "guidance": ""} for c in CRITERIA
        ],
    }
    (folder / "rubric.json").write_text(json.dumps(rubric, ensure_ascii=False), encoding="utf-8")
    files, experts, panel_list = [], [], []
    for p in range(1, panels + 1):
        app_ids = [f"A{p}-{a}" for a in range(1, apps + 1)]
        for app_id in app_ids:
            application = {
                "id": app_id,
                "center_name": f"技术创新中心{app_id}",
                "lead_unit": {"name": f"申报单位{app_id}", "kind": "enterprise"},
            }
            (folder / "apps" / f"{app_id}.json").write_text(
                json.dumps(application, ensure_ascii=False), encoding="utf-8"
            )
            files.append(f"apps/{app_id}.json")
        member_ids = [f"E{p}{m:02d}" for m in range(1, members + 1)]
        experts += [
            {"id": e, "name": f"专家{e}", "unit_name": f"专家单位{e}", "title": "教授"}
            for e in member_ids
        ]
        panel_list.append(
            {"id": f"P{p}", "members": member_ids, "chair": member_ids[0], "applications": app_ids}
        )
    spec = {
        "id": ROUND_ID,
        "title": "收件箱测试批次",
        "kind": "establishment",
        "quorum": 3,
        "rubric": "rubric.json",
        "applications": files,
        "experts": experts,
        "panels": panel_list,
    }
    path = folder / "round.json"
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    return path


@dataclass
class Bureau:
    workspace: BureauWorkspace
    keys: BureauKeys
    review: EvaluatedRound
    round_file: Path
    issued: dict[str, tuple] = field(
        default_factory=dict
    )  # expert -> (key, certificate, fingerprint)
    packages: dict[str, SimpleNamespace] = field(default_factory=dict)  # panel -> stand-in package

    def sheet(self, expert: str, panel: str, points: str) -> ScoreSheet:
        """``expert`` gives ``points`` on every criterion of every application of the panel."""
        apps = next(p.applications for p in self.review.round.panels if p.id == panel)
        return ScoreSheet.from_json(
            {
                "expert": expert,
                "coi": {"certified": True, "declared": []},
                "scores": [
                    {
                        "application": a,
                        "criteria": {c: points for c in CRITERIA},
                        "opinion": "同意推荐。",
                        "recommend": True,
                    }
                    for a in apps
                ],
            }
        )

    def make_return(
        self,
        out: Path,
        expert: str,
        points: str = "7",
        *,
        panel: str | None = None,
        revision: int = 1,
        signed_at: dt.datetime | None = None,
    ) -> Path:
        """Write ``expert``'s signed return for their panel to ``out`` (a file path)."""
        panel = panel or next(p.id for p in self.review.round.panels if expert in p.members)
        key, certificate, fingerprint = self.issued[expert]
        credential = SimpleNamespace(expert_id=expert, fingerprint=fingerprint)
        document = return_document(
            self.packages[panel],
            credential,
            self.sheet(expert, panel, points),
            revision,
            signed_at=signed_at,
        )
        token = jws.sign(document, key, certificate)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(age_files.encrypt_to(token, [self.workspace.age_recipient]))
        return out

    def reseal(self, source: Path, out: Path) -> Path:
        """The same signed return encrypted again (as exporting it twice does): other bytes."""
        token = age_files.decrypt_with(source.read_bytes(), self.keys.identity)
        out.write_bytes(age_files.encrypt_to(token, [self.workspace.age_recipient]))
        return out


def make_bureau(base: Path, panels: int = 2, members: int = 4, apps: int = 2) -> Bureau:
    workspace = init_workspace(base / "bureau", "测试评审局", passphrase=PASSPHRASE)
    keys = workspace.keys(PASSPHRASE)
    round_file = write_round(base / "round", panels, members, apps)
    review = evaluate_round(round_file)
    bureau = Bureau(workspace, keys, review, round_file)
    experts = review.round.experts
    signer = SimpleNamespace(
        fingerprint=workspace.fingerprint, age_recipient=workspace.age_recipient
    )
    built_at = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC).isoformat(timespec="seconds")
    for panel in review.round.panels:
        for member in panel.members:
            expert = experts[member]
            key, certificate = certificates.issue_expert_certificate(
                keys.ca_key, workspace.ca_certificate, member, expert.name, expert.unit_name
            )
            bureau.issued[member] = (key, certificate, certificates.fingerprint(certificate))
        package_sha256 = hashlib.sha256(f"{ROUND_ID}/{panel.id}".encode()).hexdigest()
        bureau.packages[panel.id] = SimpleNamespace(
            manifest=SimpleNamespace(
                round=SimpleNamespace(id=ROUND_ID), panel_id=panel.id, bureau=signer
            ),
            package_sha256=package_sha256,
        )
        workspace.register_package(
            package_sha256,
            {
                "round": ROUND_ID,
                "panel": panel.id,
                "members": list(panel.members),
                "member_fingerprints": {m: bureau.issued[m][2] for m in panel.members},
                "applications": list(panel.applications),
                "file": f"{panel.id}.ticpkg",
                "built_at": built_at,
            },
        )
    return bureau


def total(points: str) -> Decimal:
    return Decimal(points) * len(CRITERIA)
