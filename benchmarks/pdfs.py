"""Draw + sign one 3-page expert opinion (专家评审意见表) in a warm process.

    .venv/bin/python benchmarks/pdfs.py                 # 20 timed runs after 3 warm-up runs
    .venv/bin/python benchmarks/pdfs.py --repeat 50
    .venv/bin/python benchmarks/pdfs.py --full-font 3   # also time the old way (whole font to
                                                        # pyHanko), 3 runs
    .venv/bin/python benchmarks/pdfs.py --profile       # cProfile of one warm run, top 25 by
                                                        # cumulative time
    .venv/bin/python benchmarks/pdfs.py --json

Goal (issue 4): median < 0.25 s on this machine. Three scenarios, medians over the timed runs:

- first: the first document of the process (registers the font with reportlab, reads the TTF
  for HarfBuzz; one sample, not part of the goal);
- warm: the same expert signs again (what ``tic return make --pdf-dir`` does for each of an
  expert's applications): the stamp font cut for that name is cached;
- new signer: the stamp caches are cleared before every run, so each signature cuts its stamp
  font from the bundled 4 MB TTF again (the first signature of a process / of a new name);
- full font (optional): the stamp font handed to pyHanko whole, as the code did before this
  benchmark (pyHanko's GlyphAccumulatorFactory on the TTF: fontTools parses GSUB/GPOS and
  subsets ~50 000 glyphs on every signature).

The split is measured with time.perf_counter around the phases and around the library calls
where the time goes (wrapped in place for the run):
  draw          draw_expert_opinion (reportlab platypus layout + save)
    ttf subset    reportlab's TTFontFile.makeSubset at save (the form's CJK subsets)
  prepare       prepare_signature_fields (empty fields added by incremental update)
  sign          sign_pdf
    stamp cut     HarfBuzz cutting the stamp font to the name/role (+ASCII) glyphs (0 when cached)
    stamp font    pyHanko's GlyphAccumulator: parse, shape, fontTools subset + embed at write
    cms           building and signing the CMS (pyHanko/asn1crypto; incl. its size-estimate dry run)
    rest          pyHanko's PDF writing, hashing the byte range, appearance layout, key loading
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import functools
import inspect
import io
import json
import os
import platform
import pstats
import statistics
import sys
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pyhanko.pdf_utils.font.opentype import GlyphAccumulator  # noqa: E402
from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: E402
from pyhanko.sign.signers import pdf_cms  # noqa: E402
from reportlab.pdfbase import ttfonts  # noqa: E402

from tic_desktop.domain.loading import load_round  # noqa: E402
from tic_desktop.paths import demo_round_file  # noqa: E402
from tic_desktop.reports.documents import CaseHeader, CriterionScore, ExpertOpinion  # noqa: E402
from tic_desktop.reports.forms import draw_expert_opinion  # noqa: E402
from tic_desktop.security import certificates as certs  # noqa: E402
from tic_desktop.signing import pdf_signing  # noqa: E402
from tic_desktop.signing.pdf_signing import SignerIdentity, prepare_signature_fields, sign_pdf  # noqa: E402

GOAL_SECONDS = 0.25
APPLICATION = "LC-2026-001"
EXPERT = "E01"

# --------------------------------------------------------------------------------------------
# timing the library calls in place
# --------------------------------------------------------------------------------------------
SPENT: dict[str, float] = defaultdict(float)


def _timed(label: str, function):
    if inspect.iscoroutinefunction(function):

        @functools.wraps(function)
        async def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                SPENT[label] += time.perf_counter() - start
    else:

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                SPENT[label] += time.perf_counter() - start

    return wrapper


def instrument() -> None:
    ttfonts.TTFontFile.makeSubset = _timed("ttf subset", ttfonts.TTFontFile.makeSubset)
    GlyphAccumulator.__init__ = _timed("stamp font", GlyphAccumulator.__init__)
    GlyphAccumulator.shape = _timed("stamp font", GlyphAccumulator.shape)
    GlyphAccumulator.prepare_write = _timed("stamp font", GlyphAccumulator.prepare_write)
    pdf_cms.Signer.async_sign = _timed("cms", pdf_cms.Signer.async_sign)
    cut = pdf_signing._stamp_font_bytes
    timed_cut = _timed("stamp cut", cut.__wrapped__)
    pdf_signing._stamp_font_bytes = functools.lru_cache(maxsize=64)(timed_cut)
    pdf_signing._stamp_font_bytes.__wrapped__ = timed_cut


def clear_stamp_caches() -> None:
    pdf_signing._stamp_font_bytes.cache_clear()
    pdf_signing._stamp_style.cache_clear()


def use_full_font() -> None:
    """The stamp style as it was before: pyHanko given the whole TTF for every signature."""
    from pyhanko import stamp
    from pyhanko.pdf_utils import text as pdf_text
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

    original = pdf_signing._stamp_style

    def full_font_style(characters: str):
        style = original(characters)
        font = GlyphAccumulatorFactory(str(ROOT / "resources" / "fonts" / pdf_signing.STAMP_FONT))
        return stamp.TextStampStyle(
            stamp_text=style.stamp_text,
            text_box_style=pdf_text.TextBoxStyle(font=font, font_size=12, leading=16),
            inner_content_layout=style.inner_content_layout,
            border_width=style.border_width,
            timestamp_format=style.timestamp_format,
            background=None,
        )

    pdf_signing._stamp_style = full_font_style


# --------------------------------------------------------------------------------------------
# the document
# --------------------------------------------------------------------------------------------
def opinion_text() -> str:
    topics = [
        "研发基础",
        "研发投入",
        "建设目标",
        "产学研合作",
        "人才队伍",
        "中试平台",
        "成果转化",
        "运行机制",
        "经费保障",
        "开放共享",
        "知识产权",
        "行业带动",
    ]
    paragraphs = [
        f"第{i + 1}点（{topic}）：该中心依托单位在高端精密轴承领域研发基础扎实，"
        "近三年研发投入持续增长，建设目标聚焦行业共性关键技术，产学研合作基础较好，"
        f"{topic}方面的安排具体可行。"
        for i, topic in enumerate(topics * 2)
    ]
    paragraphs.append(
        "建议进一步明确中试平台的开放共享机制，加强与聊城大学等共建单位的人才联合培养。"
    )
    return "\n".join(paragraphs)


def setup() -> tuple[ExpertOpinion, SignerIdentity]:
    review = load_round(demo_round_file())
    app = review.applications[APPLICATION]
    expert = review.experts[EXPERT]
    case = CaseHeader(
        review.id,
        review.spec.title,
        "P1",
        app.id,
        app.center_name,
        app.lead_unit.name,
        app.field or "",
    )
    step = review.rubric.step
    criteria = [
        CriterionScore(
            c.id, c.title, c.max, (c.max * Decimal("0.85") / step).to_integral_value() * step
        )
        for c in review.rubric.criteria
    ]
    opinion = ExpertOpinion(
        case,
        EXPERT,
        expert.name,
        expert.unit_name,
        expert.title or "",
        criteria,
        opinion_text(),
        True,
        [],
        "2026年11月25日",
    )
    ca_key, ca = certs.create_bureau_ca("聊城市科学技术局")
    key, cert = certs.issue_expert_certificate(ca_key, ca, EXPERT, expert.name, expert.unit_name)
    identity = SignerIdentity(
        certs.key_to_pem(key),
        certs.certificate_to_pem(cert),
        certs.certificate_to_pem(ca),
        expert.name,
        "评审专家",
    )
    return opinion, identity


def one_run(opinion: ExpertOpinion, identity: SignerIdentity) -> tuple[bytes, dict[str, float]]:
    SPENT.clear()
    t0 = time.perf_counter()
    pdf, slots = draw_expert_opinion(opinion)
    t1 = time.perf_counter()
    prepared = prepare_signature_fields(pdf, slots)
    t2 = time.perf_counter()
    signed = sign_pdf(prepared, identity, slots[0], certify=True)
    t3 = time.perf_counter()
    phases = {
        "total": t3 - t0,
        "draw": t1 - t0,
        "ttf subset": SPENT["ttf subset"],
        "prepare": t2 - t1,
        "sign": t3 - t2,
        "stamp cut": SPENT["stamp cut"],
        "stamp font": SPENT["stamp font"],
        "cms": SPENT["cms"],
    }
    phases["rest"] = phases["sign"] - phases["stamp cut"] - phases["stamp font"] - phases["cms"]
    return signed, phases


def summarise(samples: list[dict[str, float]]) -> dict:
    medians = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
    return {
        "runs": len(samples),
        "median": medians,
        "min_total": min(s["total"] for s in samples),
        "max_total": max(s["total"] for s in samples),
    }


def measure(opinion, identity, runs: int, warmup: int) -> dict[str, dict]:
    """Warm and new-signer runs interleaved, so a busy machine slows both alike."""
    for _ in range(warmup):
        one_run(opinion, identity)
    warm, cold = [], []
    for _ in range(runs):
        warm.append(one_run(opinion, identity)[1])
        clear_stamp_caches()
        cold.append(one_run(opinion, identity)[1])
    return {"warm": summarise(warm), "new signer": summarise(cold)}


def full_font(opinion, identity, runs: int) -> dict:
    use_full_font()
    one_run(opinion, identity)
    return summarise([one_run(opinion, identity)[1] for _ in range(runs)])


def check_output(pdf: bytes) -> int:
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    pages = len(reader.root["/Pages"]["/Kids"])
    assert pages == 3, f"expected a 3-page opinion, got {pages} pages"
    assert len(reader.embedded_signatures) == 1
    return pages


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next(
                line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    return (
        f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=20, help="timed runs per scenario (default 20)"
    )
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--full-font",
        type=int,
        default=0,
        metavar="N",
        help="also time N runs with the whole font given to pyHanko (the old way, ~1 s each)",
    )
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one warm run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    opinion, identity = setup()
    instrument()
    signed, first = one_run(
        opinion, identity
    )  # registers the reportlab font, reads the TTF for HarfBuzz
    pages = check_output(signed)
    results = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "pages": pages,
        "goal_seconds": GOAL_SECONDS,
        "first": {
            "runs": 1,
            "median": first,
            "min_total": first["total"],
            "max_total": first["total"],
        },
        **measure(opinion, identity, args.repeat, args.warmup),
    }
    if args.full_font:
        results["full font"] = full_font(opinion, identity, args.full_font)
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(one_run, opinion, identity)
        pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(25)

    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        print(f"{results['date']}  {results['machine']}")
        print(
            f"one {pages}-page expert opinion, drawn + signed; "
            f"medians in ms (goal < {GOAL_SECONDS * 1000:.0f} ms)"
        )
        keys = [
            "total",
            "draw",
            "ttf subset",
            "prepare",
            "sign",
            "stamp cut",
            "stamp font",
            "cms",
            "rest",
        ]
        names = [name for name in ("first", "warm", "new signer", "full font") if name in results]
        print(f"{'':12}" + "".join(f"{name:>12}" for name in names))
        for key in keys:
            indent = "  " if key in ("ttf subset", "stamp cut", "stamp font", "cms", "rest") else ""
            print(
                f"{indent + key:12}"
                + "".join(f"{results[n]['median'][key] * 1000:12.1f}" for n in names)
            )
        print(f"{'runs':12}" + "".join(f"{results[n]['runs']:12d}" for n in names))
        spread = [
            f"{results[n]['min_total'] * 1000:6.0f}..{results[n]['max_total'] * 1000:<4.0f}"
            for n in names
        ]
        print(f"{'min..max':12}" + "".join(spread))
    warm = results["warm"]["median"]["total"]
    return 0 if warm < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
