"""A refused return's reason, said once and in the table's language (issue #14): the general
wording of the reason code and the return's own detail are not both printed when they say the same
thing ("不属于本评审批次…：回执属于评审批次…"), a Chinese reason does not end in a library's English
("(decryption error)"), and the tables show words, not codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from inbox_returns import PASSPHRASE, ROUND_ID, make_bureau

from tic_desktop.cli.main import main
from tic_desktop.returns.explaining import return_reason, status_and_reason
from tic_desktop.returns.receiving import REASON_TEXT, ReceivedReturn
from tic_desktop.returns.verification import RejectReason


def _rejected(reason: str, zh: str = "", en: str = "") -> ReceivedReturn:
    item = ReceivedReturn(Path("x.ticreturn"), "0" * 64)
    item.status, item.reason = "rejected", reason
    item.detail, item.detail_en = zh or REASON_TEXT[reason][0], en or REASON_TEXT[reason][1]
    return item


def test_a_detail_that_says_the_same_thing_replaces_the_general_wording():
    item = _rejected(
        "wrong_round",
        "回执属于评审批次 2025-TIC-09，不是 2026-TIC-01",
        "the return is for round 2025-TIC-09, not 2026-TIC-01",
    )
    assert return_reason(item) == "回执属于评审批次 2025-TIC-09，不是 2026-TIC-01"
    assert return_reason(item, "en") == "the return is for round 2025-TIC-09, not 2026-TIC-01"
    assert status_and_reason(item) == "拒收：回执属于评审批次 2025-TIC-09，不是 2026-TIC-01"
    assert status_and_reason(item, "en") == (
        "rejected: the return is for round 2025-TIC-09, not 2026-TIC-01"
    )


def test_a_detail_that_adds_to_the_wording_is_joined_to_it():
    item = _rejected("malformed", "修订号无效", "invalid revision number")
    assert return_reason(item) == "文件内容格式无效：修订号无效"
    assert return_reason(item, "en") == "malformed content: invalid revision number"


def test_without_a_detail_of_its_own_the_wording_is_said_once():
    item = _rejected("not_certified")
    assert return_reason(item) == "专家未确认回避声明"
    assert status_and_reason(_rejected("not_certified")) == "拒收：专家未确认回避声明"


def test_a_chinese_reason_does_not_end_in_english():
    item = _rejected(
        "cannot_decrypt",
        "无法解密回执：文件内容被截断或被篡改 (decryption error)",
        "cannot decrypt the return: the content is truncated or has been altered "
        "(decryption error)",
    )
    assert return_reason(item) == "无法解密回执：文件内容被截断或被篡改"
    assert return_reason(item, "en").endswith("(decryption error)")  # English may say it
    # Brackets that are part of the Chinese stay.
    kept = _rejected("wrong_round", "回执所用的评审包不是本局生成的（或不是本专家组的）")
    assert return_reason(kept) == "回执所用的评审包不是本局生成的（或不是本专家组的）"


def test_accepted_returns_have_no_reason_after_their_status():
    item = ReceivedReturn(Path("a.ticreturn"), "0" * 64, status="accepted", detail="签名有效")
    assert status_and_reason(item) == "接收" and return_reason(item) == "签名有效"


@given(st.sampled_from(list(RejectReason)), st.text(max_size=40))
def test_the_general_wording_is_never_printed_twice(reason, detail):
    item = _rejected(reason.value, detail.strip() or "", "")
    text = return_reason(item)
    general = REASON_TEXT[reason][0]
    assert text.count(general) <= 1 or detail.count(general) >= 1
    assert text  # never empty for a refused return


# ---- through the CLI, on real signed returns --------------------------------------------------


@pytest.fixture(scope="module")
def replayed(tmp_path_factory):
    """A genuine return, a truncated one, and a round file naming another round."""
    base = tmp_path_factory.mktemp("reasons")
    bureau = make_bureau(base, panels=1, members=3, apps=1)
    good = bureau.make_return(base / "returns" / "E101.ticreturn", "E101")
    truncated = base / "returns" / "E102-damaged.ticreturn"
    data = bureau.make_return(base / "tmp" / "E102.ticreturn", "E102").read_bytes()
    truncated.write_bytes(data[: len(data) - 40])
    other = json.loads(bureau.round_file.read_text(encoding="utf-8"))
    other["id"] = "OTHER-2027"
    other_round = bureau.round_file.with_name("other-round.json")
    other_round.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    passphrase = base / "bureau.pass"
    passphrase.write_text(PASSPHRASE, encoding="utf-8")
    return bureau, good, truncated, other_round, passphrase


def _run(capsys, *argv) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().out


def test_aggregate_table_says_each_reason_once_in_words(capsys, replayed):
    bureau, good, truncated, other_round, passphrase = replayed
    code, out = _run(
        capsys,
        "aggregate",
        other_round,
        good,
        truncated,
        "--bureau",
        bureau.workspace.folder,
        "--passphrase-file",
        passphrase,
    )
    assert code == 0
    returns = out.split("\n\n")[1]
    assert f"回执属于评审批次 {ROUND_ID}，不是 OTHER-2027" in returns
    assert "不属于本评审批次" not in returns
    assert "wrong_round" not in returns and "cannot_decrypt" not in returns  # words, not codes
    assert "无法解密回执" in returns and "decryption" not in returns


def test_return_verify_table_says_each_reason_once(capsys, replayed):
    bureau, good, truncated, other_round, passphrase = replayed
    code, out = _run(
        capsys,
        "return",
        "verify",
        good,
        truncated,
        "--round",
        other_round,
        "--bureau",
        bureau.workspace.folder,
        "--passphrase-file",
        passphrase,
    )
    assert code == 3  # not every return is valid
    assert out.count(ROUND_ID) == 1 and "不属于本评审批次" not in out
    assert "decryption" not in out
