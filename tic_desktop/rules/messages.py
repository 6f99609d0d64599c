"""Every sentence the rules say to people, in Chinese and English, in one catalogue.

Keys are (check id, outcome key); values are (zh, en) format strings.
"""

from __future__ import annotations

CLAUSES: dict[str, tuple[str, str]] = {
    "lead_unit.kind": ("第七条", "Art. 7"),
    "lead_unit.registered_locally": ("第八条（二）", "Art. 8 (conditions) (2)"),
    "lead_unit.independent_legal_person": ("第八条（二）", "Art. 8 (conditions) (2)"),
    "rd.expense_total": ("第八条（二）", "Art. 8 (conditions) (2)"),
    "rd.expense_ratio": ("第八条（二）", "Art. 8 (conditions) (2)"),
    "transfer.cases": ("第八条（二）", "Art. 8 (conditions) (2)"),
    "premises.rd_space": ("第八条（三）", "Art. 8 (conditions) (3)"),
    "premises.equipment_value": ("第八条（三）", "Art. 8 (conditions) (3)"),
    "premises.pilot_capability": ("第八条（三）", "Art. 8 (conditions) (3)"),
    "team.full_time_staff": ("第八条（四）", "Art. 8 (conditions) (4)"),
    "team.director_title": ("第十一条", "Art. 11"),
    "cobuild.count": ("第八条（五）", "Art. 8 (conditions) (5)"),
    "cobuild.local_enterprise": ("第八条（五）", "Art. 8 (conditions) (5)"),
    "cobuild.agreement": ("第八条（五）", "Art. 8 (conditions) (5)"),
    "cobuild.lead_share": ("第八条（五）", "Art. 8 (conditions) (5)"),
    "compliance.incidents": ("第八条（六）", "Art. 8 (conditions) (6)"),
    "committee.host_share": ("第十一条", "Art. 11"),
    "committee.chair_independent": ("第十一条", "Art. 11"),
    "panel.host_share": ("评审回避规则", "panel conflict-of-interest rule"),
    "panel.chair_independent": ("评审回避规则", "panel conflict-of-interest rule"),
    "panel.quorum": ("评审回避规则", "panel conflict-of-interest rule"),
}

