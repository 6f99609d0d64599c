"""Chinese for the panel chair's tab (merged by fill_translations.py)."""

ZH = {
    "The members' reasons and judgements": "成员的评分理由与研判意见",
    "Group opinion": "专家组意见",
    "%1 of %2 members' signed scores received": "已收到 %2 位成员中 %1 位的签名评分",
    "Choose an application in the table first.": "请先在表格中选择一项申报。",
    "Group opinion on %1:": "对 %1 的专家组意见：",
    "agrees": "同意系统结论",
    "disagrees": "不同意系统结论",
    "Saving…": "正在保存…",
    "Not saved: %1": "未保存：%1",
    "Saved": "已保存",
    # the bureau's application detail
    "Reasons and judgements": "评分理由与形式审查研判",
}
