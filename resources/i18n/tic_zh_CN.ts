<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.ui" line="9" />
        <source>TIC Review Desktop</source>
        <translation>聊城市技术创新中心评审系统</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="16" />
        <source>No review round open</source>
        <translation>尚未打开评审批次</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="22" />
        <source>Open a review round with File → Open round.</source>
        <translation>请通过“文件 → 打开评审批次”打开评审批次。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="30" />
        <source>Formal review</source>
        <translation>形式审查</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="37" />
        <source>Applications</source>
        <translation>申报列表</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="50" />
        <source>Choose an application on the left to see every check.</source>
        <translation>请在左侧选择一项申报，查看全部检查项。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="59" />
        <source>Checks</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="65" />
        <source>Check detail</source>
        <translation>检查详情</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="76" />
        <source>Panel conflicts of interest</source>
        <translation>专家组回避检查</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="83" />
        <source>Panel results</source>
        <translation>专家组检查结果</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="89" />
        <source>Panel detail</source>
        <translation>专家组详情</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="101" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="108" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="116" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="125" />
        <source>&amp;Open review round…</source>
        <translation>打开评审批次(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="126" />
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="129" />
        <source>Open the &amp;demo round</source>
        <translation>打开演示批次(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="132" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="133" />
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="136" />
        <source>&amp;Larger text</source>
        <translation>放大字号(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="137" />
        <source>Ctrl++</source>
        <translation>Ctrl++</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="140" />
        <source>&amp;Smaller text</source>
        <translation>缩小字号(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="141" />
        <source>Ctrl+-</source>
        <translation>Ctrl+-</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="152" />
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="118" />
        <source>Open review round</source>
        <translation>打开评审批次</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="118" />
        <source>Review round (*.json)</source>
        <translation>评审批次文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="124" />
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="128" />
        <source>The review round could not be opened</source>
        <translation>无法打开评审批次</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="230" />
        <source>%1 applications: %2 eligible, %3 need judgement, %4 ineligible · %5 panel/application pairs: %6 break a conflict-of-interest rule, %7 to confirm</source>
        <translation>共 %1 项申报：符合条件 %2 项，需专家研判 %3 项，不符合条件 %4 项 · 专家组评审 %5 组次：%6 组次违反回避规则，%7 组次需人工确认</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="236" />
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="239" />
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="239" />
        <source>TIC Review Desktop %1
Liaocheng Municipal Science and Technology Bureau</source>
        <translation>聊城市技术创新中心评审系统 %1
聊城市科学技术局</translation>
    </message>
</context>
</TS>