MESSAGES: dict[tuple[str, str], tuple[str, str]] = {
    # generic outcomes
    ("*", "not_applicable_kind"): (
        "依托单位类型为{kind_zh}，本项不适用。",
        "Not applicable to a lead unit of kind '{kind}'.",
    ),
    ("*", "no_cobuilders"): ("无共建单位，本项不适用。", "No co-builders: not applicable."),
    ("*", "relaxed"): (
        "{base}（重大战略/未来产业布局项目，依第八条（七）可适当放宽，交专家研判。）",
        "{base} (Strategic-priority application: Art. 8 (7) allows relaxation; "
        "for the experts to judge.)",
    ),
    ("lead_unit.kind", "pass"): (
        "依托单位类型为{kind_zh}，符合牵头条件。",
        "Lead unit kind '{kind}' may lead a center.",
    ),
    ("lead_unit.kind", "fail"): (
        "依托单位类型“{kind}”不属于企业、高校、科研院所或新型研发机构。",
        "Lead unit kind '{kind}' is not an enterprise, university, research institute "
        "or new R&D institution.",
    ),
    ("lead_unit.registered_locally", "missing"): (
        "未提供依托单位统一社会信用代码。",
        "The lead unit's USCC is missing.",
    ),
    ("lead_unit.registered_locally", "invalid"): (
        "统一社会信用代码 {code} 无效（{why_zh}）。",
        "USCC {code} is invalid ({why_en}).",
    ),
    ("lead_unit.registered_locally", "pass"): (
        "统一社会信用代码有效，登记机关行政区划 {division} 属聊城市。",
        "Valid USCC; division code {division} is in Liaocheng.",
    ),
    ("lead_unit.registered_locally", "fail"): (
        "登记机关行政区划 {division} 不在聊城市（3715）。",
        "Division code {division} is not in Liaocheng (3715).",
    ),
    ("lead_unit.independent_legal_person", "pass"): (
        "依托单位具有独立法人资格。",
        "The lead unit is an independent legal person.",
    ),
    ("lead_unit.independent_legal_person", "fail"): (
        "依托单位不具有独立法人资格。",
        "The lead unit is not an independent legal person.",
    ),
    ("lead_unit.independent_legal_person", "missing"): (
        "未说明是否具有独立法人资格。",
        "Independent legal person status not given.",
    ),
    ("rd.expense_total", "missing"): (
        "近三年研发费用数据不全（需三个年度，现有 {years} 个）。",
        "R&D expenses for the last three years are incomplete ({years} of 3 years given).",
    ),
    ("rd.expense_total", "pass"): (
        "近三年研发费用总额 {value} 元，不少于 {threshold} 元。",
        "Three-year R&D total {value} yuan is at least {threshold} yuan.",
    ),
    ("rd.expense_total", "fail"): (
        "近三年研发费用总额 {value} 元，少于 {threshold} 元。",
        "Three-year R&D total {value} yuan is below {threshold} yuan.",
    ),
    ("rd.expense_ratio", "missing"): (
        "近三年研发费用或主营业务收入数据不全（需三个年度，现有 {years} 个）。",
        "R&D expense or revenue figures for the last three years are incomplete "
        "({years} of 3 years).",
    ),
    ("rd.expense_ratio", "zero_revenue"): (
        "近三年主营业务收入合计为零，无法计算研发投入比例，交专家研判。",
        "Three-year main business revenue is zero; the ratio cannot be computed: "
        "for the experts to judge.",
    ),
    ("rd.expense_ratio", "pass"): (
        "近三年研发费用占主营业务收入比例 {value}%，不低于 {threshold}%。",
        "Three-year R&D / revenue ratio {value}% is at least {threshold}%.",
    ),
    ("rd.expense_ratio", "fail"): (
        "近三年研发费用占主营业务收入比例 {value}%，低于 {threshold}%。",
        "Three-year R&D / revenue ratio {value}% is below {threshold}%.",
    ),
    ("transfer.cases", "missing"): (
        "未提供近三年同领域科技成果转化成功案例数。",
        "Technology-transfer cases not given.",
    ),
    ("transfer.cases", "pass"): (
        "近三年同领域科技成果转化成功案例 {value} 例，达到 {threshold} 例以上。",
        "{value} successful transfer cases in three years: at least {threshold}.",
    ),
    ("transfer.cases", "fail"): (
        "近三年同领域科技成果转化成功案例 {value} 例，不足 {threshold} 例。",
        "{value} successful transfer cases in three years: fewer than {threshold}.",
    ),
    ("premises.rd_space", "missing"): ("未提供科研开发用房面积。", "R&D floor area not given."),
    ("premises.rd_space", "pass"): (
        "科研开发用房面积 {value} 平方米，不少于 {threshold} 平方米。",
        "R&D floor area {value} m² is at least {threshold} m².",
    ),
    ("premises.rd_space", "fail"): (
        "科研开发用房面积 {value} 平方米，少于 {threshold} 平方米。",
        "R&D floor area {value} m² is below {threshold} m².",
    ),
    ("premises.rd_space", "special"): (
        "科研开发用房面积 {value} 平方米，少于 {threshold} 平方米；"
        "软件等特殊行业可适当低于标准，交专家研判。",
        "R&D floor area {value} m² is below {threshold} m²; "
        "software and similar industries may be lower: for the experts to judge.",
    ),
    ("premises.equipment_value", "missing"): (
        "未提供仪器设备原值。",
        "Equipment original value not given.",
    ),
    ("premises.equipment_value", "pass"): (
        "仪器设备原值 {value} 元，不少于 {threshold} 元。",
        "Equipment original value {value} yuan is at least {threshold} yuan.",
    ),
    ("premises.equipment_value", "fail"): (
        "仪器设备原值 {value} 元，少于 {threshold} 元。",
        "Equipment original value {value} yuan is below {threshold} yuan.",
    ),
    ("premises.equipment_value", "special"): (
        "仪器设备原值 {value} 元，少于 {threshold} 元；软件等特殊行业可适当低于标准，交专家研判。",
        "Equipment original value {value} yuan is below {threshold} yuan; "
        "software and similar industries may be lower: for the experts to judge.",
    ),
    ("premises.pilot_capability", "missing"): (
        "未说明是否具备中试或产业化能力。",
        "Pilot or industrialisation capability not stated.",
    ),
    ("premises.pilot_capability", "pass"): (
        "已声明具备中试或产业化能力（需现场核实）。",
        "Declares pilot-scale or industrialisation capability.",
    ),
    ("premises.pilot_capability", "fail"): (
        "未声明具备中试或产业化能力。",
        "Does not declare pilot-scale or industrialisation capability.",
    ),
    ("team.full_time_staff", "missing"): ("未提供研发人员名单。", "R&D staff roster not given."),
    ("team.full_time_staff", "pass"): (
        "全年实际工作超过 183 天的专职固定科研人员 {value} 人，不少于 {threshold} 人。",
        "{value} full-time R&D staff worked more than 183 days: at least {threshold}.",
    ),
    ("team.full_time_staff", "fail"): (
        "全年实际工作超过 183 天的专职固定科研人员 {value} 人，少于 {threshold} 人。",
        "{value} full-time R&D staff worked more than 183 days: fewer than {threshold}.",
    ),
    ("team.director_title", "missing"): ("未提供中心主任信息。", "Center director not given."),
    ("team.director_title", "pass"): (
        "中心主任具有高级职称（{title}）。",
        "The director holds a senior title ({title}).",
    ),
    ("team.director_title", "review"): (
        "中心主任职称为“{title}”，非高级职称；办法规定“一般应具有高级职称”，交专家研判。",
        "The director's title '{title}' is not senior; Art. 11 says 'generally' senior: "
        "for the experts to judge.",
    ),
    ("cobuild.count", "pass"): (
        "共建单位 {value} 家，不超过 {threshold} 家。",
        "{value} co-builders: no more than {threshold}.",
    ),
    ("cobuild.count", "fail"): (
        "共建单位 {value} 家，超过 {threshold} 家。",
        "{value} co-builders: more than {threshold}.",
    ),
    ("cobuild.local_enterprise", "pass"): (
        "已联合市内企业“{name}”共同申报。",
        "Co-builds with a Liaocheng-registered enterprise ({name}).",
    ),
    ("cobuild.local_enterprise", "fail"): (
        "高校、科研院所牵头的，须联合聊城市内注册企业共同申报，未发现符合条件的共建企业。",
        "A university/institute lead must co-build with an enterprise registered in Liaocheng; "
        "none found.",
    ),
    ("cobuild.local_enterprise", "missing"): (
        "共建企业“{name}”未提供统一社会信用代码，无法确认是否在聊城市内注册。",
        "Co-building enterprise '{name}' has no USCC: "
        "cannot confirm it is registered in Liaocheng.",
    ),
    ("cobuild.agreement", "pass"): (
        "全部 {count} 家共建单位均已签订共建协议。",
        "All {count} co-builders signed a co-building agreement.",
    ),
    ("cobuild.agreement", "fail"): (
        "共建单位未签订共建协议：{names}。",
        "No signed co-building agreement: {names}.",
    ),
    ("cobuild.agreement", "missing"): (
        "未说明是否签订共建协议：{names}。",
        "Agreement status not given: {names}.",
    ),
    ("cobuild.lead_share", "missing"): (
        "未提供第一依托单位的科研条件、研发人员、科研项目、科技成果占比。",
        "The lead unit's shares of conditions, staff, projects and achievements are not given.",
    ),
    ("cobuild.lead_share", "pass"): (
        "第一依托单位各项占比均达到 {threshold}% 以上（最低 {value}%）。",
        "The lead unit's shares are all at least {threshold}% (lowest {value}%).",
    ),
    ("cobuild.lead_share", "fail"): (
        "第一依托单位占比低于 {threshold}%：{parts_zh}。",
        "The lead unit's share is below {threshold}%: {parts_en}.",
    ),
    ("compliance.incidents", "missing"): (
        "未说明近三年安全生产、生态环境情况。",
        "Safety and environmental record not given.",
    ),
    ("compliance.incidents", "pass"): (
        "近三年未发生安全生产责任事故、生态环境问责等情形。",
        "No work-safety liability accident or environmental accountability case in three years.",
    ),
    ("compliance.incidents", "fail"): (
        "近三年发生{what_zh}。",
        "In the last three years: {what_en}.",
    ),
    ("committee.host_share", "missing"): (
        "未提供专家委员会组成。",
        "The expert committee is not given.",
    ),
    ("committee.host_share", "pass"): (
        "专家委员会 {total} 人中牵头和参与单位人员 {value} 人，不超过 1/3。",
        "{value} of {total} committee members are from the lead or co-builder units: "
        "no more than 1/3.",
    ),
    ("committee.host_share", "fail"): (
        "专家委员会 {total} 人中牵头和参与单位人员 {value} 人，超过 1/3。",
        "{value} of {total} committee members are from the lead or co-builder units: "
        "more than 1/3.",
    ),
    ("committee.host_share", "review"): (
        "专家委员会 {total} 人中按信用代码确认来自牵头和参与单位 {sure} 人，"
        "按单位名称比对 {by_name} 人；"
        "有成员未提供统一社会信用代码（{names}），需人工确认。",
        "{sure} of {total} committee members are confirmed by USCC from the lead or co-builder "
        "units, {by_name} more by unit name; members without a USCC ({names}) need confirming.",
    ),
    ("committee.chair_independent", "missing"): (
        "未提供专家委员会组成。",
        "The expert committee is not given.",
    ),
    ("committee.chair_independent", "pass"): (
        "专家委员会主任{name}（{unit}）不是牵头单位人员。",
        "Committee chair {name} ({unit}) is not from the lead unit.",
    ),
    ("committee.chair_independent", "fail"): (
        "专家委员会主任{name}来自牵头单位（{unit}）。",
        "Committee chair {name} is from the lead unit ({unit}).",
    ),
    ("committee.chair_independent", "review"): (
        "{whose_zh}，只能按单位名称比对专家委员会主任{name}（{unit}）：{outcome_zh}，需人工确认。",
        "{whose_en}, so committee chair {name} ({unit}) was compared by unit name only: "
        "{outcome_en}; needs confirming.",
    ),
    ("panel.host_share", "pass"): (
        "专家组 {total} 人中与申报单位有关联的 {value} 人，不超过 1/3。",
        "{value} of {total} panel members are affiliated with the applicant: no more than 1/3.",
    ),
    ("panel.host_share", "fail"): (
        "专家组 {total} 人中与申报单位有关联的 {value} 人，超过 1/3。",
        "{value} of {total} panel members are affiliated with the applicant: more than 1/3.",
    ),
    ("panel.host_share", "review"): (
        "专家组 {total} 人中确认关联 {sure} 人，按单位名称比对关联 {by_name} 人；"
        "部分单位没有可用的统一社会信用代码（未提供或无效），需人工确认。",
        "{sure} of {total} panel members confirmed affiliated, {by_name} more by unit name; "
        "some units have no usable USCC (missing or invalid): needs confirming.",
    ),
    ("panel.chair_independent", "pass"): (
        "组长与该申报无关联。",
        "The chair is not affiliated with this application.",
    ),
    ("panel.chair_independent", "fail"): (
        "组长与该申报有关联（{why_zh}），须更换组长。",
        "The chair is affiliated with this application ({why_en}): choose another chair.",
    ),
    ("panel.chair_independent", "review"): (
        "{whose_zh}，只能按单位名称比对组长：{outcome_zh}，需人工确认。",
        "{whose_en}, so the chair was compared by unit name only: {outcome_en}; needs confirming.",
    ),
    ("panel.quorum", "pass"): (
        "可评分专家 {value} 人，不少于最少评分人数 {threshold} 人。",
        "{value} members can score: quorum of {threshold} met.",
    ),
    ("panel.quorum", "fail"): (
        "回避后可评分专家 {value} 人，少于最少评分人数 {threshold} 人。",
        "Only {value} members can score after recusals: below the quorum of {threshold}.",
    ),
    ("panel.quorum", "fail_by_name"): (
        "确认回避后可评分专家 {value} 人，少于最少评分人数 {threshold} 人；"
        "按单位名称比对的关联专家也回避时只有 {scorers} 人。",
        "Only {value} members can score after the confirmed recusals: "
        "below the quorum of {threshold}; "
        "{scorers} if the name-matched affiliations stand too.",
    ),
    ("panel.quorum", "review"): (
        "按单位名称比对回避后可评分专家 {value} 人，少于最少评分人数 {threshold} 人，需人工确认。",
        "{value} members can score if name-matched affiliations stand: "
        "below the quorum of {threshold}; needs confirming.",
    ),
}

