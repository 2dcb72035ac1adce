"""A demo roster: the campaign's parks and projects from the report, with fictional people.

Every person is invented; phone numbers are in the 139 0000 xxxx range. Enterprises,
investments and dates are plausible, not official figures. Plan dates are months from the
month the demo is loaded in, so the demo never ages out; bot.demo.reports adds the months of
reports that give it green, yellow and red lights.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from bot.board.targets import seed_demo_targets
from bot.demo.burden import seed_demo_burden
from bot.demo.escalations import seed_demo_escalation
from bot.demo.indicators import seed_indicator_values
from bot.demo.meetings import seed_demo_meetings
from bot.demo.reports import ReportsWritten, write_reports
from bot.people.roster_apply import ImportSummary
from bot.people.roster_file import RosterRow, RosterSheet
from bot.people.roster_import import import_roster

DEMO_ACTOR = "demo"

# name, phone, roles, unit, title
PEOPLE: tuple[tuple[str, str, str, str, str], ...] = (
    ("陈志强", "13900000001", "指挥部", "市园区攻坚大会战指挥部", "办公室主任"),
    ("赵丽", "13900000002", "指挥部、联络员", "市园区攻坚大会战指挥部", "综合组干事"),
    ("周建华", "13900000003", "市级领导", "市人民政府", "副市长"),
    ("李明", "13900000011", "包联领导", "常德经开区管委会", "主任"),
    ("王海涛", "13900000012", "包联领导", "鼎城区人民政府", "副区长"),
    ("刘伟", "13900000013", "包联领导", "汉寿县人民政府", "副县长"),
    ("孙国庆", "13900000014", "包联领导", "津市市人民政府", "副市长"),
    ("郑斌", "13900000017", "包联领导", "安乡县人民政府", "副县长"),
    ("冯涛", "13900000018", "包联领导", "桃源县人民政府", "副县长"),
    ("杨帆", "13900000015", "包联领导", "临澧县人民政府", "副县长"),
    ("黄志刚", "13900000016", "包联领导", "石门县人民政府", "副县长"),
    ("张伟", "13900000021", "联络员", "常德经开区管委会", "项目服务中心科员"),
    ("王芳", "13900000022", "联络员", "常德经开区管委会", "经济发展局科员"),
    ("李娜", "13900000023", "联络员", "鼎城高新区管委会", "招商服务科科员"),
    ("刘洋", "13900000024", "联络员", "汉寿高新区管委会", "项目办干事"),
    ("陈静", "13900000025", "联络员", "桃源工业集中区管委会", "经济发展局科员"),
    ("杨磊", "13900000026", "联络员", "临澧经开区管委会", "项目办干事"),
    ("吴涛", "13900000027", "联络员", "石门经开区管委会", "项目服务中心科员"),
    ("徐丽", "13900000028", "联络员", "澧县经开区管委会", "项目办干事"),
    ("马超", "13900000029", "联络员", "津市高新区管委会", "经济发展局科员"),
    ("郭敏", "13900000030", "联络员", "安乡工业集中区管委会", "项目办干事"),
    ("何军", "13900000031", "联络员", "西洞庭生物科技园管委会", "项目办干事"),
)

# name, park, enterprise, category, chain, total, annual plan (万元), planned start and
# planned production (months from the month of loading: the 1st, the last day of the month),
# leader phone, liaison phones (in order)
# fmt: off
PROJECTS: tuple[tuple[str, str, str, str, str, int, int, int, int, str, str], ...] = (
    ("中联起重机械", "常德经开区", "中联重科股份有限公司", "续建", "装备制造",
     200000, 80000, -20, 8, "13900000003", "13900000021、13900000022"),
    ("中锂新材电池隔膜二期", "常德经开区", "中锂新材料科技有限公司", "续建", "新能源新材料",
     250000, 90000, -18, 4, "13900000011", "13900000021"),
    ("电镀产业园二期", "常德经开区", "常德经开区电镀产业园建设有限公司", "续建", "表面处理",
     80000, 40000, -16, 9, "13900000011", "13900000022"),
    ("德施普惠医药", "鼎城高新区", "湖南德施普惠生物医药有限公司", "续建", "生物医药",
     60000, 25000, -22, -1, "13900000012", "13900000023"),
    ("中天精密", "鼎城高新区", "常德中天精密工业有限公司", "新开工", "装备制造",
     50000, 20000, -4, 14, "13900000012", "13900000023"),
    ("昊天汽车二期", "鼎城高新区", "常德昊天汽车零部件有限公司", "续建", "汽车零部件",
     45000, 30000, -14, 3, "13900000012", "13900000023"),
    ("道氏新能源", "汉寿高新区", "湖南道氏新能源材料有限公司", "新开工", "新能源",
     300000, 60000, -3, 20, "13900000013", "13900000024"),
    ("辣妹子食品二期", "汉寿高新区", "湖南辣妹子食品股份有限公司", "续建", "食品加工",
     35000, 20000, -17, 6, "13900000013", "13900000024"),
    ("锘达科技", "桃源工业集中区", "湖南锘达科技有限公司", "续建", "新材料",
     40000, 25000, -15, 2, "13900000018", "13900000025"),
    ("润田农机", "临澧经开区", "湖南润田农机装备有限公司", "新开工", "农机装备",
     30000, 15000, -1, 11, "13900000015", "13900000026"),
    ("金牛铝材", "临澧经开区", "常德金牛铝业有限公司", "续建", "有色金属",
     55000, 30000, -19, 5, "13900000015", "13900000026"),
    ("石门海螺节能板材", "石门经开区", "石门海螺新型建材有限公司", "签约", "绿色建材",
     100000, 20000, 3, 18, "13900000016", "13900000027"),
    ("飞桥汽车板簧", "澧县经开区", "湖南飞桥汽车部件有限公司", "续建", "汽车零部件",
     40000, 22000, -20, 1, "13900000014", "13900000028"),
    ("美华尼龙四期", "津市高新区", "湖南美华尼龙有限公司", "续建", "化工新材料",
     120000, 50000, -21, 7, "13900000014", "13900000029"),
    ("三特机械二期", "津市高新区", "湖南三特机械制造有限公司", "续建", "装备制造",
     25000, 15000, -13, -3, "13900000014", "13900000029"),
    ("海利化工扩建", "安乡工业集中区", "湖南海利化工股份有限公司", "续建", "精细化工",
     70000, 35000, -12, 6, "13900000017", "13900000030"),
    ("西洞庭科开一期标准厂房", "西洞庭生物科技园", "西洞庭科技开发有限公司", "新开工", "标准厂房",
     20000, 12000, -8, 2, "13900000012", "13900000031"),
    ("武陵移动互联网产业园", "武陵工业园", "武陵区产业投资有限公司", "投产", "移动互联网",
     15000, 3000, -30, -6, "13900000003", "13900000002"),
)
# fmt: on


def _names(phones: str) -> str:
    """The people's names for these phones, in the same order."""
    by_phone = {phone: name for name, phone, *_ in PEOPLE}
    return "、".join(by_phone[phone] for phone in phones.split("、"))


