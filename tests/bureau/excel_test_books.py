"""A workbook filled cell by cell with openpyxl, independently of write_workbook, and what it means.

The headers are typed out here as the template shows them; the expected application is the
JSON of formats.md written by hand.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from tic_desktop.domain.application import Application

BASIC_HEADERS = [
    "申报编号 / Application id",
    "中心名称 / Center name",
    "技术领域 / Field",
    "牵头单位名称 / Lead unit name",
    "牵头单位类型 / Lead unit kind",
    "牵头单位统一社会信用代码 / Lead unit USCC",
    "牵头单位是否高新技术企业 / Lead unit high-tech",
    "牵头单位是否独立法人 / Lead unit independent legal person",
    "牵头单位占比-科研条件（%） / Lead share: conditions (%)",
    "牵头单位占比-研发人员（%） / Lead share: staff (%)",
    "牵头单位占比-科研项目（%） / Lead share: projects (%)",
    "牵头单位占比-科研成果（%） / Lead share: achievements (%)",
    "近三年成果转化案例数 / Technology transfer cases",
    "研发场地面积（㎡） / R&D space (m²)",
    "仪器设备原值（元） / Equipment value (yuan)",
    "具备中试能力 / Pilot capability",
    "软件等特殊行业 / Special industry",
    "战略性重点领域 / Strategic priority",
    "中心主任姓名 / Director name",
    "中心主任职称 / Director title",
    "中心主任职称级别 / Director title level",
    "近三年发生安全生产责任事故 / Safety accident (3 years)",
    "近三年发生环境违法案件 / Environmental case (3 years)",
]
# Column letters of 基本信息, for the tests' expectations.
B = {
    name: chr(ord("A") + i)
    for i, name in enumerate(
        [
            "id",
            "center_name",
            "field",
            "lead_name",
            "lead_kind",
            "lead_uscc",
            "high_tech",
            "independent",
            "share_conditions",
            "share_staff",
            "share_projects",
            "share_achievements",
            "transfer_cases",
            "rd_space",
            "equipment_value",
            "pilot",
            "special",
            "strategic",
            "director_name",
            "director_title",
            "title_level",
            "safety",
            "environmental",
        ]
    )
}

LEAD_USCC = "91371500MA3C0XXXX1"


def hand_filled_book(folder: Path) -> Workbook:
    """Two applications and two experts; the attachment file is created in ``folder``."""
    (folder / "LC-T-001").mkdir(parents=True, exist_ok=True)
    (folder / "LC-T-001" / "申报书.pdf").write_bytes(b"%PDF-1.4 test\n")
    book = Workbook()
    book.remove(book.active)

    basic = book.create_sheet("基本信息")
    basic.append(BASIC_HEADERS)
    basic.append(
        [
            "LC-T-001",
            "聊城市测试技术创新中心",
            "高端装备制造",
            "山东某某轴承股份有限公司",
            "企业",
            LEAD_USCC,
            "是",
            True,
            70,
            "65",
            80.5,
            "60%",
            0,
            "620",
            5300000,
            "是",
            False,
            "否",
            "李某",
            "正高级工程师",
            "正高级",
            "否",
            "FALSE",
        ]
    )
    # A minimal second application: only what is required, the kind typed as its English code.
    basic.append(["LC-T-002", "聊城市第二测试中心", None, "聊城大学", "university"])

    co = book.create_sheet("共建单位")
    co.append(
        [
            "申报编号 / Application id",
            "单位名称 / Unit name",
            "单位类型 / Unit kind",
            "统一社会信用代码 / USCC",
            "已签共建协议 / Agreement signed",
        ]
    )
    co.append(["LC-T-001", "聊城大学", "高校", "12371500XXXXXXXXXX", "是"])

    finance = book.create_sheet("财务数据")
    # Chinese-only titles are recognised too.
    finance.append(["申报编号", "年度", "研发费用（元）", "主营业务收入（元）"])
    finance.append(["LC-T-001", 2023, "3800000.00", 120000000])
    finance.append(["LC-T-001", "2024", 3300000.5, "110000000"])
    finance.append([None, None, None, None])  # an empty row in between is ignored
    finance.append(["LC-T-001", 2025.0, 0.1, None])

    staff = book.create_sheet("人员")
    staff.append(
        [
            "申报编号 / Application id",
            "姓名 / Name",
            "是否全职 / Full time",
            "年度工作天数 / Days worked",
        ]
    )
    staff.append(["LC-T-001", "王某", "是", 240])
    staff.append(["LC-T-001", "张某", "否", "183"])

    committee = book.create_sheet("专家委员会")
    committee.append(
        [
            "申报编号 / Application id",
            "姓名 / Name",
            "单位名称 / Unit name",
            "单位统一社会信用代码 / Unit USCC",
            "是否主任 / Chair",
        ]
    )
    committee.append(["LC-T-001", "赵某", "山东大学", "12100000XXXXXXXXXX", "否"])
    committee.append(["LC-T-001", "钱某", "聊城大学", None, "是"])
    committee.append(["LC-T-001", "孙某", "某研究院", None, None])

    attachments = book.create_sheet("附件")
    attachments.append(["申报编号 / Application id", "附件名称 / Title", "文件路径 / File"])
    attachments.append(["LC-T-001", "申报书", "LC-T-001/申报书.pdf"])

    experts = book.create_sheet("专家库")
    experts.append(
        [
            "专家编号 / Expert id",
            "姓名 / Name",
            "单位名称 / Unit name",
            "单位统一社会信用代码 / Unit USCC",
            "职称 / Title",
            "专业领域 / Field",
        ]
    )
    experts.append(["E01", "张某", "山东大学", "12100000XXXXXXXXXX", "教授", "机械工程"])
    experts.append(["E02", "李某", "聊城大学"])
    return book


EXPECTED_DATA = [
    {
        "id": "LC-T-001",
        "center_name": "聊城市测试技术创新中心",
        "field": "高端装备制造",
        "lead_unit": {
            "name": "山东某某轴承股份有限公司",
            "kind": "enterprise",
            "uscc": LEAD_USCC,
            "high_tech": True,
            "independent_legal_person": True,
        },
        "co_builders": [
            {
                "name": "聊城大学",
                "kind": "university",
                "uscc": "12371500XXXXXXXXXX",
                "agreement_signed": True,
            }
        ],
        "lead_share_percent": {
            "conditions": "70",
            "staff": "65",
            "projects": "80.5",
            "achievements": "60",
        },
        "finance": [
            {"year": 2023, "rd_expense": "3800000.00", "main_revenue": "120000000"},
            {"year": 2024, "rd_expense": "3300000.5", "main_revenue": "110000000"},
            {"year": 2025, "rd_expense": "0.1"},
        ],
        "transfer_cases": 0,
        "rd_space_m2": "620",
        "equipment_value": "5300000",
        "pilot_capability": True,
        "special_industry": False,
        "strategic_priority": False,
        "staff": [
            {"name": "王某", "full_time": True, "days_worked": 240},
            {"name": "张某", "full_time": False, "days_worked": 183},
        ],
        "director": {"name": "李某", "title": "正高级工程师", "title_level": "senior"},
        "committee": {
            "members": [
                {"name": "赵某", "unit_name": "山东大学", "unit_uscc": "12100000XXXXXXXXXX"},
                {"name": "钱某", "unit_name": "聊城大学"},
                {"name": "孙某", "unit_name": "某研究院"},
            ],
            "chair": 1,
        },
        "incidents": {"safety_accident": False, "environmental_case": False},
        "attachments": [{"title": "申报书", "file": "LC-T-001/申报书.pdf"}],
    },
    {
        "id": "LC-T-002",
        "center_name": "聊城市第二测试中心",
        "lead_unit": {"name": "聊城大学", "kind": "university"},
    },
]


def expected_applications() -> list[Application]:
    return [Application.model_validate(data) for data in EXPECTED_DATA]


def save(book: Workbook, folder: Path, name: str = "book.xlsx") -> Path:
    path = folder / name
    book.save(path)
    return path