KIND_NAMES_ZH = {
    "enterprise": "企业",
    "university": "高校",
    "institute": "科研院所",
    "new_rd_institution": "新型研发机构",
}

USCC_PROBLEMS = {
    "length": ("长度应为 18 位", "must be 18 characters"),
    "characters": ("含有不允许的字符", "contains characters outside the GB 32100 set"),
    "division": (
        "第 3–8 位应为行政区划代码（数字）",
        "characters 3-8 must be a numeric division code",
    ),
    "check_character": ("校验码错误", "wrong check character"),
}


def text(check_id: str, key: str, **fields: object) -> tuple[str, str]:
    """The (zh, en) sentence for a check outcome, with its figures filled in."""
    zh, en = MESSAGES.get((check_id, key)) or MESSAGES[("*", key)]
    return zh.format(**fields), en.format(**fields)


RESULT_LABELS = {
    "pass": ("通过", "pass"),
    "fail": ("不通过", "fail"),
    "review": ("需研判", "review"),
    "missing": ("缺材料", "missing"),
    "not_applicable": ("不适用", "n/a"),
}

VERDICT_LABELS = {
    "eligible": ("符合条件", "eligible"),
    "needs_judgement": ("需专家研判", "needs judgement"),
    "ineligible": ("不符合条件", "ineligible"),
}


