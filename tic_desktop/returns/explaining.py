"""Why a return has its status, in one phrase for tables and documents.

A rejected return carries a reason code (``wrong_round``…) with its general wording in
``REASON_TEXT`` and a detail saying what exactly was wrong. Joined blindly they repeat each other
("不属于本评审批次或本局发出的评审包：回执属于评审批次 2026-TIC-01，不是 2027-TIC-01"). So the
detail alone is shown when it says the same thing more precisely (it shares three or more
characters in a row with the general wording, or in English a word of five letters or more),
the general wording alone when there is no other detail, and both joined only when the detail
adds to the wording without repeating it ("文件内容格式无效：修订号无效"). A library's own words
in brackets at the end of a Chinese detail ("(decryption error)") are left out: the Chinese
around them already says what happened.
"""

from __future__ import annotations

import re

from tic_desktop.catalogue import t
from tic_desktop.returns.receiving import REASON_TEXT, STATUS_TEXT, ReceivedReturn

# An English remark in brackets at the end of a Chinese text: " (decryption error)", "（bad MAC）".
_TRAILING_ENGLISH = re.compile(r"\s*[（(][A-Za-z][A-Za-z0-9 ,.:;'_-]*[)）]\s*$")
_HAS_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def return_reason(item: ReceivedReturn, lang: str = "zh") -> str:
    """The reason for ``item``'s status: its specific detail, or the general wording."""
    detail = (item.detail_en if lang == "en" else item.detail).strip()
    if lang != "en" and _HAS_CHINESE.search(detail):
        detail = _TRAILING_ENGLISH.sub("", detail)
    if not item.reason:
        return detail
    zh, en = REASON_TEXT.get(item.reason, (item.reason, item.reason))
    general = en if lang == "en" else zh
    if not detail or detail == general:
        return general
    if _repeats(general, detail, lang):
        return detail
    return t("{subject}: {problem}", subject=general, problem=detail).in_language(lang)


def _repeats(general: str, detail: str, lang: str) -> bool:
    if lang == "en":
        words = {w for w in re.findall(r"[a-z]+", general.lower()) if len(w) >= 5}
        return bool(words & set(re.findall(r"[a-z]+", detail.lower())))
    return any(general[i : i + 3] in detail for i in range(len(general) - 2))


def status_and_reason(item: ReceivedReturn, lang: str = "zh") -> str:
    """``拒收：回执属于评审批次 2026-TIC-01，不是 2027-TIC-01``; ``接收`` alone when accepted."""
    status = str(item.status) if lang == "en" else STATUS_TEXT.get(item.status, str(item.status))
    if item.status == "accepted":
        return status
    reason = return_reason(item, lang)
    if not reason:
        return status
    return t("{subject}: {problem}", subject=status, problem=reason).in_language(lang)
