"""A result as people read it: ties marked, sources in words, long texts split within limits."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot import text_limits
from bot.assessment.result_text import ResultText, messages, run_status
from bot.assessment.scheme_template import default_scheme
from bot.assessment.scoring import score
from bot.assessment.values import Source
from bot.i18n import Catalogue
from models import AssessmentRun, Publication, PublicationStatus

SHANGHAI = ZoneInfo("Asia/Shanghai")
AT = datetime(2025, 4, 1, 9, 0, tzinfo=SHANGHAI)
D = Decimal


def _texts(language: str = "zh_CN") -> ResultText:
    return ResultText(Catalogue(), language, SHANGHAI)


def test_ties_share_a_rank_and_are_marked() -> None:
    scheme = default_scheme(["甲", "乙", "丙"])
    result = score(scheme, {"甲": {"tax": D(10)}, "乙": {"tax": D(10)}, "丙": {}})
    text = _texts().ranking(result)
    assert "第 1 名 乙" in text and "第 1 名 甲" in text and "（并列）" in text
    assert "第 3 名 丙 0 分\n" in text + "\n"  # alone: not marked
    assert "(tied)" in _texts("en").ranking(result)


def test_a_parks_detail_names_each_rule_and_source() -> None:
    scheme = default_scheme(["甲"])
    result = score(scheme, {"甲": {"tax": D(10)}})
    sources = {
        "甲": {
            "tax": Source("xlsx", actor="张三", filed_at=AT),
            "new_starts": Source("missing"),
        }
    }
    text = _texts().detail(result.parks[0], sources)
    assert text.startswith("甲（综合类园区）：总分")
    assert "tax 税收收入：值 10" in text and "张三 于 2025-04-01 09:00 导入" in text
    assert "new_starts 新开工项目：值 -" in text and "未填报，计 0 分。来源：缺失" in text


def test_long_texts_are_split_between_lines_within_the_limit() -> None:
    lines = [f"第 {n} 行 " + "园" * 50 for n in range(400)]
    found = messages(["\n".join(lines), "尾"])
    assert len(found) > 1
    assert all(text_limits.units(text) <= text_limits.MESSAGE_LIMIT for text in found)
    joined = "\n".join(found)
    assert all(line in joined for line in lines) and found[-1].endswith("尾")
    assert messages(["x" * 5000])[0].endswith(text_limits.ELLIPSIS)


def test_a_runs_status() -> None:
    run = AssessmentRun(id=3, period="2025-Q1", number=1, scheme_version=1, created_at=AT,
                        actor="t", result={})  # fmt: skip
    assert run_status(run, None) == "draft"
    publication = Publication(kind="assessment", period="2025-Q1", run_id=3, published_at=AT,
                              closes_at=AT, actor="t")  # fmt: skip
    assert run_status(run, publication) == "open"
    publication.status = PublicationStatus.FINAL.value
    assert run_status(run, publication) == "final"
    publication.run_id = 4
    assert run_status(run, publication) == "replaced"