def label(table: dict[str, tuple[str, str]], key: str, lang: str = "zh") -> str:
    zh, en = table.get(key, (key, key))
    return en if lang == "en" else zh


CHECK_TITLES: dict[str, tuple[str, str]] = {
    "lead_unit.kind": ("牵头单位类型", "Lead unit kind"),
    "lead_unit.registered_locally": ("市内注册", "Registered in Liaocheng"),
    "lead_unit.independent_legal_person": ("独立法人资格", "Independent legal person"),
    "rd.expense_total": ("研发费用总额", "R&D expense total"),
    "rd.expense_ratio": ("研发投入比例", "R&D / revenue ratio"),
    "transfer.cases": ("成果转化案例", "Technology transfers"),
    "premises.rd_space": ("科研用房面积", "R&D floor area"),
    "premises.equipment_value": ("仪器设备原值", "Equipment value"),
    "premises.pilot_capability": ("中试/产业化能力", "Pilot capability"),
    "team.full_time_staff": ("专职科研人员", "Full-time R&D staff"),
    "team.director_title": ("中心主任职称", "Director's title"),
    "cobuild.count": ("共建单位数量", "Number of co-builders"),
    "cobuild.local_enterprise": ("联合市内企业", "Local co-building enterprise"),
    "cobuild.agreement": ("共建协议", "Co-building agreements"),
    "cobuild.lead_share": ("第一依托单位占比", "Lead unit's share"),
    "compliance.incidents": ("安全环保情况", "Safety and environment"),
    "committee.host_share": ("专家委员会构成", "Committee composition"),
    "committee.chair_independent": ("专家委员会主任", "Committee chair"),
    "panel.host_share": ("关联专家不超过1/3", "Affiliated ≤ 1/3"),
    "panel.chair_independent": ("组长独立", "Chair independent"),
    "panel.quorum": ("可评分人数", "Quorum"),
}

# How coded values read to people (the JSON output keeps the codes).
VALUE_LABELS: dict[str, tuple[str, str]] = {
    "true": ("是", "yes"),
    "false": ("否", "no"),
    "enterprise": ("企业", "enterprise"),
    "university": ("高校", "university"),
    "institute": ("科研院所", "research institute"),
    "new_rd_institution": ("新型研发机构", "new R&D institution"),
    "senior": ("正高级", "senior"),
    "associate_senior": ("副高级", "associate senior"),
    "intermediate": ("中级", "intermediate"),
    "junior": ("初级", "junior"),
    "none": ("无职称", "none"),
}
