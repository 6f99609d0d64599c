"""Fill the zh_CN catalogue after `pyside6-lupdate ui/*.ui tic_desktop/gui/*.py -ts resources/i18n/tic_zh_CN.ts`.

The .ts file is the catalogue; this script only fills entries that are still unfinished from the
table below, so translators can keep editing the .ts in Qt Linguist.
"""

from __future__ import annotations

import runpy
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ZH = {
    "Open review round": "打开评审批次",
    "Review round (*.json)": "评审批次文件 (*.json)",
    "Loading %1…": "正在加载 %1…",
    "The review round could not be opened": "无法打开评审批次",
    "%1 applications: %2 eligible, %3 need judgement, %4 ineligible · %5 panel/application pairs: "
    "%6 break a conflict-of-interest rule, %7 to confirm": "共 %1 项申报：符合条件 %2 项，需专家研判 %3 项，不符合条件 %4 项 · 专家组评审 %5 组次：%6 组次违反回避规则，%7 组次需人工确认",
    "Opened %1": "已打开 %1",
    "About": "关于",
    "TIC Review Desktop %1\nLiaocheng Municipal Science and Technology Bureau": "聊城市技术创新中心评审系统 %1\n聊城市科学技术局",
    "TIC Review Desktop": "聊城市技术创新中心评审系统",
    "No review round open": "尚未打开评审批次",
    "Open a review round with File → Open round.": "请通过“文件 → 打开评审批次”打开评审批次。",
    "Formal review": "形式审查",
    "Applications": "申报列表",
    "Choose an application on the left to see every check.": "请在左侧选择一项申报，查看全部检查项。",
    "Checks": "检查项",
    "Check detail": "检查详情",
    "Panel conflicts of interest": "专家组回避检查",
    "Panel results": "专家组检查结果",
    "Panel detail": "专家组详情",
    "&File": "文件(&F)",
    "&View": "视图(&V)",
    "&Help": "帮助(&H)",
    "&Open review round…": "打开评审批次(&O)…",
    "Open the &demo round": "打开演示批次(&D)",
    "&Quit": "退出(&Q)",
    "&Larger text": "放大字号(&L)",
    "&Smaller text": "缩小字号(&S)",
    "&About": "关于(&A)",
    "Expert review": "专家评审",
    "Open a review package to begin.": "请先打开评审包。",
    "Open review package…": "打开评审包…",
    "Before you see any material: check each application and its units. Tick any application you have a conflict of interest with and give the reason. Applications marked by the bureau are already locked.": "查看材料前，请逐项核对申报及其涉及单位。与您存在利益冲突的申报请勾选并填写回避理由；评审局已确认须回避的申报已锁定。",
    "I certify the above declaration": "本人确认以上回避声明",
    "Materials": "申报材料",
    "Scoring": "评分",
    "&Open review package…": "打开评审包(&O)…",
    "&Sign and export…": "签名并导出(&S)…",
    "Ctrl+E": "Ctrl+E",
    "&Close": "关闭(&C)",
    "Ctrl+W": "Ctrl+W",
    "Open review package": "打开评审包",
    "Review package (*.ticpkg)": "评审包 (*.ticpkg)",
    "The package could not be opened": "无法打开评审包",
    "Passphrase needed": "需要口令",
    "This computer does not know you yet: enter the passphrase from your sheet.": "本机尚未保存您的凭据，请输入口令单上的口令。",
    "Unlocking your credential… (a few seconds)": "正在解锁评审凭据…（需要几秒钟）",
    "Bureau signature verified: %1, fingerprint %2": "评审局签名已验证：%1，指纹 %2",
    "Application": "申报",
    "Center": "中心名称",
    "Units involved": "涉及单位",
    "Conflict": "利益冲突",
    "Reason": "回避理由",
    "Known conflict (locked)": "已确认回避（锁定）",
    "I have a conflict": "本人须回避",
    "Declaration incomplete": "回避声明未完成",
    "recused": "回避",
    "to do": "未完成",
    "complete": "已完成",
    "You are recused from this application: no materials, no scoring.": "您须回避该申报：不能查看材料，也不能评分。",
    "Field": "技术领域",
    "Lead unit": "依托单位",
    "Co-builders": "共建单位",
    "Director": "中心主任",
    "Attachments": "附件",
    "Not ready to sign": "尚不能签名",
    "Please complete these first:": "请先完成以下事项：",
    "Where should the signed files go? (e.g. a USB stick)": "签名文件保存到哪里？（例如 U 盘）",
    "Signing…": "正在签名…",
    "Signed: %1 (revision %2) and %3 opinion PDFs": "已签名：%1（第 %2 版）及 %3 份评审意见表",
    "Signing failed": "签名失败",
    "Saved %1": "已保存 %1",
    "not scored": "未评分",
    " (max %1)": "（满分 %1）",
    "Package opened": "评审包已打开",
    "&Returns and results…": "评分回执与汇总(&R)…",
    "Ctrl+R": "Ctrl+R",
    "Bureau workspace folder": "评审局工作目录",
    "Not a bureau workspace": "不是评审局工作目录",
    "Bureau passphrase": "评审局口令",
    "Passphrase of the bureau's keys:": "评审局密钥的口令：",
    "Unlocking the bureau's keys…": "正在解锁评审局密钥…",
    "The bureau's keys could not be opened": "无法打开评审局密钥",
    "Returns and results — %1": "评分回执与汇总 — %1",
    "Drag returned files or whole folders here, or add them with the button.": "把回执文件或整个文件夹拖到这里，或用下面的按钮添加。",
    "Add returns…": "添加回执…",
    "Export ranking as CSV…": "导出排名（CSV）…",
    "File": "文件",
    "Expert": "专家",
    "Revision": "版本",
    "Status": "状态",
    "Rank": "排名",
    "Mean": "平均分",
    "Flags": "标记",
    "Excluded": "未计入",
    "Returned files": "回执文件",
    "Returns (*.ticreturn)": "回执 (*.ticreturn)",
    "Verifying %1 returns…": "正在校验 %1 份回执…",
    "Export ranking": "导出排名",
    "Exported %1": "已导出 %1",
    "Why": "原因",
    "Export ranking and scores…": "导出排名和全部评分…",
    "Sign the result summary (PDF)…": "签发评审结果汇总表（PDF）…",
    "Result summary": "评审结果汇总表",
    "On-site inspection": "现场考察",
    "Inspection report signed: %1": "现场考察报告已签署：%1",
    "Item": "考察项目",
    "Result": "结果",
    "Measured / found": "实测/核查情况",
    "Note": "备注",
    "Add photos…": "添加照片…",
    "Photos (stored encrypted, with their SHA-256)": "现场照片（加密保存，附 SHA-256）",
    "Site address:": "考察地点：",
    "Date of visit:": "考察日期：",
    "Team members:": "考察组成员：",
    "Conclusion:": "考察结论：",
    "Sign the inspection report as team leader…": "以考察组组长身份签署考察报告…",
    "Site photos": "现场照片",
    "Photos (*.jpg *.jpeg *.png)": "照片 (*.jpg *.jpeg *.png)",
    "Where should the signed report go?": "签署后的报告保存到哪里？",
    "Import members' score copies…": "导入成员评分副本…",
    "The panel's consensus opinion on the selected application": "专家组对所选申报的综合意见",
    "Sign the group opinion…": "签署专家组意见…",
    "Members' score copies": "成员评分副本",
    "Score copies (*.chaircopy)": "评分副本 (*.chaircopy)",
    "Valid": "有效",
    "Final": "最终得分",
    "Spread": "分差",
    "Wide spread between the members' totals": "成员总分分差过大",
    "%1 of %2 members' copies imported": "已导入 %1 / %2 位成员的评分副本",
    "Choose an application in the table first.": "请先在表中选择一项申报。",
    "Where should the signed group opinion go?": "签署后的专家组意见保存到哪里？",
    "Panel chair": "专家组组长",
    "Group opinion signed: %1": "专家组意见已签署：%1",
    "Items left to the experts: agree with the finding, or give your own judgement and why": "以下事项交由专家研判：同意系统结论，或给出您的判断及理由",
    "No formal-review item needs your judgement.": "本申报没有需要专家研判的形式审查事项。",
    "Choose…": "请选择…",
    "Agree": "同意",
    "Disagree": "不同意",
    "Judgement on %1": "对 %1 的意见",
    "Reason (required when you disagree)": "理由（不同意时必填）",
    "Opened %1 (in memory only)": "已打开 %1（仅在内存中）",
    "Decrypting %1…": "正在解密 %1…",
    "The attachment could not be opened": "无法打开附件",
    "Zoom out": "缩小",
    "Zoom in": "放大",
    "Search in this document": "在本文件中查找",
    "Search": "查找",
    "Find next": "查找下一个",
    "Pages": "页面",
    "Page %1 of %2": "第 %1 页，共 %2 页",
    " · match %1 of %2": " · 第 %1 处，共 %2 处",
    "This computer has no secure keyring: your passphrase cannot be remembered and will be asked for each time you open the package.": "本机没有安全的系统密钥环，无法记住口令，每次打开评审包都需要输入口令。",
    "This score is far from the guidance: give a short reason": "该分数偏离评分指引，请填写简要理由",
    "Reason for %1": "%1 的理由",
    "Opinion": "评审意见",
    "Opinion:": "评审意见：",
    "Recommend": "推荐",
    "Do not recommend": "不推荐",
    "Recommendation:": "推荐意见：",
    "Total: %1 / %2": "合计：%1 / %2",
    " (%1 criteria not scored)": "（%1 项未评分）",
    "Signed by %1 — signature verified. Fingerprint: %2 (compare with your sheet)": "由 %1 签名，签名已验证。指纹：%2（请与口令单核对）",
    " (chair)": "（组长）",
    "I am": "我是",
    "I am:": "我是：",
    "24 digits from your passphrase sheet; leave empty if this computer remembers you": "口令单上的 24 位数字；本机已保存凭据时可留空",
    "Passphrase": "口令",
    "Passphrase:": "口令：",
    "Ctrl+O": "Ctrl+O",
    "Ctrl+Q": "Ctrl+Q",
    "Ctrl++": "Ctrl++",
    "Ctrl+-": "Ctrl+-",
}


def _with_module_tables(table: dict[str, str]) -> dict[str, str]:
    """Merge the tables in tools/zh_*.py, one per window, so parallel work does not collide here."""
    merged = dict(table)
    for module in sorted(Path(__file__).parent.glob("zh_*.py")):
        merged.update(runpy.run_path(str(module))["ZH"])
    return merged


def fill(ts_path: Path) -> int:
    table = _with_module_tables(ZH)
    tree = ET.parse(ts_path)
    missing = 0
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if translation is None or translation.get("type") not in ("unfinished", None):
            continue
        if translation.text:
            # lupdate's same-text heuristic copies a translation from another context and marks it
            # unfinished; the text is ours, so accept it.
            translation.attrib.pop("type", None)
            continue
        if source in table:
            translation.text = table[source]
            translation.attrib.pop("type", None)
        else:
            missing += 1
            print(f"untranslated: {source!r}", file=sys.stderr)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    sys.exit(
        1 if fill(Path(sys.argv[1] if len(sys.argv) > 1 else "resources/i18n/tic_zh_CN.ts")) else 0
    )