def month_from(today: date, months: int, *, last_day: bool = False) -> date:
    """The 1st (or last day) of the month `months` months from today's month."""
    index = today.year * 12 + today.month - 1 + months
    year, month = divmod(index, 12)
    day = calendar.monthrange(year, month + 1)[1] if last_day else 1
    return date(year, month + 1, day)


def _project_row(number: int, project: tuple, today: date) -> RosterRow:
    name, park, enterprise, category, chain, total, annual, start, production, leader, liaisons = (
        project
    )
    values: dict[str, object] = {
        "name": name,
        "park": park,
        "enterprise": enterprise,
        "category": category,
        "industry_chain": chain,
        "total_investment": total,
        "annual_plan": annual,
        "planned_start": month_from(today, start),
        "planned_production": month_from(today, production, last_day=True),
        "leader": _names(leader),
        "leader_phone": leader,
        "liaisons": _names(liaisons),
        "liaison_phones": liaisons,
        "location": demo_location(number),
    }
    return RosterRow(number=number, values=values)


def demo_location(number: int) -> str:
    """A made-up site location near Changde (29.0°N 111.7°E), a few km apart per row (经纬度)."""
    lat = 29.0 + 0.012 * ((number * 7) % 11 - 5)
    lon = 111.7 + 0.015 * ((number * 5) % 13 - 6)
    return f"{lat:.4f}, {lon:.4f}"


def _reporters() -> dict[str, str]:
    """Phone -> park: each park's first liaison of its 管委会 files its indicator values."""
    parks = {project[1] for project in PROJECTS}
    found: dict[str, str] = {}
    for _, phone, roles, unit, _ in PEOPLE:
        park = unit.removesuffix("管委会")
        if roles == "联络员" and park in parks and park not in found.values():
            found[phone] = park
    return found


