"""Chinese for the returns inbox: kept returns, panel members' states, the bureau's choice among
conflicting returns, progress, and unlocking the bureau's keys (merged by fill_translations.py)."""

ZH = {
    # the conflict choice
    "Choose the return that counts": "选定计入的回执",
    "%1 (%2) sent returns for panel %3 that conflict: their revision numbers and signing times "
    "disagree, so none counts until the bureau chooses one. Ask the expert which is right, then "
    "choose it.": "%1（%2）提交的专家组 %3 的回执相互冲突：修订号与签名时间不一致，在评审局选定之前均不计入。请向该专家核实哪一份为准，再作选定。",
    "Your &name (recorded with the choice):": "您的姓名（随选定一并记录）(&N)：",
    "Your name": "您的姓名",
    "Type your name": "请输入您的姓名",
    "&Count the selected return…": "计入所选回执(&C)…",
    "Revision %1 · signed %2 · received %3 · file %4 · now %5\nTotals: %6": "第 %1 版 · 签名于 %2 · 收到于 %3 · 文件 %4 · 当前：%5\n总分：%6",
    "revision %1 (%2, signed %3)": "第 %1 版（%2，签名于 %3）",
    "Choose one return above.": "请在上方选择一份回执。",
    "Will not count: %1": "将不计入：%1",
    "Confirm the choice": "确认选定",
    "Count %1 for %2 in panel %3?": "确定计入 %2 在专家组 %3 的%1吗？",
    "These will not count: %1.\nThe choice is recorded with your name (%2) and the time.": "以下回执将不计入：%1。\n本次选定将连同您的姓名（%2）和时间一并记录。",
    # the members and files tables
    "Return": "回执",
    "Files": "文件数",
    "Last received": "最近收到",
    "Received": "收到时间",
    "Signed": "签名时间",
    "revision %1 signed %2": "第 %1 版（签名于 %2）",
    "%1 conflict: choose one": "%1 相互冲突，请选定一份",
    "revision %1 chosen by %2 (%3) at %4": "第 %1 版，由 %2（%3）于 %4 选定",
    # progress and summary
    "Opening the returns received so far…": "正在打开已收到的回执…",
    "Progress": "进度",
    "Verifying returns": "正在验证回执",
    "%1: %2 of %3": "%1：%2 / %3",
    "Recording the choice": "正在记录选定",
    "Looking for returns received elsewhere": "正在查看其他途径收到的回执",
    "%1 experts sent returns that conflict; their scores do not count until you choose which "
    "return counts (double-click a row marked in conflict).": "%1 位专家的回执相互冲突，在选定计入哪一份之前其评分均不计入（双击标为“有冲突”的行进行选定）。",
    "%1 of %2 panel members have not returned": "%2 位专家组成员中有 %1 位尚未提交",
    "added %1, already received %2 (not verified again)": "新收到 %1 份，已收到过 %2 份（不再重复验证）",
    "could not read: %1": "无法读取：%1",
    "stopped before the end": "已中途停止",
    "%1 kept copies are missing from the workspace": "工作目录中缺少 %1 份已保存的回执副本",
    # unlocking
    "Passphrase of the bureau's keys (%1):": "评审局密钥的口令（%1）：",
}
