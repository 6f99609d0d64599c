"""Fill the zh_CN catalogue after `pyside6-lupdate ui/*.ui tic_desktop/gui/*.py -ts resources/i18n/tic_zh_CN.ts`.

The .ts file is the catalogue; this script only fills entries that are still unfinished from the
table below, so translators can keep editing the .ts in Qt Linguist.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ZH = {
    "Open review round": "打开评审批次",
    "Review round (*.json)": "评审批次文件 (*.json)",
    "Loading %1…": "正在加载 %1…",
    "The review round could not be opened": "无法打开评审批次",
    "%1 applications: %2 eligible, %3 need judgement, %4 ineligible · %5 panel/application pairs: "
    "%6 break a conflict-of-interest rule, %7 to confirm":
        "共 %1 项申报：符合条件 %2 项，需专家研判 %3 项，不符合条件 %4 项 · 专家组评审 %5 组次：%6 组次违反回避规则，%7 组次需人工确认",
    "Opened %1": "已打开 %1",
    "About": "关于",
    "TIC Review Desktop %1\nLiaocheng Municipal Science and Technology Bureau":
        "聊城市技术创新中心评审系统 %1\n聊城市科学技术局",
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
    "Ctrl+O": "Ctrl+O", "Ctrl+Q": "Ctrl+Q", "Ctrl++": "Ctrl++", "Ctrl+-": "Ctrl+-",
}


def fill(ts_path: Path) -> int:
    tree = ET.parse(ts_path)
    missing = 0
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if translation is None or translation.get("type") not in ("unfinished", None) or translation.text:
            continue
        if source in ZH:
            translation.text = ZH[source]
            translation.attrib.pop("type", None)
        else:
            missing += 1
            print(f"untranslated: {source!r}", file=sys.stderr)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    sys.exit(1 if fill(Path(sys.argv[1] if len(sys.argv) > 1 else "resources/i18n/tic_zh_CN.ts")) else 0)
