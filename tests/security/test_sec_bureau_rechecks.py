"""Issue #12 items 3–5: the bureau re-checks every rule, one verifier for bureau and chair, and the
result depends on the set of returns, never their order.

Hostile returns here are signed with a panel member's real key (a hostile or broken client has
that key), so every signature and certificate check passes and only the content is at fault.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import itertools
import json
from decimal import Decimal
from pathlib import Path

import pytest

from tic_desktop.aggregation import aggregate
from tic_desktop.cli.main import main
from tic_desktop.domain.loading import load_round
from tic_desktop.errors import TicError
from tic_desktop.returns.receiving import receive_returns
from tic_desktop.security import age_files, certificates, jws

ROUND_ID = "2026-TIC-01"
ROUND_FILE = Path(__file__).resolve().parents[2] / "resources" / "demo" / "round.json"


def document_of(token: bytes) -> dict:
    payload = token.split(b".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + b"=" * (-len(payload) % 4)))


def sign_as(credential, document: dict) -> bytes:
    key = certificates.key_from_pem(credential.key_pem)
    certificate = certificates.certificate_from_pem(credential.certificate_pem)
    body = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return jws.sign(body.encode("utf-8"), key, certificate)


@pytest.fixture
def genuine(tmp_path, opened_p1, members, db, sec):
    """E02's genuine return (every rule kept) and its signed document."""
    sheet = sec.sheet_model(sec.score_sheet(opened_p1.manifest, "E02"))
    made = sec.make_return(opened_p1, members["E02"], sheet, tmp_path / "E02.ticreturn", db)
    return made, document_of(made.token)


def forged(tmp_path, bureau, members, document: dict, name: str, expert: str = "E02") -> Path:
    sealed = age_files.encrypt_to(
        sign_as(members[expert], document), [bureau.workspace.age_recipient]
    )
    target = tmp_path / name
    target.write_bytes(sealed)
    return target


def entry(document: dict, application: str) -> dict:
    return next(s for s in document["scores"] if s["application"] == application)


def _uncertified(d):
    d["coi"]["certified"] = False


def _twice(d):
    d["scores"].append(dict(d["scores"][0]))


def _out_of_range(d):
    d["scores"][0]["criteria"]["foundation"] = "999"


def _off_step(d):
    d["scores"][0]["criteria"]["foundation"] = "17.3"


def _no_reason(d):
    d["scores"][0]["criteria"]["foundation"] = "20"
    d["scores"][0]["reasons"].pop("foundation", None)


def _no_judgement(d):
    entry(d, "LC-2026-004")["judgements"].pop("premises.rd_space")


def _disagree_without_reason(d):
    entry(d, "LC-2026-004")["judgements"]["premises.rd_space"] = {"agrees": False, "reason": " "}


def _judging_a_passed_check(d):
    d["scores"][0]["judgements"]["lead_unit.kind"] = {"agrees": True, "reason": ""}


def _revision_text(d):
    d["revision"] = "x"


def _revision_zero(d):
    d["revision"] = 0


def _bad_time(d):
    d["created_at"] = "yesterday"


@pytest.mark.parametrize(
    ("mutate", "reason", "detail"),
    [
        (_uncertified, "not_certified", "回避声明"),
        (_twice, "malformed", "重复评分"),
        (_out_of_range, "rule_violation", "依托单位基础条件"),
        (_off_step, "rule_violation", "步长"),
        (_no_reason, "rule_violation", "须填写理由"),
        (_no_judgement, "rule_violation", "科研用房面积"),
        (_disagree_without_reason, "rule_violation", "须说明理由"),
        (_judging_a_passed_check, "rule_violation", "无需专家研判"),
        (_revision_text, "malformed", "修订号"),
        (_revision_zero, "malformed", "修订号"),
        (_bad_time, "malformed", "签名时间"),
    ],
)
def test_a_hostile_clients_return_is_refused_with_the_reason(
    tmp_path, bureau, members, review, genuine, mutate, reason, detail
):
    made, document = genuine
    mutate(document)
    hostile = forged(tmp_path, bureau, members, document, "hostile.ticreturn")
    [item] = receive_returns([hostile], bureau.workspace, bureau.keys, review.round)
    assert (item.status, item.reason) == ("rejected", reason)
    assert detail in item.detail
    # and nothing of it is counted
    results = aggregate(review.round, [item])
    assert all("E02" not in r.totals for r in results)


def test_the_genuine_return_passes_the_same_checks(bureau, review, genuine):
    made, _ = genuine
    [item] = receive_returns([made.file], bureau.workspace, bureau.keys, review.round)
    assert (item.status, item.reason) == ("accepted", None)