def _person_row(number: int, person: tuple[str, str, str, str, str]) -> RosterRow:
    name, phone, roles, unit, title = person
    values: dict[str, object] = {
        "name": name,
        "phone": phone,
        "roles": roles,
        "unit": unit,
        "title": title,
    }
    if (park := _reporters().get(phone)) is not None:
        values["report_parks"] = park  # 指标填报园区
    return RosterRow(number=number, values=values)


# 三个一 (invented enterprises): leader phone, their 10亿 project, backbone enterprise, struggling
# enterprise, the liaison who may log services for them, milestones.
PAIRINGS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("13900000011", "中锂新材电池隔膜二期", "德山精工机械有限公司", "常德恒昌纺织有限公司",
     "13900000021", "年内二期主体完工，次年一季度投产"),
    ("13900000013", "道氏新能源", "汉寿龙阳新材料有限公司", "汉寿沧浪食品有限公司",
     "13900000024", "三季度设备安装，年底试生产"),
    ("13900000014", "美华尼龙四期", "津市嘉山化纤有限公司", "津市毛里湖竹木制品有限公司",
     "13900000029", "上半年完成厂房封顶"),
    ("13900000016", "石门海螺节能板材", "石门壶瓶山建材有限公司", "石门夹山茶业有限公司",
     "13900000027", "年底前一期投产"),
)  # fmt: skip
PAIRING_PARKS = {"13900000011": "常德经开区", "13900000013": "汉寿高新区",
                 "13900000014": "津市高新区", "13900000016": "石门经开区"}  # fmt: skip


def _pairing_sheets() -> list[RosterSheet]:
    enterprises, pairings = [], []
    for leader, project, backbone, struggling, liaison, milestones in PAIRINGS:
        park = PAIRING_PARKS[leader]
        for name, kind in ((backbone, "重点骨干企业"), (struggling, "特困企业")):
            values = {"name": name, "kind": kind, "park": park}
            enterprises.append(RosterRow(number=len(enterprises) + 2, values=values))
        values = {
            "leader": leader,
            "project": project,
            "backbone": backbone,
            "struggling": struggling,
            "liaison": liaison,
            "milestones": milestones,
        }
        pairings.append(RosterRow(number=len(pairings) + 2, values=values))
    return [
        RosterSheet(kind="enterprises", name="企业", rows=enterprises),
        RosterSheet(kind="pairings", name="结对", rows=pairings),
    ]


def demo_sheets(today: date) -> list[RosterSheet]:
    """The demo roster as the 项目, 人员, 企业 and 结对 sheets of a workbook, dated from today."""
    projects = [_project_row(n, p, today) for n, p in enumerate(PROJECTS, start=2)]
    people = [_person_row(n, p) for n, p in enumerate(PEOPLE, start=2)]
    return [
        RosterSheet(kind="projects", name="项目", rows=projects),
        RosterSheet(kind="people", name="人员", rows=people),
        *_pairing_sheets(),
    ]


@dataclass
class DemoLoaded:
    """What loading the demo wrote: the roster import's summary and the reports added."""

    roster: ImportSummary
    reports: ReportsWritten
    indicator_months: int = 0  # park-months of assessment values filed


def load_demo(session: Session, *, now: datetime, today: date) -> DemoLoaded:
    """Imports the demo roster and its months of reports.

    Loading it again the same day changes nothing; in a later month the plan dates move with
    the month and the reports of the months since are added (a report is never rewritten).
    """
    roster = import_roster(session, demo_sheets(today), now=now, today=today, actor=DEMO_ACTOR)
    # The document's targets for the board's headline (kept if the year has its own already).
    seed_demo_targets(session, year=today.year, now=now, actor=DEMO_ACTOR)
    liaisons = {name: phones.split("、")[0] for name, *_, phones in PROJECTS}
    admin = PEOPLE[0][1]
    reports = write_reports(session, liaisons, admin, now=now, today=today)
    months = seed_indicator_values(session, now=now, today=today, actor=DEMO_ACTOR)
    seed_demo_meetings(session, now=now, today=today)
    seed_demo_burden(session, now=now)
    # One escalation waits for the demo leader's one-tap instruction (批示).
    seed_demo_escalation(session, now=now)
    return DemoLoaded(roster, reports, months)
