"""Issue #12 item 2: an application is scored by exactly one panel (formats.md, "Review round").

A round that puts one application in two panels is refused when it is loaded (``tic panel-check``
exits 2 naming the application and both panels), by the round draft (it cannot be saved, by the
wizard or the round editor), and the panel builder shows it on both panels. The build's refusal is
in tests/security/test_sec_attachments.py.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "rules"))
from tic_builders import base_application, expert, outside_unit, write_round

from tic_desktop.bureau.round_draft import (
    ApplicationEntry,
    PanelDraft,
    RoundDraft,
    criterion,
    save_round_in_place,
)
from tic_desktop.bureau.round_draft import (
    write_round as save_draft,
)
from tic_desktop.cli.main import main
from tic_desktop.domain.application import Application
from tic_desktop.domain.loading import load_round
from tic_desktop.domain.round import Expert
from tic_desktop.errors import InputError
from tic_desktop.paths import demo_round_file


def _shared_round(folder: Path) -> Path:
    apps = [base_application("LC-2026-001"), base_application("LC-2026-002")]
    experts = [expert(f"E{i:02d}", outside_unit(i)) for i in range(1, 13)]
    panels = [
        {
            "id": "P1",
            "members": [f"E{i:02d}" for i in range(1, 7)],
            "chair": "E01",
            "applications": ["LC-2026-001", "LC-2026-002"],
        },
        {
            "id": "P2",
            "members": [f"E{i:02d}" for i in range(7, 13)],
            "chair": "E07",
            "applications": ["LC-2026-002"],
        },
    ]
    return write_round(folder, apps, experts=experts, panels=panels)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", "申报 LC-2026-002 同时分在专家组 P1 和 P2"), ("en", "in both panels P1 and P2")],
)
def test_panel_check_refuses_an_application_in_two_panels(tmp_path, capsys, lang, words):
    round_file = _shared_round(tmp_path)
    code = main(["--lang", lang, "panel-check", str(round_file), "--format", "json"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, ""), err
    assert str(round_file) in err and "panels[1].applications[0]" in err and words in err
    with pytest.raises(InputError) as raised:
        load_round(round_file)
    assert raised.value.field == "panels[1].applications[0]"


def _draft() -> RoundDraft:
    """Two valid panels of independent experts, one application each."""
    experts = [
        Expert(
            id=f"O{i}", name=f"独立{i}", unit_name=outside_unit(i)[0], unit_uscc=outside_unit(i)[1]
        )
        for i in range(12)
    ]
    applications = {}
    for app_id in ("A1", "A2"):
        data = base_application(app_id)
        data.pop("attachments")
        applications[app_id] = ApplicationEntry(Application.model_validate(data), data, Path("."))
    draft = RoundDraft(
        id="R1",
        title="测试批次",
        criteria=[criterion("a", "甲", "60"), criterion("b", "乙", "40")],
        applications=applications,
        experts=experts,
    )
    draft.panels.append(PanelDraft("P1", [e.id for e in experts[:6]], "O0", ["A1"]))
    draft.panels.append(PanelDraft("P2", [e.id for e in experts[6:]], "O6", ["A2"]))
    assert draft.blockers() == []
    return draft


def test_the_draft_cannot_be_saved_with_an_application_in_two_panels(tmp_path):
    draft = _draft()
    draft.panel("P2").applications.append("A1")
    [blocker] = draft.save_blockers()
    assert (blocker.check_id, blocker.application_id) == ("round.two_panels", "A1")
    assert {blocker.panel_id, blocker.other_panel_id} == {"P1", "P2"}
    assert "A1" in blocker.message_zh and "P1" in blocker.message_zh and "P2" in blocker.message_zh
    with pytest.raises(InputError) as raised:
        save_draft(draft, tmp_path / "round")
    assert "A1" in raised.value.message_zh
    assert list(tmp_path.iterdir()) == []  # nothing written, no staging folder left


def test_the_round_editor_cannot_save_in_place_either(tmp_path):
    shutil.copytree(demo_round_file().parent, tmp_path / "demo")
    round_file = tmp_path / "demo" / "round.json"
    before = round_file.read_bytes()
    draft = RoundDraft.from_round(load_round(round_file))
    draft.panel("P2").applications.append("LC-2026-001")
    with pytest.raises(InputError) as raised:
        save_round_in_place(draft)
    assert "LC-2026-001" in raised.value.message_zh
    assert round_file.read_bytes() == before


@pytest.mark.gui
def test_the_panel_builder_marks_both_panels_and_names_the_application(qtbot):
    from tic_desktop.gui.panel_builder import PanelBuilder

    draft = _draft()
    builder = PanelBuilder(draft, "zh")
    qtbot.addWidget(builder)

    def marks() -> list[str]:
        return [builder.panel_list.item(r).text() for r in range(builder.panel_list.count())]

    assert marks() == ["✓ P1", "✓ P2"]
    builder.select_panel("P2")
    builder.set_application("A1", True)
    assert marks() == ["✗ P1", "✗ P2"]
    assert "申报 A1 同时分配给了专家组 P1 和 P2" in builder.blockers.text()
    assert draft.save_blockers()  # what keeps the wizard's Finish and the editor's Save from saving
    builder.set_application("A1", False)
    assert marks() == ["✓ P1", "✓ P2"] and not draft.save_blockers()