def test_tic_aggregate_does_not_count_an_uncertified_return(
    capsys, tmp_path, bureau, members, genuine
):
    made, document = genuine
    _uncertified(document)
    hostile = forged(tmp_path, bureau, members, document, "hostile.ticreturn")
    code = main(
        [
            "aggregate",
            str(ROUND_FILE),
            str(hostile),
            "--bureau",
            str(bureau.folder),
            "--passphrase-file",
            str(bureau.passphrase_file),
            "--format",
            "json",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["returns"] == [
        {"file": str(hostile), "expert": "E02", "status": "rejected", "reason": "not_certified"}
    ]
    review_round = load_round(ROUND_FILE)
    for application in out["applications"]:
        panel = next(p for p in review_round.panels if application["id"] in p.applications)
        excluded = {e["expert"]: e["reason"] for e in application["excluded"]}
        # every member of the panel is accounted for, and E02 counts nowhere
        assert application["valid"] + len(application["excluded"]) == len(panel.members)
        if "E02" in panel.members:
            assert excluded["E02"] in ("no_return", "recused")


# --- order and revisions -------------------------------------------------------------------------
def _later(document: dict, seconds: int) -> None:
    when = dt.datetime.fromisoformat(document["created_at"]) + dt.timedelta(seconds=seconds)
    document["created_at"] = when.isoformat(timespec="microseconds")


def _statuses(files, bureau, review, chosen=()):
    items = receive_returns(files, bureau.workspace, bureau.keys, review.round, chosen)
    return {item.file.name: item.status for item in items}, items


def test_two_equal_revisions_with_different_scores_conflict_in_any_order(
    tmp_path, bureau, members, review, genuine
):
    made, document = genuine
    other = json.loads(json.dumps(document))
    other["scores"][0]["criteria"]["team"] = "10"
    _later(other, 5)
    second = forged(tmp_path, bureau, members, other, "E02-b.ticreturn")
    outcomes = []
    for order in itertools.permutations([made.file, second]):
        statuses, items = _statuses(list(order), bureau, review)
        results = aggregate(review.round, items)
        outcomes.append(
            (statuses, [(r.application_id, r.final, r.rank, r.excluded) for r in results])
        )
    assert outcomes[0] == outcomes[1]  # a function of the set, not the order
    statuses, ranking = outcomes[0]
    assert statuses == {"E02.ticreturn": "conflict", "E02-b.ticreturn": "conflict"}
    for _app, _final, _rank, excluded in ranking:
        assert (
            ("E02", "conflict") in excluded
            or ("E02", "recused") in excluded
            or all(e != "E02" for e, _ in excluded)
        )
    # the bureau chooses one: it counts, the other is superseded
    chosen = {age_sha(second)}
    statuses, items = _statuses([made.file, second], bureau, review, chosen)
    assert statuses == {"E02.ticreturn": "superseded", "E02-b.ticreturn": "accepted"}


def age_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_correction_from_a_second_machine_is_a_conflict_not_a_silent_loss(
    tmp_path, bureau, members, review, opened_p1, sec
):
    """Machine A signs revisions 1 and 2; machine B (its own database) later signs revision 1
    with a correction. Revision 2 must not silently win over the later correction."""
    sheet = sec.sheet_model(sec.score_sheet(opened_p1.manifest, "E03"))
    with (
        sec.open_db(tmp_path / "a.sqlite3") as machine_a,
        sec.open_db(tmp_path / "b.sqlite3") as machine_b,
    ):
        a1 = sec.make_return(
            opened_p1, members["E03"], sheet, tmp_path / "a1.ticreturn", machine_a
        ).file
        a2 = sec.make_return(
            opened_p1, members["E03"], sheet, tmp_path / "a2.ticreturn", machine_a
        ).file
        corrected = sec.sheet_model(sec.score_sheet(opened_p1.manifest, "E03", offset=2))
        b1 = sec.make_return(
            opened_p1, members["E03"], corrected, tmp_path / "b1.ticreturn", machine_b
        ).file
    for order in itertools.permutations([a1, a2, b1]):
        statuses, _ = _statuses(list(order), bureau, review)
        assert statuses == {
            "a1.ticreturn": "superseded",
            "a2.ticreturn": "conflict",
            "b1.ticreturn": "conflict",
        }


def test_cli_choose_resolves_a_conflict_and_refuses_a_file_not_given(
    capsys, tmp_path, bureau, members, genuine
):
    made, document = genuine
    other = json.loads(json.dumps(document))
    other["scores"][0]["criteria"]["team"] = "10"
    second = forged(tmp_path, bureau, members, other, "E02-b.ticreturn")
    round_file = str(ROUND_FILE)
    common = [
        "--bureau",
        str(bureau.folder),
        "--passphrase-file",
        str(bureau.passphrase_file),
        "--format",
        "json",
    ]
    outputs = []
    for files in ([made.file, second], [second, made.file]):
        code = main(["aggregate", round_file, *map(str, files), *common])
        assert code == 0
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert {r["status"] for r in outputs[0]["returns"]} == {"conflict"}
    code = main(
        ["aggregate", round_file, str(made.file), str(second), "--choose", str(made.file), *common]
    )
    chosen = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {Path(r["file"]).name: r["status"] for r in chosen["returns"]} == {
        "E02.ticreturn": "accepted",
        "E02-b.ticreturn": "superseded",
    }
    stray = tmp_path / "stray.ticreturn"
    stray.write_bytes(made.file.read_bytes())
    code = main(["aggregate", round_file, str(made.file), "--choose", str(stray), *common])
    err = capsys.readouterr().err
    assert code == 2 and "stray.ticreturn" in err and "--choose" in err


def test_copies_of_one_return_under_other_names_are_one_accepted_and_duplicates(
    tmp_path, bureau, review, genuine
):
    made, _ = genuine
    copies = []
    for name in ("z.ticreturn", "a.ticreturn"):
        target = tmp_path / name
        target.write_bytes(made.file.read_bytes())
        copies.append(target)
    for order in itertools.permutations([made.file, *copies]):
        statuses, _ = _statuses(list(order), bureau, review)
        # the first by path stands for the document (a function of the set of files)
        assert statuses == {
            "E02.ticreturn": "accepted",
            "a.ticreturn": "duplicate",
            "z.ticreturn": "duplicate",
        }


# --- one verifier: the chair's copies ------------------------------------------------------------
def test_the_chair_refuses_a_copy_the_bureau_would_refuse(
    tmp_path, members, genuine, opened_p1, sec
):
    """Today's break: a copy with 999 per criterion was accepted and signed into a group opinion."""
    from tic_desktop.expert.chair import ChairDesk
    from tic_desktop.expert.desk import ExpertDesk
    from tic_desktop.security.errors import SecurityError

    made, document = genuine
    for criterion in document["scores"][0]["criteria"]:
        document["scores"][0]["criteria"][criterion] = "999"
    chair_id = opened_p1.manifest.chair
    chair_recipient = opened_p1.manifest.member(chair_id).age_recipient
    copy = tmp_path / "E02.chaircopy"
    copy.write_bytes(age_files.encrypt_to(sign_as(members["E02"], document), [chair_recipient]))
    text_revision = json.loads(json.dumps(genuine[1]))
    text_revision["revision"] = "x"
    copy_x = tmp_path / "E02-x.chaircopy"
    copy_x.write_bytes(
        age_files.encrypt_to(sign_as(members["E02"], text_revision), [chair_recipient])
    )
    with sec.open_db(tmp_path / "chair.sqlite3") as db:
        desk = ExpertDesk(db, opened_p1, members[chair_id])
        desk.certify({})
        chair = ChairDesk(desk)
        with pytest.raises(SecurityError) as refused:
            chair.import_copy(copy)
        assert refused.value.reason == "rule_violation" and "超出范围" in refused.value.message_zh
        with pytest.raises(TicError) as malformed:
            chair.import_copy(copy_x)
        assert "修订号" in malformed.value.message_zh
        assert chair.sheets == {}
        assert all(not p.valid for p in chair.picture())


def test_score_rule_boundaries_are_exact():
    """Exactly 90 % and 40 % need no reason; a hair beyond does (exact decimals, no floats)."""
    from tic_desktop.domain.rubric import Criterion
    from tic_desktop.returns.scoring import needs_reason, score_problem

    criterion = Criterion(id="c", title="标题", max=Decimal(20))
    assert not needs_reason(criterion, Decimal(18)) and needs_reason(criterion, Decimal("18.5"))
    assert not needs_reason(criterion, Decimal(8)) and needs_reason(criterion, Decimal("7.5"))
    assert score_problem(criterion, Decimal("0.5"), Decimal("17.5")) is None
    assert "步长" in score_problem(criterion, Decimal("0.5"), Decimal("17.3")).zh
    assert "超出范围" in score_problem(criterion, Decimal("0.5"), Decimal("20.5")).zh
    assert "标题" in score_problem(criterion, Decimal("0.5"), Decimal("-1")).zh
