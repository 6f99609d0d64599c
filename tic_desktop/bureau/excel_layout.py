"""The layout of the applications-and-experts workbook: its sheets, columns and their meaning.

One sheet per block of the Application format (formats.md); child sheets name the application
by its id in column A. Both the writer (excel_template) and the reader (excel_reading) work
from these definitions, so a column added here is written, explained and read in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from tic_desktop.domain.application import KNOWN_UNIT_KINDS

# Cell kinds: how a cell's value is read and written. CODE is a credit code (USCC): text only,
# never a number (Excel keeps 15 significant digits of a number: an 18-digit code loses its tail).
TEXT, CODE, INT, AMOUNT, PERCENT, BOOL, UNIT_KIND, TITLE_LEVEL, CHAIR, REF = (
    "text",
    "code",
    "int",
    "amount",
    "percent",
    "bool",
    "unit_kind",
    "title_level",
    "chair",
    "ref",
)

YES, NO = "是", "否"
YUAN = "元"
UNIT_KIND_LABELS = {
    "enterprise": "企业",
    "university": "高校",
    "institute": "科研院所",
    "new_rd_institution": "新型研发机构",
}
TITLE_LEVEL_LABELS = {
    "senior": "正高级",
    "associate_senior": "副高级",
    "intermediate": "中级",
    "junior": "初级",
    "none": "无",
}
assert tuple(UNIT_KIND_LABELS) == KNOWN_UNIT_KINDS


@dataclass(frozen=True)
class Column:
    """One column: where its value goes in the JSON record and how people fill it in."""

    # dotted path inside the record, e.g. "lead_unit.kind"; "application" for the id reference
    key: str
    zh: str
    en: str
    kind: str
    required: bool
    note: str  # Chinese explanation for the 填表说明 sheet
    width: int = 14
    unit: str = (
        ""  # the unit a clerk may type after the number ("元", "㎡", "年", "天", "个"), removed
    )

    @property
    def yuan(self) -> bool:
        """A money column in 元: a figure below MONEY_DOUBT_BELOW is asked about (万元?)."""
        return self.unit == YUAN

    @property
    def header(self) -> str:
        return f"{self.zh} / {self.en}"

    @property
    def header_required(self) -> bool:
        """The sheet must have this column (a chair column may be empty cell by cell)."""
        return self.required or self.kind == CHAIR

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.key.split("."))


@dataclass(frozen=True)
class SheetLayout:
    name: str
    en: str
    block: str | None  # the Application list this sheet fills; None for 基本信息 and 专家库
    columns: tuple[Column, ...]
    note: str


def _ref() -> Column:
    return Column(
        "application",
        "申报编号",
        "Application id",
        REF,
        True,
        "本行所属申报的编号，须与“基本信息”表中的申报编号一致。",
        16,
    )


BASIC = SheetLayout(
    "基本信息",
    "Basic information",
    None,
    (
        Column(
            "id",
            "申报编号",
            "Application id",
            TEXT,
            True,
            "每项申报一行；编号唯一，如 LC-2026-003，"
            '也用作导出的文件名（不能含 / \\ : * ? " < > |）。',
            16,
        ),
        Column("center_name", "中心名称", "Center name", TEXT, True, "技术创新中心全称。", 30),
        Column("field", "技术领域", "Field", TEXT, False, "所属技术领域。", 20),
        Column(
            "lead_unit.name",
            "牵头单位名称",
            "Lead unit name",
            TEXT,
            True,
            "牵头（依托）单位全称。",
            28,
        ),
        Column(
            "lead_unit.kind",
            "牵头单位类型",
            "Lead unit kind",
            UNIT_KIND,
            True,
            "从下拉列表选择：企业、高校、科研院所、新型研发机构（也可填英文代码 enterprise 等）；"
            "其他类型按原样保留，形式审查时判为不符合。",
            14,
        ),
        Column(
            "lead_unit.uscc",
            "牵头单位统一社会信用代码",
            "Lead unit USCC",
            CODE,
            False,
            "18 位统一社会信用代码，须设为文本格式（模板已设好）；"
            "不要让 Excel 把它存成数字（会变成 9.13715E+17，后几位丢失）。",
            22,
        ),
        Column(
            "lead_unit.high_tech",
            "牵头单位是否高新技术企业",
            "Lead unit high-tech",
            BOOL,
            False,
            "是/否；不清楚可留空。",
            12,
        ),
        Column(
            "lead_unit.independent_legal_person",
            "牵头单位是否独立法人",
            "Lead unit independent legal person",
            BOOL,
            False,
            "是/否；不清楚可留空。",
            12,
        ),
        Column(
            "lead_share_percent.conditions",
            "牵头单位占比-科研条件（%）",
            "Lead share: conditions (%)",
            PERCENT,
            False,
            "有共建单位时，牵头单位在科研条件中的占比，填百分数 0–100，"
            "如 70 或 62.5（70 表示 70%，不要填 0.7）。",
            12,
        ),
        Column(
            "lead_share_percent.staff",
            "牵头单位占比-研发人员（%）",
            "Lead share: staff (%)",
            PERCENT,
            False,
            "牵头单位在研发人员中的占比，0–100。",
            12,
        ),
        Column(
            "lead_share_percent.projects",
            "牵头单位占比-科研项目（%）",
            "Lead share: projects (%)",
            PERCENT,
            False,
            "牵头单位在科研项目中的占比，0–100。",
            12,
        ),
        Column(
            "lead_share_percent.achievements",
            "牵头单位占比-科研成果（%）",
            "Lead share: achievements (%)",
            PERCENT,
            False,
            "牵头单位在科研成果中的占比，0–100。",
            12,
        ),
        Column(
            "transfer_cases",
            "近三年成果转化案例数",
            "Technology transfer cases",
            INT,
            False,
            "高校、科研院所牵头时填写：近三年同领域成功转化案例数（整数）。",
            12,
            "个",
        ),
        Column(
            "rd_space_m2",
            "研发场地面积（㎡）",
            "R&D space (m²)",
            AMOUNT,
            False,
            "研发场地面积，平方米，最多两位小数。",
            14,
            "㎡",
        ),
        Column(
            "equipment_value",
            "仪器设备原值（元）",
            "Equipment value (yuan)",
            AMOUNT,
            False,
            "仪器设备原值，单位元（不是万元），最多两位小数；不足 10 万元的数额导入时会提示核对。",
            16,
            YUAN,
        ),
        Column(
            "pilot_capability",
            "具备中试能力",
            "Pilot capability",
            BOOL,
            False,
            "是否具备中试熟化或产业化能力：是/否。",
            12,
        ),
        Column(
            "special_industry",
            "软件等特殊行业",
            "Special industry",
            BOOL,
            False,
            "软件等特殊行业（场地、设备要求可酌情审查）：是/否，留空按“否”。",
            12,
        ),
        Column(
            "strategic_priority",
            "战略性重点领域",
            "Strategic priority",
            BOOL,
            False,
            "属于全市战略性重点领域、可适当放宽条件：是/否，留空按“否”。",
            12,
        ),
        Column(
            "director.name",
            "中心主任姓名",
            "Director name",
            TEXT,
            False,
            "中心主任姓名；填写主任信息时，姓名和职称级别必填。",
            12,
        ),
        Column(
            "director.title",
            "中心主任职称",
            "Director title",
            TEXT,
            False,
            "职称全称，如 正高级工程师。",
            16,
        ),
        Column(
            "director.title_level",
            "中心主任职称级别",
            "Director title level",
            TITLE_LEVEL,
            False,
            "从下拉列表选择：正高级、副高级、中级、初级、无。",
            12,
        ),
        Column(
            "incidents.safety_accident",
            "近三年发生安全生产责任事故",
            "Safety accident (3 years)",
            BOOL,
            False,
            "是/否；不清楚可留空。",
            12,
        ),
        Column(
            "incidents.environmental_case",
            "近三年发生环境违法案件",
            "Environmental case (3 years)",
            BOOL,
            False,
            "是/否；不清楚可留空。",
            12,
        ),
    ),
    "每项申报一行。",
)

CO_BUILDERS = SheetLayout(
    "共建单位",
    "Co-builders",
    "co_builders",
    (
        _ref(),
        Column("name", "单位名称", "Unit name", TEXT, True, "共建单位全称。", 28),
        Column(
            "kind",
            "单位类型",
            "Unit kind",
            UNIT_KIND,
            True,
            "从下拉列表选择：企业、高校、科研院所、新型研发机构。",
            14,
        ),
        Column(
            "uscc",
            "统一社会信用代码",
            "USCC",
            CODE,
            False,
            "18 位统一社会信用代码，须设为文本格式（模板已设好）；"
            "不要让 Excel 把它存成数字（会变成 9.13715E+17，后几位丢失）。",
            22,
        ),
        Column(
            "agreement_signed",
            "已签共建协议",
            "Agreement signed",
            BOOL,
            False,
            "是/否；不清楚可留空。",
            12,
        ),
    ),
    "每个共建单位一行；没有共建单位的申报不填。",
)

FINANCE = SheetLayout(
    "财务数据",
    "Finance",
    "finance",
    (
        _ref(),
        Column(
            "year", "年度", "Year", INT, True, "年份，如 2025；同一申报每年一行，不重复。", 10, "年"
        ),
        Column(
            "rd_expense",
            "研发费用（元）",
            "R&D expense (yuan)",
            AMOUNT,
            False,
            "当年研发费用，单位元（不是万元），最多两位小数。",
            18,
            YUAN,
        ),
        Column(
            "main_revenue",
            "主营业务收入（元）",
            "Main revenue (yuan)",
            AMOUNT,
            False,
            "当年主营业务收入，单位元（不是万元），最多两位小数。",
            18,
            YUAN,
        ),
    ),
    "近三年，每年一行；没有财务数据的申报不填（相关审查项记为“缺材料”）。",
)

STAFF = SheetLayout(
    "人员",
    "Staff",
    "staff",
    (
        _ref(),
        Column("name", "姓名", "Name", TEXT, True, "研发人员姓名。", 12),
        Column(
            "full_time", "是否全职", "Full time", BOOL, True, "是否全职固定研发人员：是/否。", 10
        ),
        Column(
            "days_worked",
            "年度工作天数",
            "Days worked",
            INT,
            True,
            "当年实际工作天数，0–366 的整数。",
            12,
            "天",
        ),
    ),
    "研发人员名册，每人一行；未提供名册的申报不填。",
)

COMMITTEE = SheetLayout(
    "专家委员会",
    "Committee",
    "committee",
    (
        _ref(),
        Column("name", "姓名", "Name", TEXT, True, "专家委员会成员姓名。", 12),
        Column("unit_name", "单位名称", "Unit name", TEXT, True, "成员所在单位全称。", 28),
        Column(
            "unit_uscc",
            "单位统一社会信用代码",
            "Unit USCC",
            CODE,
            False,
            "成员所在单位的统一社会信用代码，文本格式；不清楚可留空（按单位名称比对，结果需人工复核）。",
            22,
        ),
        Column(
            "chair",
            "是否主任",
            "Chair",
            CHAIR,
            False,
            "每项申报的专家委员会须有且只有一位主任（填“是”），其他成员填“否”或留空。",
            10,
        ),
    ),
    "专家委员会成员，每人一行，顺序即成员顺序。",
)

ATTACHMENTS = SheetLayout(
    "附件",
    "Attachments",
    "attachments",
    (
        _ref(),
        Column("title", "附件名称", "Title", TEXT, True, "如 申报书。", 16),
        Column(
            "file",
            "文件路径",
            "File",
            TEXT,
            True,
            "相对于本工作簿所在文件夹的路径，如 LC-2026-003/申报书.pdf；"
            "文件须存在，且在该文件夹之内。",
            36,
        ),
    ),
    "申报附件，每个文件一行。",
)

EXPERTS = SheetLayout(
    "专家库",
    "Experts",
    None,
    (
        Column("id", "专家编号", "Expert id", TEXT, True, "本批次内唯一，如 E01。", 10),
        Column("name", "姓名", "Name", TEXT, True, "专家姓名。", 12),
        Column("unit_name", "单位名称", "Unit name", TEXT, True, "专家所在单位全称。", 28),
        Column(
            "unit_uscc",
            "单位统一社会信用代码",
            "Unit USCC",
            CODE,
            False,
            "专家所在单位的统一社会信用代码，文本格式；不清楚可留空（按单位名称比对回避关系）。",
            22,
        ),
        Column("title", "职称", "Title", TEXT, False, "如 教授、研究员。", 12),
        Column("field", "专业领域", "Field", TEXT, False, "如 机械工程。", 16),
    ),
    "本评审批次的专家，每人一行。",
)

APPLICATION_CHILDREN = (CO_BUILDERS, FINANCE, STAFF, COMMITTEE, ATTACHMENTS)
DATA_SHEETS = (BASIC, *APPLICATION_CHILDREN, EXPERTS)
INSTRUCTIONS_SHEET = "填表说明"
SHEET_ORDER = {layout.name: index for index, layout in enumerate(DATA_SHEETS)}

GENERAL_NOTES = (
    "本工作簿用于导入评审批次的申报材料和专家库。每个工作表第一行为列标题，请勿修改或删除标题。",
    "“基本信息”表每项申报一行；其他申报表（共建单位、财务数据、人员、专家委员会、附件）每行第一列填写所属申报的编号。",
    "金额、面积、百分比可填数字或文本，最多两位小数；金额单位为元（不是万元）。"
    "全角数字、千位分隔符（1,250,000）和末尾的“元”会自动规范，并在导入报告中逐格列出。",
    "金额不足 10 万元（像是按万元填写）、占比填成小数（0.7 而非 70）的单元格照常导入，"
    "但会在导入报告中列出，请逐一核对。",
    "统一社会信用代码列须为文本格式（模板已设好）：存成数字的代码已丢失后几位，导入时会被拒绝。",
    "是/否列从下拉列表选择“是”或“否”，也接受 TRUE/FALSE。",
    "选填的单元格可留空，表示未提供；整行为空的行会被忽略。",
    "导入时检查全部内容，任何一处有误都不会导入，并逐条列出出错的工作表、行和列。",
)
