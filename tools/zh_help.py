"""Chinese for the user guide window, the welcome dialog and About (tic_desktop/gui/help_window.py,
welcome.py, about.py); merged by fill_translations.py."""

ZH = {
    # help_window.py
    "User guide": "使用指南",
    "For the bureau's staff": "评审局工作人员指南",
    "For review experts": "评审专家指南",
    "Choose a guide": "选择指南",
    "Find in the guide (Ctrl+F)": "在指南中查找（Ctrl+F）",
    "Find in the guide": "在指南中查找",
    "The user guide is written in Chinese.": "使用指南只有中文版。",
    # the Help menu entry the main window adds for the guide
    "&User guide": "使用指南(&U)",
    "&User guide…": "使用指南(&U)…",
    "F1": "F1",
    # welcome.py
    "Welcome": "欢迎",
    "Welcome to the Liaocheng technology innovation center review system": "欢迎使用聊城市技术创新中心评审系统",
    "This app is used by two kinds of people. Choose the one that describes you.": "本软件有两类使用者，请看看您是哪一类。",
    "New review round…": "新建评审批次…",
    "Open the demo round": "打开演示批次",
    "Bureau staff": "评审局工作人员",
    "You prepare a review round: the applications, the expert pool and the panels. The app checks every "
    "application against the regulation and every panel for conflicts of interest. You build the encrypted "
    "review packages and print the passphrase sheets. When the experts return their signed scores, the app "
    "ranks the applications and you sign the result summary.": "您负责准备评审批次：导入申报材料、建立专家库、组建专家组。软件按管理办法逐项检查每项申报，"
    "并检查每个专家组是否符合回避规则。您生成加密的评审包、打印口令单，发给专家。"
    "专家交回签名的评分后，软件汇总排名，由您签发评审结果汇总表。",
    "Open review package…": "打开评审包…",
    "Review expert": "评审专家",
    "You received a review package (a file ending in .ticpkg, usually on a USB stick) and a printed passphrase "
    "sheet. Open the package, type the passphrase once, confirm your conflicts of interest, read the materials, "
    "score and write your opinion. Then sign and save the return file to the USB stick and hand it back to the "
    "bureau.": "您收到了评审包（文件名以 .ticpkg 结尾，一般在 U 盘上）和一张口令单。打开评审包，输入一次口令，"
    "确认回避声明，阅读申报材料，评分并填写评审意见。最后签名，把评分回执导出到 U 盘，交回评审局。",
    "New here? Open the demo round: its applications and experts are invented, so you can try everything "
    "without harm.": "第一次使用？可以先打开演示批次看看：其中的申报和专家都是虚构的，随便操作也不会影响真实评审。",
    "Read the user guide": "查看使用指南",
    "Do not show again": "不再显示",
    # about.py
    "About": "关于",
    "Copy to clipboard": "复制到剪贴板",
    "not found": "未找到",
    "unknown": "未知",
    "The passphrase sheets and every review package show this fingerprint: the experts compare it with what "
    "they see.": "口令单和每个评审包上都显示这个指纹，专家打开评审包时据此核对。",
    "No bureau workspace has been chosen on this computer yet (File → Build review packages chooses one).": "本机尚未选择评审局工作目录（在“文件 → 生成评审包”中选择）。",
    "TIC Review Desktop": "聊城市技术创新中心评审系统",
    "Version %1": "版本 %1",
    "Liaocheng Municipal Science and Technology Bureau": "聊城市科学技术局",
    "Bureau root certificate fingerprint": "评审局根证书指纹",
    "Local database": "本机数据库",
    "Built with": "所用软件组件",
}
