<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../tic_desktop/gui/about.py" line="48" />
        <source>TIC Review Desktop</source>
        <translation>聊城市技术创新中心评审系统</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/about.py" line="49" />
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/about.py" line="50" />
        <source>Liaocheng Municipal Science and Technology Bureau</source>
        <translation>聊城市科学技术局</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/about.py" line="53" />
        <source>Bureau root certificate fingerprint</source>
        <translation>评审局根证书指纹</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/about.py" line="56" />
        <source>The passphrase sheets and every review package show this fingerprint: the experts compare it with what they see.</source>
        <translation>口令单和每个评审包上都显示这个指纹，专家打开评审包时据此核对。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/about.py" line="61" />
        <source>No bureau workspace has been chosen on this computer yet (File → Build review packages chooses one).</source>
        <translation>本机尚未选择评审局工作目录（在“文件 → 生成评审包”中选择）。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/about.py" line="66" />
        <source>Local database</source>
        <translation>本机数据库</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/about.py" line="67" />
        <source>Built with</source>
        <translation>所用软件组件</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/about.py" line="68" />
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/about.py" line="69" />
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/about.py" line="156" />
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/about.py" line="194" />
        <source>Copy to clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>ApplicationDetail</name>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="107" />
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="108" />
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="109" />
        <source>In the final score</source>
        <translation>是否计入最终得分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="110" />
        <source>Reasons and judgements</source>
        <translation>评分理由与形式审查研判</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="113" />
        <source>Each expert's total</source>
        <translation>各专家总分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="114" />
        <source>Criterion</source>
        <translation>评分项</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="114" />
        <source>Max</source>
        <translation>满分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="114" />
        <source>Mean</source>
        <translation>平均分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="115" />
        <source>Criterion means</source>
        <translation>各评分项平均分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="136" />
        <source>Choose an application in the ranking to see its scores.</source>
        <translation>请在排名表中选择一项申报，查看评分详情。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="153" />
        <source>final %1</source>
        <translation>最终得分 %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="155" />
        <source>rank %1</source>
        <translation>第 %1 名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="157" />
        <source>not ranked</source>
        <translation>未排名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="160" />
        <source>grade %1</source>
        <translation>等级：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="169" />
        <source>Score distribution of %1</source>
        <translation>%1 的评分分布</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="177" />
        <source>%1: only %2 valid totals; the round asks for at least %3.</source>
        <translation>%1：有效评分仅 %2 个，本批次要求至少 %3 个。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="187" />
        <source>%1: the highest and lowest totals differ by %2 points, more than %3.</source>
        <translation>%1：最高分与最低分相差 %2 分，超过 %3 分。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="196" />
        <source>No valid totals: no final score.</source>
        <translation>没有有效评分，无最终得分。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="200" />
        <source>Final = mean of %1 totals after dropping one highest and one lowest (%2 valid).</source>
        <translation>最终得分 = 去掉一个最高分和一个最低分后，其余 %1 个总分的算术平均（有效评分 %2 个）。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="206" />
        <source>Final = plain mean of %1 totals (fewer than %2 valid, nothing dropped).</source>
        <translation>最终得分 = %1 个总分的算术平均（有效评分少于 %2 个，不去掉最高分和最低分）。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="222" />
        <source>Dropped (highest)</source>
        <translation>去掉（最高分）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="224" />
        <source>Dropped (lowest)</source>
        <translation>去掉（最低分）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="226" />
        <source>Counted</source>
        <translation>计入</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="240" />
        <source>Excluded: %1</source>
        <translation>未计入：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="281" />
        <source>agrees</source>
        <translation>同意系统结论</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_detail.py" line="281" />
        <source>disagrees</source>
        <translation>不同意系统结论</translation>
    </message>
</context>
<context>
    <name>ApplicationWork</name>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="100" />
        <source>recused</source>
        <translation>回避</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="102" />
        <source>needs signing again</source>
        <translation>需重新签名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="104" />
        <location filename="../../tic_desktop/gui/application_work.py" line="108" />
        <source>to do</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="106" />
        <source>signed</source>
        <translation>已签名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="108" />
        <source>complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="178" />
        <source>Not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="179" />
        <source>Correct or complete these before moving to another application:</source>
        <translation>请先更正或补全以下内容，再切换到其他申报：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="208" />
        <source>You are recused from this application: no materials, no scoring.</source>
        <translation>您须回避该申报：不能查看材料，也不能评分。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="243" />
        <source>Scoring</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="261" />
        <location filename="../../tic_desktop/gui/application_work.py" line="263" />
        <source>On-site inspection</source>
        <translation>现场考察</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="267" />
        <source>Inspection report signed: %1</source>
        <translation>现场考察报告已签署：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="282" />
        <location filename="../../tic_desktop/gui/application_work.py" line="289" />
        <source>Panel chair</source>
        <translation>专家组组长</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="286" />
        <source>Group opinion signed: %1</source>
        <translation>专家组意见已签署：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="302" />
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="303" />
        <source>Clause</source>
        <translation>依据条款</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="304" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="305" />
        <source>Application data</source>
        <translation>申报数据</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/application_work.py" line="306" />
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>ApplicationsModel</name>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="75" />
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="76" />
        <source>Center</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="77" />
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="78" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>ApplicationsPage</name>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="66" />
        <source>Import the applications as JSON files, or fill in the Excel template (one sheet per part of the application, plus the expert pool) and import the workbook.</source>
        <translation>导入申报 JSON 文件，或填写 Excel 模板（申报材料每部分一个工作表，另含专家库）后导入工作簿。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="74" />
        <source>Import &amp;JSON files…</source>
        <translation>导入 JSON 文件(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="75" />
        <source>Import &amp;Excel workbook…</source>
        <translation>导入 Excel 工作簿(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="76" />
        <source>&amp;Save an empty Excel template…</source>
        <translation>保存空白 Excel 模板(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="77" />
        <source>&amp;Remove application</source>
        <translation>删除申报(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="86" />
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="86" />
        <source>Center</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="86" />
        <source>Lead unit</source>
        <translation>依托单位</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="86" />
        <source>Formal review</source>
        <translation>形式审查</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="88" />
        <source>Imported applications</source>
        <translation>已导入的申报</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="116" />
        <source>%1 applications · %2 experts in the pool</source>
        <translation>申报 %1 项 · 专家库 %2 人</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="126" />
        <source>The files were not imported</source>
        <translation>文件未导入</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="137" />
        <source>The workbook was not imported: %1 problems</source>
        <translation>工作簿未导入：发现 %1 处问题</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="146" />
        <source>… and %1 more (see the details)</source>
        <translation>……另有 %1 处（见“显示详细信息”）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="154" />
        <source>The workbook was not imported</source>
        <translation>工作簿未导入</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="191" />
        <source>Import applications</source>
        <translation>导入申报</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="191" />
        <source>Application files (*.json)</source>
        <translation>申报文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="198" />
        <source>Import Excel workbook</source>
        <translation>导入 Excel 工作簿</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="198" />
        <location filename="../../tic_desktop/gui/applications_page.py" line="211" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="209" />
        <source>Save Excel template</source>
        <translation>保存 Excel 模板</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/applications_page.py" line="217" />
        <source>The template could not be saved</source>
        <translation>模板未能保存</translation>
    </message>
</context>
<context>
    <name>BasicsPage</name>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="96" />
        <source>The round</source>
        <translation>评审批次</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="97" />
        <source>Name the round and choose where its files are kept.</source>
        <translation>填写批次名称，并选择批次文件的保存位置。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="103" />
        <source>e.g. 2027 Liaocheng technology innovation center establishment review</source>
        <translation>例如：2027年度聊城市技术创新中心组建评审</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="106" />
        <source>Establishment review (组建评审)</source>
        <translation>组建评审</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="107" />
        <source>Performance evaluation (绩效评价)</source>
        <translation>绩效评价</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="113" />
        <source>After the recused experts leave, at least this many must score each application; with fewer the panel cannot review it.</source>
        <translation>除去回避的专家后，每项申报至少要有这么多位专家评分；不足时该专家组不能评审这项申报。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="119" />
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="123" />
        <source>Round &amp;id:</source>
        <translation>批次编号(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="124" />
        <source>&amp;Title:</source>
        <translation>批次名称(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="125" />
        <source>&amp;Kind:</source>
        <translation>评价类型(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="126" />
        <source>&amp;Fewest experts who must score:</source>
        <translation>最少评分专家人数(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="127" />
        <source>New fol&amp;der for the round's files:</source>
        <translation>批次文件的新文件夹(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="138" />
        <source>Folder for the round</source>
        <translation>批次文件夹</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="149" />
        <source>The id becomes part of file names: only letters, digits, - _ and . (not %1).</source>
        <translation>编号会用作文件名的一部分，只能由字母、数字和 - _ . 组成（不能含有 %1、空格等）。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="167" />
        <source>Folder not empty</source>
        <translation>文件夹不是空的</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="168" />
        <source>Choose a new or empty folder: the round's files are written there.</source>
        <translation>请选择新的或空的文件夹，批次文件将写入其中。</translation>
    </message>
</context>
<context>
    <name>BuildPackagesDialog</name>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="113" />
        <source>Build review packages</source>
        <translation>生成评审包</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/bureau_workspace_chooser.py" line="82" />
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/bureau_workspace_chooser.py" line="84" />
        <source>&amp;New workspace…</source>
        <translation>新建工作目录(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/bureau_workspace_chooser.py" line="88" />
        <source>Bureau &amp;passphrase:</source>
        <translation>评审局口令(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="138" />
        <source>&amp;Output folder:</source>
        <translation>输出文件夹(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="140" />
        <source>P&amp;anels to build:</source>
        <translation>要生成评审包的专家组(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="149" />
        <source>Build progress</source>
        <translation>生成进度</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_outcome_view.py" line="43" />
        <source>Panel</source>
        <translation>专家组</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_outcome_view.py" line="44" />
        <source>Package</source>
        <translation>评审包</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_outcome_view.py" line="46" />
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_outcome_view.py" line="47" />
        <source>Manifest SHA-256</source>
        <translation>清单 SHA-256</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_outcome_view.py" line="50" />
        <source>Packages built</source>
        <translation>已生成的评审包</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="165" />
        <source>&amp;Build</source>
        <translation>生成(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="170" />
        <source>&amp;Cancel build</source>
        <translation>取消生成(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/bureau_workspace_chooser.py" line="97" />
        <source>Bureau &amp;workspace:</source>
        <translation>评审局工作目录(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="136" />
        <source>Choos&amp;e…</source>
        <translation>选择(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_outcome_view.py" line="45" />
        <source>Chair</source>
        <translation>组长</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="175" />
        <source>Print passphrase &amp;sheets…</source>
        <translation>打印口令单(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="179" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="187" />
        <source>%1 — %2 members, %3 applications, chair %4</source>
        <translation>%1 — 成员 %2 人，申报 %3 项，组长 %4</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="201" />
        <source>Cannot be built: it breaks a conflict-of-interest rule. Correct the panel first.</source>
        <translation>不能生成：该专家组违反回避规则，请先调整专家组。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="229" />
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/bureau_workspace_chooser.py" line="124" />
        <source>Bureau workspace folder</source>
        <translation>评审局工作目录</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="305" />
        <location filename="../../tic_desktop/gui/bureau_workspace_chooser.py" line="138" />
        <source>Choose the bureau's workspace folder, or create a new one.</source>
        <translation>请选择评审局工作目录，或新建一个。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/bureau_workspace_chooser.py" line="147" />
        <source>This folder is not a bureau workspace (it has no bureau.json). Choose the bureau's workspace folder, or create one with “%1”.</source>
        <translation>该文件夹不是评审局工作目录（缺少 bureau.json）。请选择评审局工作目录，或点击“%1”新建。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/bureau_workspace_chooser.py" line="161" />
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/bureau_workspace_chooser.py" line="169" />
        <source>keys in this computer's keyring</source>
        <translation>私钥保存在本机系统密钥环</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/bureau_workspace_chooser.py" line="171" />
        <source>keys protected by a passphrase</source>
        <translation>私钥由口令保护</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/bureau_workspace_chooser.py" line="174" />
        <source>%1 · fingerprint %2 · %3</source>
        <translation>%1 · 指纹 %2 · %3</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/bureau_workspace_chooser.py" line="193" />
        <source>Folder for the new bureau workspace</source>
        <translation>新评审局工作目录的位置</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/bureau_workspace_chooser.py" line="200" />
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/bureau_workspace_chooser.py" line="203" />
        <source>bureau-workspace</source>
        <translation>评审局工作目录</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/bureau_workspace_chooser.py" line="214" />
        <source>%1 is not empty. Choose an empty folder or type the name of a new one.</source>
        <translation>%1 不是空文件夹。请选择一个空文件夹，或输入一个新文件夹的名称。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="272" />
        <source>Creating the bureau's keys…</source>
        <translation>正在生成评审局密钥…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="279" />
        <source>New bureau workspace created in %1. Keep a safe copy of this folder.</source>
        <translation>已在 %1 创建评审局工作目录。请妥善备份该目录。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="287" />
        <source>Folder for the packages</source>
        <translation>评审包保存位置</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="307" />
        <source>Enter the passphrase of the bureau's keys.</source>
        <translation>请输入评审局密钥的口令。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="309" />
        <source>Choose the folder the packages go to.</source>
        <translation>请选择评审包的保存位置。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="311" />
        <source>Tick at least one panel to build.</source>
        <translation>请至少勾选一个专家组。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="354" />
        <source>Starting the build process…</source>
        <translation>正在启动生成进程…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="373" />
        <source>Nothing was built: the packages already in the folder were kept.</source>
        <translation>未生成评审包：已保留文件夹中原有的评审包。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="384" />
        <source>Cancelling… removing what was written</source>
        <translation>正在取消…删除已写出的文件</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="408" />
        <source>Cancelled. No package was written.</source>
        <translation>已取消，未写出任何评审包。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="411" />
        <source>The packages could not be built.</source>
        <translation>未能生成评审包。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="421" />
        <source>Encrypting materials: %1 of %2 MB</source>
        <translation>正在加密申报材料：%1 / %2 MB</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="429" />
        <source>Issuing credentials: %1 of %2</source>
        <translation>正在签发专家凭据：%1 / %2</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="437" />
        <source>Checking the round, the panels and the attachments…</source>
        <translation>正在检查评审批次、专家组和附件…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="438" />
        <source>Unlocking the bureau's keys…</source>
        <translation>正在解锁评审局密钥…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="439" />
        <source>Issuing credentials…</source>
        <translation>正在签发专家凭据…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="440" />
        <source>Writing the passphrase sheets…</source>
        <translation>正在生成口令单…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="452" />
        <source>Done: %1 packages built.</source>
        <translation>完成：已生成 %1 个评审包。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_outcome_view.py" line="84" />
        <source>%1 new passphrase sheets in %2.</source>
        <translation>新发口令单 %1 份：%2。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_outcome_view.py" line="88" />
        <source>Each sheet unlocks one expert's credential: keep the sheets secret, print them, hand each to its expert in person, then delete the files.</source>
        <translation>每份口令单可解锁一位专家的评审凭据，请注意保密：打印后当面交给本人，然后删除这些文件。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_outcome_view.py" line="96" />
        <source>No new passphrase sheets: the experts of these panels received theirs with an earlier build (their credentials are reused).</source>
        <translation>没有新发口令单：这些专家组的专家在之前生成评审包时已领取口令单（沿用原有凭据）。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="469" />
        <source>Print passphrase sheets</source>
        <translation>打印口令单</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/build_dialog.py" line="481" />
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
</context>
<context>
    <name>BureauQuestion</name>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="166" />
        <source>Another bureau for this round</source>
        <translation>本批次的评审局指纹与本机记录不同</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="169" />
        <source>Known on this computer</source>
        <translation>本机已记录的评审局指纹</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="171" />
        <source>This package (signed by %1)</source>
        <translation>此评审包（签名者：%1）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="184" />
        <source>This computer knows the round %1 from a bureau with another fingerprint.</source>
        <translation>本机记录的评审批次“%1”来自另一个指纹的评审局。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="190" />
        <source>Compare with the bureau fingerprint printed on your passphrase sheet. Open the package only if the sheet shows the new fingerprint; otherwise it is not from the bureau: do not use it, and call the bureau.</source>
        <translation>请与口令单上印的“评审局根证书指纹”逐组核对。只有口令单上印的是此评审包的新指纹时才打开；否则此评审包不是评审局发出的，请勿使用，并致电评审局。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="198" />
        <source>The sheet shows the new fingerprint</source>
        <translation>口令单上的是新指纹</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="201" />
        <source>Do not open</source>
        <translation>不打开</translation>
    </message>
</context>
<context>
    <name>CenterForm</name>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="273" />
        <source>Add an approved center</source>
        <translation>登记已批建的技术创新中心</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="275" />
        <source>Correct the center — %1</source>
        <translation>更正中心信息 — %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="286" />
        <source>Approval date</source>
        <translation>批复建设日期</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="287" />
        <source>Preparation period in years</source>
        <translation>筹建期（年）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="288" />
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="290" />
        <source>Center &amp;number:</source>
        <translation>中心编号(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="290" />
        <source>Center number</source>
        <translation>中心编号</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="292" />
        <source>Center &amp;name:</source>
        <translation>中心名称(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="292" />
        <source>Center name</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="294" />
        <source>&amp;Lead unit:</source>
        <translation>依托单位(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="294" />
        <source>Lead unit</source>
        <translation>依托单位</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="298" />
        <source>Lead unit's &amp;USCC:</source>
        <translation>依托单位统一社会信用代码(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="300" />
        <source>Unified social credit code of the lead unit</source>
        <translation>依托单位统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="303" />
        <source>&amp;Field:</source>
        <translation>技术领域(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="303" />
        <source>Technical field</source>
        <translation>技术领域</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="304" />
        <source>&amp;Approved on:</source>
        <translation>批复建设日期(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="305" />
        <source>&amp;Preparation period:</source>
        <translation>筹建期(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="308" />
        <source>The approval date is the day the bureau published the list of approved centers; the preparation period is generally two years (Art. 8, procedure, item 4).</source>
        <translation>批复建设日期为市科技局公布拟批建技术创新中心名单之日；筹建期一般为2年（第八条组建程序第（四）项）。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="324" />
        <source>Reason for the &amp;correction:</source>
        <translation>更正原因(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="326" />
        <source>Reason for the correction</source>
        <translation>更正原因</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="330" />
        <source>The fields as they were are kept in the center's history with the reason.</source>
        <translation>更正前的内容和更正原因都会保留在该中心的更正记录中。</translation>
    </message>
</context>
<context>
    <name>CentersModel</name>
    <message>
        <location filename="../../tic_desktop/gui/register_centers_model.py" line="71" />
        <source>Center</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_centers_model.py" line="72" />
        <source>Lead unit</source>
        <translation>依托单位</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_centers_model.py" line="73" />
        <source>Approved</source>
        <translation>批复日期</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_centers_model.py" line="74" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_centers_model.py" line="75" />
        <source>Next due</source>
        <translation>下一项到期事项</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_centers_model.py" line="76" />
        <source>Clauses applying</source>
        <translation>适用条款数</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_centers_model.py" line="77" />
        <source>Reports received late</source>
        <translation>逾期报送</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_centers_model.py" line="120" />
        <source>Bureau: record the cancellation of qualification</source>
        <translation>待登记取消资格决定</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_centers_model.py" line="127" />
        <source>Overdue: %1</source>
        <translation>逾期：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_centers_model.py" line="156" />
        <source>Report %1</source>
        <translation>%1 年度报告</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_centers_model.py" line="158" />
        <source>Comprehensive evaluation</source>
        <translation>综合绩效评价</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_centers_model.py" line="159" />
        <source>Biennial evaluation %1</source>
        <translation>%1 年度绩效评价</translation>
    </message>
</context>
<context>
    <name>ChairPanel</name>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="60" />
        <source>Import members' score copies…</source>
        <translation>导入成员评分副本…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="75" />
        <source>The members' reasons and judgements</source>
        <translation>成员的评分理由与研判意见</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="84" />
        <source>The panel's consensus opinion on the selected application</source>
        <translation>专家组对所选申报的综合意见</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="87" />
        <source>Group opinion</source>
        <translation>专家组意见</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="96" />
        <source>Recommend</source>
        <translation>推荐</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="97" />
        <source>Do not recommend</source>
        <translation>不推荐</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="105" />
        <source>Sign the group opinion…</source>
        <translation>签署专家组意见…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="122" />
        <source>Members' score copies</source>
        <translation>成员评分副本</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="122" />
        <source>Score copies (*.chaircopy)</source>
        <translation>评分副本 (*.chaircopy)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="150" />
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="151" />
        <source>Final</source>
        <translation>最终得分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="152" />
        <source>Spread</source>
        <translation>分差</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="183" />
        <source>%1 of %2 members' signed scores received</source>
        <translation>已收到 %2 位成员中 %1 位的签名评分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="179" />
        <source>Wide spread between the members' totals</source>
        <translation>成员总分分差过大</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="221" />
        <location filename="../../tic_desktop/gui/chair_panel.py" line="302" />
        <source>Choose an application in the table first.</source>
        <translation>请先在表中选择一项申报。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="229" />
        <source>Group opinion on %1:</source>
        <translation>对 %1 的专家组意见：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="254" />
        <source>agrees</source>
        <translation>同意系统结论</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="254" />
        <source>disagrees</source>
        <translation>不同意系统结论</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="267" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="284" />
        <source>Not saved: %1</source>
        <translation>未能保存：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="289" />
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="305" />
        <source>Choose whether the panel recommends the application.</source>
        <translation>请选择专家组是否推荐该申报。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="309" />
        <source>Where should the signed group opinion go?</source>
        <translation>签署后的专家组意见保存到哪里？</translation>
    </message>
</context>
<context>
    <name>ChecksModel</name>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="140" />
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="141" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="142" />
        <source>Value</source>
        <translation>申报数值</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="143" />
        <source>Threshold</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="144" />
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>CoiPage</name>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="42" />
        <source>Application</source>
        <translation>申报</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="43" />
        <source>Center</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="44" />
        <source>Units involved</source>
        <translation>涉及单位</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="45" />
        <source>Conflict</source>
        <translation>利益冲突</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="46" />
        <source>Reason</source>
        <translation>回避理由</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="67" />
        <source>Known conflict (locked)</source>
        <translation>已确认回避（锁定）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="69" />
        <source>I have a conflict</source>
        <translation>本人须回避</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="71" />
        <source>Conflict with %1</source>
        <translation>与 %1 存在利益冲突</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="73" />
        <source>Reason for %1</source>
        <translation>%1 的理由</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="74" />
        <source>Reason, if you have a conflict</source>
        <translation>如须回避，请填写理由</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="131" />
        <source>Declared: %1 conflicts (%2 already locked by the bureau)</source>
        <translation>已声明须回避 %1 项（评审局已锁定 %2 项）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="154" />
        <source>You declare a conflict of interest with these applications:</source>
        <translation>您声明与以下申报存在利益冲突：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="160" />
        <source>You declare no conflict of interest with any application of this panel.</source>
        <translation>您声明与本组全部申报均不存在利益冲突。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="164" />
        <source>Already locked by the bureau: %1</source>
        <translation>评审局已确认须回避：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="170" />
        <source>After you confirm, the declaration cannot be changed. Confirm?</source>
        <translation>确认后不能更改。是否确认？</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="178" />
        <location filename="../../tic_desktop/gui/coi_page.py" line="216" />
        <source>Declaration incomplete</source>
        <translation>回避声明未完成</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="179" />
        <source>Give the reason for your conflict with %1.</source>
        <translation>请填写与 %1 存在利益冲突的理由。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="190" />
        <source>Confirm the declaration</source>
        <translation>确认回避声明</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="195" />
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="196" />
        <source>Go back and change</source>
        <translation>返回修改</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/coi_page.py" line="219" />
        <source>Your declaration is recorded.</source>
        <translation>回避声明已确认。</translation>
    </message>
</context>
<context>
    <name>CollectionWindow</name>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="86" />
        <source>Meeting collection — %1</source>
        <translation>会场收集 — %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="91" />
        <source>Network interface</source>
        <translation>网络接口</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="97" />
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="98" />
        <source>Announce on this network (experts find it by itself)</source>
        <translation>在本网络中公布（专家端自动查找）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="100" />
        <source>Start collecting</source>
        <translation>开始收集</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="102" />
        <location filename="../../tic_desktop/gui/collection_window.py" line="201" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="105" />
        <source>Interface:</source>
        <translation>网络接口：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="107" />
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="115" />
        <source>Not collecting. Choose the network of the meeting room.</source>
        <translation>尚未收集。请选择会场所用的网络。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="121" />
        <source>Arrivals</source>
        <translation>到达记录</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="128" />
        <source>Projector</source>
        <translation>投影</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="130" />
        <source>Show the experts' names and states</source>
        <translation>显示专家姓名和状态</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="131" />
        <source>Show the ranking with scores</source>
        <translation>显示排名和分数</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="134" />
        <source>Projector view (full screen)</source>
        <translation>投影视图（全屏）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="136" />
        <source>Always shown: how many have signed per panel.</source>
        <translation>始终显示：各专家组已签名人数。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="156" />
        <source>No network interface to collect on.</source>
        <translation>本机没有可用于收集的网络接口。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="160" />
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="182" />
        <source>Collecting on %1:%2. Experts' apps find it by themselves; otherwise they type this address. Collector certificate %3.</source>
        <translation>正在 %1:%2 收集。专家端会自动找到；找不到时请专家输入此地址。收集服务器证书 %3。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="208" />
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="227" />
        <source>Not collecting. Returns stored so far stay in the workspace.</source>
        <translation>已停止收集。已收到的回执保存在评审局工作目录中。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="260" />
        <source>%1: return stored (%2), receipt %3</source>
        <translation>%1：回执已保存（%2），回执编号 %3</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="267" />
        <source>%1: the same file again (duplicate), receipt %2</source>
        <translation>%1：重复发送同一文件（重复），回执编号 %2</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="272" />
        <source>%1: return refused: %2</source>
        <translation>%1：回执被拒收：%2</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="275" />
        <source>%1: request refused: %2</source>
        <translation>%1：请求被拒绝：%2</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="278" />
        <source>%1: chair copy kept for the panel chair</source>
        <translation>%1：评分副本已留给专家组组长</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/collection_window.py" line="387" />
        <location filename="../../tic_desktop/gui/collection_window.py" line="395" />
        <source>Collect at the &amp;meeting…</source>
        <translation>会场收集(&amp;M)…</translation>
    </message>
</context>
<context>
    <name>ConflictChoiceDialog</name>
    <message>
        <location filename="../../tic_desktop/gui/conflict_choice.py" line="49" />
        <source>Choose the return that counts</source>
        <translation>选定计入的回执</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_choice.py" line="52" />
        <source>%1 (%2) sent returns for panel %3 that conflict: their revision numbers and signing times disagree, so none counts until the bureau chooses one. Ask the expert which is right, then choose it.</source>
        <translation>%1（%2）提交的专家组 %3 的回执相互冲突：修订号与签名时间不一致，在评审局选定之前均不计入。请向该专家核实哪一份为准，再作选定。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_choice.py" line="62" />
        <source>Conflicting returns</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_choice.py" line="69" />
        <source>Your &amp;name (recorded with the choice):</source>
        <translation>您的姓名（随选定一并记录）(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_choice.py" line="72" />
        <source>Type your name</source>
        <translation>请输入您的姓名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_choice.py" line="73" />
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_choice.py" line="79" />
        <source>&amp;Count the selected return…</source>
        <translation>计入所选回执(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_choice.py" line="96" />
        <source>Revision %1 · signed %2 · received %3 · file %4 · now %5
Totals: %6</source>
        <translation>第 %1 版 · 签名于 %2 · 收到于 %3 · 文件 %4 · 当前：%5
总分：%6</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_choice.py" line="107" />
        <source>revision %1 (%2, signed %3)</source>
        <translation>第 %1 版（%2，签名于 %3）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_choice.py" line="124" />
        <source>Choose one return above.</source>
        <translation>请在上方选择一份回执。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_choice.py" line="127" />
        <source>Will not count: %1</source>
        <translation>将不计入：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_choice.py" line="140" />
        <source>Confirm the choice</source>
        <translation>确认选定</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_choice.py" line="142" />
        <source>Count %1 for %2 in panel %3?</source>
        <translation>确定计入 %2 在专家组 %3 的%1吗？</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_choice.py" line="149" />
        <source>These will not count: %1.
The choice is recorded with your name (%2) and the time.</source>
        <translation>以下回执将不计入：%1。
本次选定将连同您的姓名（%2）和时间一并记录。</translation>
    </message>
</context>
<context>
    <name>CorrectionForm</name>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="487" />
        <source>Take back a record — %1</source>
        <translation>收回一条记录 — %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="491" />
        <source>— Choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="494" />
        <source>Annual report %1 (received %2)</source>
        <translation>%1 年度报告（%2 收到）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="507" />
        <source>Revocation of %1 (%2)</source>
        <translation>%1 的撤销决定（%2）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="513" />
        <source>Re&amp;cord:</source>
        <translation>记录(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="513" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="515" />
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="515" />
        <source>Reason for taking it back</source>
        <translation>收回原因</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="519" />
        <source>To correct a record, take it back here and record it again with the right values. What was recorded and why it was taken back stay in the center's history.</source>
        <translation>要更正一条记录，请先在这里收回，再按正确内容重新登记。原来登记的内容和收回原因都会保留在该中心的更正记录中。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="523" />
        <source>&amp;Take it back</source>
        <translation>收回(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="525" />
        <source>Take back “%1” from the register of %2?</source>
        <translation>从 %2 的名录记录中收回“%1”？</translation>
    </message>
</context>
<context>
    <name>DeclareConflictDialog</name>
    <message>
        <location filename="../../tic_desktop/gui/declare_conflict_dialog.py" line="17" />
        <source>Declare a conflict of interest</source>
        <translation>声明回避</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/declare_conflict_dialog.py" line="35" />
        <source>e.g. worked for the applicant in the last three years</source>
        <translation>例如：近三年曾在申报单位任职</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/declare_conflict_dialog.py" line="37" />
        <source>Expert:</source>
        <translation>专家：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/declare_conflict_dialog.py" line="38" />
        <source>Application:</source>
        <translation>申报：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/declare_conflict_dialog.py" line="39" />
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
</context>
<context>
    <name>DestructiveQuestion</name>
    <message>
        <location filename="../../tic_desktop/gui/questions.py" line="30" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../tic_desktop/gui/detail_html.py" line="17" />
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/detail_html.py" line="18" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/detail_html.py" line="19" />
        <source>Value</source>
        <translation>申报数值</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/detail_html.py" line="20" />
        <source>Threshold</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/detail_html.py" line="21" />
        <source>Regulation text</source>
        <translation>办法原文</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/detail_html.py" line="22" />
        <source>Name</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/detail_html.py" line="23" />
        <source>Chair</source>
        <translation>组长</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/detail_html.py" line="24" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/detail_html.py" line="25" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/detail_html.py" line="26" />
        <source>Recused</source>
        <translation>回避</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/detail_html.py" line="27" />
        <source>Scores</source>
        <translation>可评分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/detail_html.py" line="28" />
        <source>Checks</source>
        <translation>检查</translation>
    </message>
</context>
<context>
    <name>EvaluationForm</name>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="390" />
        <source>Record an evaluation — %1</source>
        <translation>登记绩效评价 — %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="405" />
        <source>Kind of evaluation</source>
        <translation>评价类型</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="398" />
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="406" />
        <source>Evaluation year</source>
        <translation>评价年度</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="407" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="405" />
        <source>&amp;Kind:</source>
        <translation>评价类型(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="401" />
        <source>— Choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="406" />
        <source>&amp;Year:</source>
        <translation>评价年度(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="407" />
        <source>R&amp;esult:</source>
        <translation>评价结果(&amp;E)：</translation>
    </message>
</context>
<context>
    <name>ExpertPool</name>
    <message>
        <location filename="../../tic_desktop/gui/expert_pool.py" line="40" />
        <source>The unit's unified social credit code decides conflicts of interest: without it the app can only compare unit names, and such matches must be confirmed.</source>
        <translation>回避判断以工作单位的统一社会信用代码为准；没有代码时只能比较单位名称，此类匹配需要人工确认。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_pool.py" line="49" />
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_pool.py" line="50" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_pool.py" line="51" />
        <source>Unit</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_pool.py" line="52" />
        <source>Unit credit code</source>
        <translation>单位统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_pool.py" line="53" />
        <source>Title</source>
        <translation>职称</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_pool.py" line="54" />
        <source>Field</source>
        <translation>技术领域</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_pool.py" line="57" />
        <source>Expert pool</source>
        <translation>专家库</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_pool.py" line="64" />
        <source>&amp;Add expert</source>
        <translation>添加专家(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_pool.py" line="66" />
        <source>&amp;Remove expert</source>
        <translation>删除专家(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_pool.py" line="156" />
        <source>%1 experts · %2 without a valid credit code</source>
        <translation>专家 %1 人 · 其中 %2 人缺少有效的信用代码</translation>
    </message>
</context>
<context>
    <name>ExpertWindow</name>
    <message>
        <location filename="../../ui/expert_window.ui" line="6" />
        <source>Expert review</source>
        <translation>专家评审</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="18" />
        <source>Open a review package to begin.</source>
        <translation>请先打开评审包。</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="37" />
        <source>Save state</source>
        <translation>保存状态</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="62" />
        <location filename="../../ui/expert_window.ui" line="63" />
        <source>Close this message</source>
        <translation>关闭此提示</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="84" />
        <source>The saved work does not match its record</source>
        <translation>本机保存的评审内容与其记录不符</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="98" />
        <source>Open review package…</source>
        <translation>打开评审包…</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="108" />
        <source>Before you see any material: check each application and its units. Tick any application you have a conflict of interest with and give the reason. Applications marked by the bureau are already locked.</source>
        <translation>查看材料前，请逐项核对申报及其涉及单位。与您存在利益冲突的申报请勾选并填写回避理由；评审局已确认须回避的申报已锁定。</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="115" />
        <source>Applications and units to check</source>
        <translation>需核对的申报及涉及单位</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="129" />
        <source>I certify the above declaration</source>
        <translation>本人确认以上回避声明</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="143" />
        <source>Applications</source>
        <translation>申报列表</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="147" />
        <source>Materials</source>
        <translation>申报材料</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="165" />
        <source>&amp;Document:</source>
        <translation>文件(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="171" />
        <source>Document to read</source>
        <translation>要阅读的文件</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="186" />
        <source>Formal review</source>
        <translation>形式审查</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="192" />
        <source>Scoring</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="213" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="221" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="229" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="238" />
        <source>&amp;Open review package…</source>
        <translation>打开评审包(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="239" />
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="242" />
        <source>&amp;User guide</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="243" />
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="246" />
        <source>&amp;Sign and export…</source>
        <translation>签名并导出(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="247" />
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="250" />
        <source>&amp;Write the signed files again…</source>
        <translation>重新写出已签名文件(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="253" />
        <source>&amp;Larger text</source>
        <translation>放大字号(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="254" />
        <source>Ctrl+Alt++</source>
        <translation>Ctrl+Alt++</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="258" />
        <source>Ctrl+Alt+-</source>
        <translation>Ctrl+Alt+-</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="257" />
        <source>&amp;Smaller text</source>
        <translation>缩小字号(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="269" />
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="270" />
        <source>Ctrl+W</source>
        <translation>Ctrl+W</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="298" />
        <source>Bureau signature verified: %1, fingerprint %2</source>
        <translation>评审局签名已验证：%1，指纹 %2</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="307" />
        <source>Package opened</source>
        <translation>评审包已打开</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="325" />
        <source>Signing is refused: the saved work does not match its record</source>
        <translation>拒绝签名：本机保存的评审内容与其记录不符</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="347" />
        <source>… and %1 more</source>
        <translation>……另有 %1 项</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="399" />
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>FieldStatus</name>
    <message>
        <location filename="../../tic_desktop/gui/save_status.py" line="62" />
        <source>Retry saving</source>
        <translation>重试保存</translation>
    </message>
</context>
<context>
    <name>FindCollectorDialog</name>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="52" />
        <source>Send to the meeting</source>
        <translation>发送到会场</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="54" />
        <source>Collectors found</source>
        <translation>找到的会场收集服务器</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="58" />
        <source>e.g. 192.168.1.5:%1</source>
        <translation>例如 192.168.1.5:%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="60" />
        <source>Address of the collector</source>
        <translation>会场收集服务器地址</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="66" />
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="70" />
        <source>Looking for the meeting's collector on this network…</source>
        <translation>正在本网络中查找会场收集服务器…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="72" />
        <source>Or type the address the clerk shows:</source>
        <translation>或输入会务人员显示的地址：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="88" />
        <source>Cannot look on the network: %1</source>
        <translation>无法在网络中查找：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="100" />
        <source>Collector of %1 at %2</source>
        <translation>%1 的会场收集服务器：%2</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="124" />
        <source>Type an address like 192.168.1.5:%1</source>
        <translation>请输入形如 192.168.1.5:%1 的地址</translation>
    </message>
</context>
<context>
    <name>FormalReviewPanel</name>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="52" />
        <source>Items left to the experts: agree with the finding, or give your own judgement and why</source>
        <translation>以下事项交由专家研判：同意系统结论，或给出您的判断及理由</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="55" />
        <source>No formal-review item needs your judgement.</source>
        <translation>本申报没有需要专家研判的形式审查事项。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="62" />
        <source>Item and finding</source>
        <translation>事项及系统说明</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="63" />
        <source>System's conclusion</source>
        <translation>系统结论</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="64" />
        <source>Your judgement</source>
        <translation>您的意见</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="65" />
        <source>Why (when you disagree)</source>
        <translation>理由（不同意时必填）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="84" />
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="85" />
        <source>Agree with the system's conclusion: %1</source>
        <translation>同意系统结论：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="86" />
        <source>Disagree: my judgement is in the reason</source>
        <translation>不同意（请在理由中写明您的判断）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="92" />
        <source>Reason for %1</source>
        <translation>%1 的理由</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="89" />
        <source>Judgement on %1</source>
        <translation>对 %1 的意见</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="91" />
        <source>Reason (required when you disagree)</source>
        <translation>理由（不同意时必填）</translation>
    </message>
</context>
<context>
    <name>InspectionPanel</name>
    <message>
        <location filename="../../tic_desktop/gui/inspection_checklist.py" line="46" />
        <source>Item</source>
        <translation>考察项目</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_checklist.py" line="48" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_checklist.py" line="49" />
        <source>Measured / found</source>
        <translation>实测/核查情况</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_checklist.py" line="50" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="104" />
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="81" />
        <source>Photos (stored encrypted, with their SHA-256)</source>
        <translation>现场照片（加密保存，附 SHA-256）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_checklist.py" line="47" />
        <source>Declared</source>
        <translation>申报数据</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_checklist.py" line="70" />
        <source>Declared for %1</source>
        <translation>“%1”的申报数据</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_checklist.py" line="78" />
        <source>Measured for %1</source>
        <translation>“%1”的实测/核查情况</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_checklist.py" line="81" />
        <source>Note for %1</source>
        <translation>“%1”的备注</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="87" />
        <source>Photos</source>
        <translation>现场照片</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="93" />
        <source>Caption of the chosen photo</source>
        <translation>所选照片的说明</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="94" />
        <source>Choose a photo above to write its caption</source>
        <translation>在上方选择一张照片，再填写照片说明</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="97" />
        <source>Caption:</source>
        <translation>照片说明：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="106" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="108" />
        <source>Remove photo…</source>
        <translation>删除照片…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="118" />
        <source>Site address</source>
        <translation>考察地点</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="125" />
        <source>not chosen</source>
        <translation>未选择</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="126" />
        <source>Date of visit</source>
        <translation>考察日期</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="134" />
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="144" />
        <source>Team members</source>
        <translation>考察组成员</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="158" />
        <source>Conclusion</source>
        <translation>考察结论</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="166" />
        <source>Site address:</source>
        <translation>考察地点：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="167" />
        <source>Date of visit:</source>
        <translation>考察日期：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="168" />
        <source>Team members:</source>
        <translation>考察组成员：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="169" />
        <source>Conclusion:</source>
        <translation>考察结论：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="190" />
        <source>Sign the inspection report as team leader…</source>
        <translation>以考察组组长身份签署考察报告…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="295" />
        <source>Site photos</source>
        <translation>现场照片</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="295" />
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="383" />
        <source>Remove photo</source>
        <translation>删除照片</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="384" />
        <source>Remove the photo “%1” from the report?</source>
        <translation>要从考察报告中删除照片“%1”吗？</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="455" />
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="466" />
        <source>Not saved: %1</source>
        <translation>未能保存：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="471" />
        <source>Before signing, please complete these %1 items:</source>
        <translation>签署前请先完成以下 %1 项：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="497" />
        <source>The inspection report cannot be signed yet: %1</source>
        <translation>考察报告尚不能签署：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="504" />
        <source>Where should the signed report go?</source>
        <translation>签署后的报告保存到哪里？</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../tic_desktop/gui/i18n.py" line="68" />
        <source>en</source>
        <translation>zh</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/i18n.py" line="73" />
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
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
        <location filename="../../ui/main_window.ui" line="115" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="123" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="135" />
        <source>Open a review &amp;package (expert)…</source>
        <translation>打开评审包（专家）(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="136" />
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="139" />
        <source>&amp;User guide</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="140" />
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="143" />
        <source>&amp;Welcome screen</source>
        <translation>欢迎页(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="146" />
        <source>&amp;New review round…</source>
        <translation>新建评审批次(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="147" />
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="150" />
        <source>&amp;Edit round: experts, panels, rubric…</source>
        <translation>编辑批次：专家、专家组、评分表(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="151" />
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="154" />
        <source>&amp;Build review packages…</source>
        <translation>生成评审包(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="155" />
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="158" />
        <source>Register of &amp;centers…</source>
        <translation>技术创新中心名录(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="159" />
        <source>Ctrl+G</source>
        <translation>Ctrl+G</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="162" />
        <source>&amp;Open review round…</source>
        <translation>打开评审批次(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="163" />
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="166" />
        <source>Open the &amp;demo round</source>
        <translation>打开演示批次(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="169" />
        <source>&amp;Returns and results…</source>
        <translation>评分回执与汇总(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="170" />
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="173" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="174" />
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="177" />
        <source>&amp;Larger text</source>
        <translation>放大字号(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="178" />
        <source>Ctrl++</source>
        <translation>Ctrl++</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="181" />
        <source>&amp;Smaller text</source>
        <translation>缩小字号(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="182" />
        <source>Ctrl+-</source>
        <translation>Ctrl+-</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="193" />
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="160" />
        <source>&amp;Recent rounds</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="226" />
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="243" />
        <source>Open review round</source>
        <translation>打开评审批次</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="243" />
        <source>Review round (*.json)</source>
        <translation>评审批次文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="250" />
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="255" />
        <source>The review round could not be opened</source>
        <translation>无法打开评审批次</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="383" />
        <source>%1 applications: %2 eligible, %3 need judgement, %4 ineligible · %5 panel/application pairs: %6 break a conflict-of-interest rule, %7 to confirm</source>
        <translation>共 %1 项申报：符合条件 %2 项，需专家研判 %3 项，不符合条件 %4 项 · 专家组评审 %5 组次：%6 组次违反回避规则，%7 组次需人工确认</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="394" />
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="434" />
        <source>Built %1 packages</source>
        <translation>已生成 %1 个评审包</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="515" />
        <source>Open review package</source>
        <translation>打开评审包</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="517" />
        <source>Review package (*.ticpkg)</source>
        <translation>评审包 (*.ticpkg)</translation>
    </message>
</context>
<context>
    <name>MaterialsTab</name>
    <message>
        <location filename="../../tic_desktop/gui/materials_tab.py" line="48" />
        <location filename="../../tic_desktop/gui/materials_tab.py" line="269" />
        <source>The attachment could not be opened</source>
        <translation>无法打开附件</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/materials_tab.py" line="49" />
        <source>This document is not a PDF that can be shown.</source>
        <translation>该文件不是可以显示的 PDF 文件。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/materials_tab.py" line="78" />
        <source>Decrypting</source>
        <translation>正在解密</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/materials_tab.py" line="101" />
        <source>Center</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/materials_tab.py" line="102" />
        <source>Field</source>
        <translation>技术领域</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/materials_tab.py" line="103" />
        <source>Lead unit</source>
        <translation>依托单位</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/materials_tab.py" line="104" />
        <source>Co-builders</source>
        <translation>共建单位</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/materials_tab.py" line="106" />
        <source>Director</source>
        <translation>中心主任</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/materials_tab.py" line="120" />
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/materials_tab.py" line="126" />
        <source>This application has no attachments.</source>
        <translation>该申报没有附件。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/materials_tab.py" line="221" />
        <source>in memory only</source>
        <translation>仅在内存中</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/materials_tab.py" line="223" />
        <source>Opened %1 (in memory only)</source>
        <translation>已打开 %1（仅在内存中）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/materials_tab.py" line="231" />
        <source>Decrypting %1…</source>
        <translation>正在解密 %1…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/materials_tab.py" line="232" />
        <source>Decrypting…</source>
        <translation>正在解密…</translation>
    </message>
</context>
<context>
    <name>MembersModel</name>
    <message>
        <location filename="../../tic_desktop/gui/inbox_model.py" line="208" />
        <source>Panel</source>
        <translation>专家组</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inbox_model.py" line="209" />
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inbox_model.py" line="210" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inbox_model.py" line="211" />
        <source>Return</source>
        <translation>回执</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inbox_model.py" line="212" />
        <source>Files</source>
        <translation>文件数</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inbox_model.py" line="213" />
        <source>Last received</source>
        <translation>最近收到</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inbox_model.py" line="214" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>NewPassphraseDialog</name>
    <message>
        <location filename="../../tic_desktop/gui/package_build_questions.py" line="30" />
        <source>Passphrase for the bureau's keys</source>
        <translation>评审局密钥口令</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/package_build_questions.py" line="36" />
        <source>This computer has no secure place (system keyring) where the bureau's private keys could be kept for you. They will be protected by a passphrase instead: choose one of at least 8 characters and type it twice below. You will type it each time you build packages or read returns. Keep it safe: without it no package can be built and no return can be read.</source>
        <translation>这台电脑没有可以替您安全保存评审局私钥的地方（系统密钥环）。私钥将改用口令保护：请设置一个至少 8 个字符的口令，并在下面输入两次。以后每次生成评审包或读取回执时都要输入这个口令。请妥善保管：没有它，就不能生成评审包，也不能读取专家交回的评分。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/package_build_questions.py" line="51" />
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/package_build_questions.py" line="52" />
        <source>&amp;Repeat the passphrase:</source>
        <translation>再次输入口令(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/package_build_questions.py" line="69" />
        <source>At least 8 characters.</source>
        <translation>口令至少 8 个字符。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/package_build_questions.py" line="71" />
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
<context>
    <name>PanelBuilder</name>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="78" />
        <source>What stops packages from being built</source>
        <translation>尚不能生成评审包的原因</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="102" />
        <location filename="../../tic_desktop/gui/panel_builder.py" line="105" />
        <source>Panels</source>
        <translation>专家组</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="108" />
        <source>New pan&amp;el…</source>
        <translation>新建专家组(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="118" />
        <source>Members, chair and applications</source>
        <translation>成员、组长与评审申报</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="122" />
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="122" />
        <source>Unit</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="122" />
        <source>Title</source>
        <translation>职称</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="124" />
        <source>Expert pool: tick the panel's members</source>
        <translation>专家库：勾选本组成员</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="145" />
        <source>Chair</source>
        <translation>组长</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="152" />
        <source>Applications this panel reviews</source>
        <translation>本组评审的申报</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="187" />
        <source>Conflict-of-interest checks (live)</source>
        <translation>回避检查（实时）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_checks_table.py" line="47" />
        <source>Application</source>
        <translation>申报</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_checks_table.py" line="48" />
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_checks_table.py" line="49" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_checks_table.py" line="50" />
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_checks_table.py" line="53" />
        <source>Conflict-of-interest checks</source>
        <translation>回避检查</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="231" />
        <source>“%1” cannot be used: the id must be new and may contain only letters, digits, - _ and . (not %2).</source>
        <translation>不能使用“%1”：编号不能与已有专家组重复，只能由字母、数字和 - _ . 组成（不能含有 %2、空格等）。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="250" />
        <source>Its %1 members, its chair and its %2 applications will no longer be assigned.</source>
        <translation>该组的 %1 名成员、组长和 %2 项申报的分配将被清除。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="258" />
        <source>Packages were already issued for this panel (%1). Returns made from them will no longer match a panel of the round: the experts would have to be sent new packages.</source>
        <translation>该专家组已生成并发放过评审包（%1）。删除后，用这些评审包交回的评分将对不上本批次的任何专家组，需要给专家重新发放评审包。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="265" />
        <location filename="../../tic_desktop/gui/panel_builder.py" line="266" />
        <source>Delete panel %1?</source>
        <translation>删除专家组 %1？</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="268" />
        <source>&amp;Delete panel</source>
        <translation>删除专家组(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="504" />
        <source>Withdraw declared conflict</source>
        <translation>撤回回避声明</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="321" />
        <source> (also in %1)</source>
        <translation>（亦在 %1）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="110" />
        <source>De&amp;lete panel</source>
        <translation>删除专家组(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="143" />
        <source>C&amp;hair:</source>
        <translation>组长(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="157" />
        <source>A&amp;pplications this panel reviews:</source>
        <translation>本组评审的申报(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="159" />
        <source>&amp;Members (tick to add):</source>
        <translation>成员（勾选加入）(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="192" />
        <source>&amp;Declare a conflict…</source>
        <translation>声明回避(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="194" />
        <source>&amp;Withdraw declared conflict</source>
        <translation>撤回回避声明(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="468" />
        <source>— choose the chair —</source>
        <translation>— 请选择组长 —</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="341" />
        <source> (in %1)</source>
        <translation>（已在 %1）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_checks_table.py" line="89" />
        <source>Recused: %1</source>
        <translation>回避：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/conflict_checks_table.py" line="91" />
        <source>recused</source>
        <translation>回避</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="380" />
        <source>and %1 more</source>
        <translation>另有 %1 项</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="384" />
        <source>Packages cannot be built yet:</source>
        <translation>尚不能生成评审包：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="390" />
        <source>No rule is broken, but %1 findings rest on unit names and need a person to confirm:</source>
        <translation>没有违反回避规则，但有 %1 项结论仅凭单位名称得出，需要人工确认：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="397" />
        <source>Every panel passes the conflict-of-interest rules.</source>
        <translation>所有专家组均符合回避规则。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="229" />
        <location filename="../../tic_desktop/gui/panel_builder.py" line="418" />
        <source>New panel</source>
        <translation>新建专家组</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="418" />
        <source>Panel id:</source>
        <translation>专家组编号：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/panel_builder.py" line="504" />
        <source>Conflict:</source>
        <translation>回避声明：</translation>
    </message>
</context>
<context>
    <name>PanelResultsModel</name>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="194" />
        <source>Panel</source>
        <translation>专家组</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="195" />
        <source>Application</source>
        <translation>申报</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="196" />
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="197" />
        <source>Affiliated</source>
        <translation>关联专家</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="198" />
        <source>Recused</source>
        <translation>回避</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="199" />
        <source>Scorers</source>
        <translation>可评分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="200" />
        <source>Host share ≤ 1/3</source>
        <translation>关联不超过1/3</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="201" />
        <source>Chair independent</source>
        <translation>组长独立</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/eligibility_conflict_models.py" line="202" />
        <source>Quorum</source>
        <translation>最少评分人数</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="249" />
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="250" />
        <source>Zoom out of the document (Ctrl+-)</source>
        <translation>缩小文件（Ctrl+-）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="252" />
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="253" />
        <source>Zoom into the document (Ctrl++)</source>
        <translation>放大文件（Ctrl++）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="256" />
        <source>Search in this document</source>
        <translation>在本文件中查找</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="257" />
        <source>Search</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="258" />
        <source>Search in this document (Ctrl+F); Enter finds the next</source>
        <translation>在本文件中查找（Ctrl+F）；按回车查找下一处</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="261" />
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="281" />
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="377" />
        <source>This document cannot be shown.</source>
        <translation>无法显示该文件。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="532" />
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="537" />
        <source> · searching…</source>
        <translation> · 正在查找…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="540" />
        <source> · match %1 of %2</source>
        <translation> · 第 %1 处，共 %2 处</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="545" />
        <source> · not found</source>
        <translation> · 未找到</translation>
    </message>
</context>
<context>
    <name>PhotoPreview</name>
    <message>
        <location filename="../../tic_desktop/gui/inspection_photos.py" line="74" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ProgressBoard</name>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="84" />
        <source>Panel members</source>
        <translation>专家组成员</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="86" />
        <source>Ranking so far</source>
        <translation>当前排名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="105" />
        <source>Panel</source>
        <translation>专家组</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="105" />
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="105" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="105" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="109" />
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="110" />
        <source>Application</source>
        <translation>申报</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="111" />
        <source>Center</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="112" />
        <source>Valid totals</source>
        <translation>有效评分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="113" />
        <source>Final score</source>
        <translation>最终得分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="114" />
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="124" />
        <source> (chair)</source>
        <translation>（组长）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="168" />
        <source>%1 of %2 experts have a counted return · %3 in conflict · %4 returns stored</source>
        <translation>%2 位专家中 %1 位的回执已计入 · %3 位冲突 · 已保存回执 %4 份</translation>
    </message>
</context>
<context>
    <name>ProjectorView</name>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="197" />
        <source>Review progress</source>
        <translation>评审进度</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="244" />
        <source>Review progress — %1</source>
        <translation>评审进度 — %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="256" />
        <source>Panel %1</source>
        <translation>专家组 %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="260" />
        <source>%1 / %2 signed</source>
        <translation>已签名 %1 / %2</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="279" />
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="279" />
        <source>Application</source>
        <translation>申报</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="279" />
        <source>Center</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="279" />
        <source>Final score</source>
        <translation>最终得分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="300" />
        <source>Updated %1 · Esc closes</source>
        <translation>更新于 %1 · 按 Esc 关闭</translation>
    </message>
</context>
<context>
    <name>RankingModel</name>
    <message>
        <location filename="../../tic_desktop/gui/ranking_model.py" line="45" />
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/ranking_model.py" line="46" />
        <source>Application</source>
        <translation>申报</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/ranking_model.py" line="47" />
        <source>Center</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/ranking_model.py" line="48" />
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/ranking_model.py" line="49" />
        <source>Mean</source>
        <translation>平均分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/ranking_model.py" line="50" />
        <source>Final</source>
        <translation>最终得分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/ranking_model.py" line="51" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/ranking_model.py" line="52" />
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/ranking_model.py" line="53" />
        <source>Excluded</source>
        <translation>未计入</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/ranking_model.py" line="123" />
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>RegisterForm</name>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="125" />
        <source>* Required</source>
        <translation>* 为必填项</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="156" />
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="257" />
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="104" />
        <source>&amp;Save anyway</source>
        <translation>仍然保存(&amp;S)</translation>
    </message>
</context>
<context>
    <name>RegisterWindow</name>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="94" />
        <source>Register of technology innovation centers</source>
        <translation>技术创新中心名录</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="109" />
        <source>&amp;Add center…</source>
        <translation>新增中心(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="112" />
        <source>Record annual &amp;report…</source>
        <translation>登记年度报告(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="115" />
        <source>Record &amp;evaluation…</source>
        <translation>登记绩效评价(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="118" />
        <source>Re&amp;voke / cancel qualification…</source>
        <translation>撤销/取消资格(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="121" />
        <source>&amp;Correct the center…</source>
        <translation>更正中心信息(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="124" />
        <source>&amp;Take back a record…</source>
        <translation>收回一条记录(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="126" />
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="127" />
        <source>&amp;Register</source>
        <translation>名录(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="153" />
        <source>Centers</source>
        <translation>技术创新中心</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="162" />
        <source>Center detail</source>
        <translation>中心详情</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="202" />
        <source>%1 centers as of %2 · %3 need attention (a clause applies or something is overdue)</source>
        <translation>共 %1 个中心（截至 %2）· %3 个需要关注（适用撤销等条款或有逾期事项）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="230" />
        <source>Add an approved center with Register → Add center (Ctrl+N).</source>
        <translation>请通过“名录 → 新增中心”（Ctrl+N）登记已批建的中心。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="239" />
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="240" />
        <source>Qualification cancelled</source>
        <translation>已取消资格</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="241" />
        <source>Clauses that apply</source>
        <translation>适用条款</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="242" />
        <source>None: no revocation trigger applies today.</source>
        <translation>无：目前不适用任何撤销情形。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="243" />
        <source>Due next</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="244" />
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="245" />
        <source>Annual reports received</source>
        <translation>已报送的年度报告</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="247" />
        <source>Evaluations</source>
        <translation>绩效评价</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="246" />
        <source>received late</source>
        <translation>逾期报送</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="248" />
        <source>What the bureau should do</source>
        <translation>市科技局应办理</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="249" />
        <source>Corrections</source>
        <translation>更正记录</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="250" />
        <source>corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="251" />
        <source>taken back</source>
        <translation>已收回</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="252" />
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="253" />
        <source>was</source>
        <translation>原为</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="254" />
        <source>now</source>
        <translation>现为</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="256" />
        <source>The same lead unit (credit code) also hosts: %1. The regulation allows this; check that the code is right.</source>
        <translation>同一依托单位（统一社会信用代码相同）还依托建设：%1。办法未禁止，请核对代码是否有误。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="265" />
        <source>Approved %1 · preparation period ended %2 · %3</source>
        <translation>%1 批复建设 · 筹建期已于 %2 届满 · %3</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="267" />
        <source>Approved %1 · preparation period until %2 · %3</source>
        <translation>%1 批复建设 · 筹建期至 %2 · %3</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="382" />
        <source>The unified social credit code %1 is already the lead unit of: %2.

The regulation does not forbid one unit hosting several centers, but check that the code is right. Save anyway?</source>
        <translation>统一社会信用代码 %1 已是以下中心的依托单位：%2。

办法未禁止同一单位依托建设多个技术创新中心，但请核对代码是否录入有误。仍要保存吗？</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_window.py" line="402" />
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>ReplaceQuestion</name>
    <message>
        <location filename="../../tic_desktop/gui/package_build_questions.py" line="86" />
        <source>Replace packages?</source>
        <translation>替换评审包？</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/package_build_questions.py" line="87" />
        <source>The output folder already holds packages of these panels:</source>
        <translation>输出文件夹中已有这些专家组的评审包：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/package_build_questions.py" line="92" />
        <source>If they were already handed out, two versions of a package would be in circulation; returns made from the old ones are still accepted. Replace them, or choose another output folder?</source>
        <translation>如果这些评审包已分发给专家，替换后将有两个版本同时流通，用旧评审包生成的评分回执仍会被接收。要替换它们，还是另选输出文件夹？</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/package_build_questions.py" line="98" />
        <source>&amp;Replace</source>
        <translation>替换(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/package_build_questions.py" line="100" />
        <source>&amp;Keep them</source>
        <translation>保留(&amp;K)</translation>
    </message>
</context>
<context>
    <name>ReportForm</name>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="363" />
        <source>Record an annual report — %1</source>
        <translation>登记年度报告 — %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="369" />
        <source>Report year</source>
        <translation>报告年度</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="371" />
        <source>Date received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="372" />
        <source>Report for &amp;year:</source>
        <translation>报告年度(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="373" />
        <source>&amp;Received on:</source>
        <translation>收到日期(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>ResultsOpener</name>
    <message>
        <location filename="../../tic_desktop/gui/results_opening.py" line="213" />
        <source>Bureau workspace folder</source>
        <translation>评审局工作目录</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_opening.py" line="221" />
        <source>Not a bureau workspace</source>
        <translation>不是评审局工作目录</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_opening.py" line="229" />
        <source>The bureau's keys could not be opened</source>
        <translation>无法打开评审局密钥</translation>
    </message>
</context>
<context>
    <name>ResultsWindow</name>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="116" />
        <source>Returns and results — %1</source>
        <translation>评分回执与汇总 — %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="128" />
        <source>Opening the returns received so far…</source>
        <translation>正在打开已收到的回执…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="136" />
        <source>Drag returned files or whole folders here, or add them with the button.</source>
        <translation>把回执文件或整个文件夹拖到这里，或用下面的按钮添加。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="138" />
        <source>Add returns…</source>
        <translation>添加回执…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="148" />
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="149" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="166" />
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="244" />
        <source>Verifying returns</source>
        <translation>正在验证回执</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="281" />
        <source>%1: %2 of %3</source>
        <translation>%1：%2 / %3</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="293" />
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="334" />
        <source>Looking for returns received elsewhere</source>
        <translation>正在查看其他途径收到的回执</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="386" />
        <source>%1 experts sent returns that conflict; their scores do not count until you choose which return counts (double-click a row marked in conflict).</source>
        <translation>%1 位专家的回执相互冲突，在选定计入哪一份之前其评分均不计入（双击标为“有冲突”的行进行选定）。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="399" />
        <source>%1 of %2 panel members have not returned</source>
        <translation>%2 位专家组成员中有 %1 位尚未提交</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="406" />
        <source>added %1, already received %2 (not verified again)</source>
        <translation>新收到 %1 份，已收到过 %2 份（不再重复验证）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="412" />
        <source>could not read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="415" />
        <source>stopped before the end</source>
        <translation>已中途停止</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="418" />
        <source>%1 kept copies are missing from the workspace</source>
        <translation>工作目录中缺少 %1 份已保存的回执副本</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="428" />
        <source>revision %1 signed %2</source>
        <translation>第 %1 版（签名于 %2）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="434" />
        <source>%1 conflict: choose one</source>
        <translation>%1 相互冲突，请选定一份</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="440" />
        <source>revision %1 chosen by %2 (%3) at %4</source>
        <translation>第 %1 版，由 %2（%3）于 %4 选定</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="509" />
        <source>Recording the choice</source>
        <translation>正在记录选定</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="189" />
        <source>Ranking</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="209" />
        <source>Export ranking and scores…</source>
        <translation>导出排名和全部评分…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="211" />
        <source>Sign the result summary (PDF)…</source>
        <translation>签发评审结果汇总表（PDF）…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="177" />
        <location filename="../../tic_desktop/gui/results_window.py" line="185" />
        <location filename="../../tic_desktop/gui/results_window.py" line="231" />
        <source>Returned files</source>
        <translation>回执文件</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="181" />
        <location filename="../../tic_desktop/gui/results_window.py" line="184" />
        <source>Panel members</source>
        <translation>专家组成员</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="231" />
        <source>Returns (*.ticreturn)</source>
        <translation>回执 (*.ticreturn)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="532" />
        <source>Export ranking</source>
        <translation>导出排名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="543" />
        <location filename="../../tic_desktop/gui/results_window.py" line="562" />
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="551" />
        <source>Result summary</source>
        <translation>评审结果汇总表</translation>
    </message>
</context>
<context>
    <name>ReturnsModel</name>
    <message>
        <location filename="../../tic_desktop/gui/inbox_model.py" line="115" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inbox_model.py" line="116" />
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inbox_model.py" line="117" />
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inbox_model.py" line="118" />
        <source>Panel</source>
        <translation>专家组</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inbox_model.py" line="119" />
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inbox_model.py" line="120" />
        <source>Signed</source>
        <translation>签名时间</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inbox_model.py" line="121" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inbox_model.py" line="122" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>RevocationForm</name>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="432" />
        <source>Date of the decision</source>
        <translation>决定日期</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="443" />
        <source>Clause</source>
        <translation>依据条款</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="448" />
        <source>Reason or document number</source>
        <translation>撤销理由或文号</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="442" />
        <source>&amp;Decided on:</source>
        <translation>决定日期(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="428" />
        <source>Revoke or cancel qualification — %1</source>
        <translation>撤销或取消资格 — %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="434" />
        <source>— Choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="443" />
        <source>&amp;Clause:</source>
        <translation>依据条款(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="446" />
        <source>&amp;Reason / document no.:</source>
        <translation>理由/文号(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="452" />
        <source>&amp;Record the revocation</source>
        <translation>登记撤销决定(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/register_dialogs.py" line="462" />
        <source>Record that %1 (%2) is revoked on %3 under “%4”?

From that day no annual report or evaluation can be recorded for it, and it no longer counts as a center in the register. A revocation recorded by mistake can only be taken back with a reason, and both stay in the center's history.</source>
        <translation>登记 %1（%2）于 %3 依据“%4”被撤销？

自该日起，不能再为它登记年度报告或绩效评价，它在名录中不再算作技术创新中心。误登的撤销只能填写原因后收回，撤销和收回都会保留在该中心的更正记录中。</translation>
    </message>
</context>
<context>
    <name>RoundEditorDialog</name>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="275" />
        <source>Edit round %1</source>
        <translation>编辑评审批次 %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="285" />
        <source>Panels</source>
        <translation>专家组</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="286" />
        <source>Expert pool</source>
        <translation>专家库</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="287" />
        <source>Rubric</source>
        <translation>评分表</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="288" />
        <source>Applications</source>
        <translation>申报列表</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="293" />
        <source>This is the bundled demo round: your changes are saved as a copy in a folder you choose.</source>
        <translation>这是随软件提供的演示批次：修改将另存为副本，保存到您选择的文件夹。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="296" />
        <source>Saving replaces the round's files; earlier versions are not kept.</source>
        <translation>保存将替换批次文件，不保留旧版本。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="318" />
        <source>Import into a round whose packages were issued?</source>
        <translation>本批次已发放评审包，仍要导入吗？</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="319" />
        <source>Packages were already issued for this round: %1.</source>
        <translation>本批次已生成并发放过评审包：%1。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="321" />
        <source>Imported applications replace those with the same id. The packages already handed out keep the old materials: the experts would score the old version unless you build the packages again and hand out the new ones.</source>
        <translation>导入的申报会替换编号相同的申报。已发出的评审包里仍是旧材料：除非重新生成并发放评审包，专家评审的将是旧版本。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="325" />
        <source>&amp;Import anyway</source>
        <translation>仍然导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="335" />
        <source>The rubric is not complete</source>
        <translation>评分表尚未完成</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="337" />
        <source>Fix the rubric first: every criterion needs an id, a title and a maximum, and the maxima must add up to 100.</source>
        <translation>请先完善评分表：每个评分项都需要编号、名称和满分，且满分合计为 100 分。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="344" />
        <source>Empty folder for the copy of the round</source>
        <translation>用于保存批次副本的空文件夹</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="355" />
        <source>The round was not saved</source>
        <translation>评审批次未保存</translation>
    </message>
</context>
<context>
    <name>RoundWizard</name>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="188" />
        <source>New review round</source>
        <translation>新建评审批次</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="202" />
        <source>Applications</source>
        <translation>申报列表</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="203" />
        <source>At least one application.</source>
        <translation>至少导入一项申报。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="210" />
        <source>Expert pool</source>
        <translation>专家库</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="211" />
        <source>Everyone who may sit on a panel of this round.</source>
        <translation>本批次可以参加专家组的全部专家。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="218" />
        <source>Rubric</source>
        <translation>评分表</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="219" />
        <source>Criteria, maximum points and guidance; the maxima add up to 100.</source>
        <translation>评分项、满分和评分指引；满分合计 100 分。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="226" />
        <source>Panels</source>
        <translation>专家组</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="228" />
        <source>Every panel needs members and a chair. Packages can only be built for panels that pass every conflict-of-interest rule; you can fix panels later.</source>
        <translation>每个专家组都需要成员和组长。只有符合全部回避规则的专家组才能生成评审包，专家组也可以稍后调整。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/round_wizard.py" line="244" />
        <source>The round was not saved</source>
        <translation>评审批次未保存</translation>
    </message>
</context>
<context>
    <name>RubricEditor</name>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="59" />
        <source>Scoring step</source>
        <translation>评分步长</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="56" />
        <source>Scoring s&amp;tep (points):</source>
        <translation>评分步长（分）(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="65" />
        <source>&amp;Use the standard rubric</source>
        <translation>使用标准评分表(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="73" />
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="74" />
        <source>Criterion</source>
        <translation>评分项</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="75" />
        <source>Maximum</source>
        <translation>满分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="76" />
        <source>Guidance for experts</source>
        <translation>评分指引</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="79" />
        <source>Rubric criteria</source>
        <translation>评分项</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="90" />
        <source>&amp;Add criterion</source>
        <translation>添加评分项(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="91" />
        <source>&amp;Remove criterion</source>
        <translation>删除评分项(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="93" />
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="92" />
        <source>Move u&amp;p</source>
        <translation>上移(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="100" />
        <source>Rubric total</source>
        <translation>评分表合计</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="220" />
        <source>Total %1 of 100 points</source>
        <translation>合计 %1 分（应为 100 分）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="232" />
        <source>Rows %1 need an id, a title and a number as maximum.</source>
        <translation>第 %1 行需要填写编号、名称和数字形式的满分。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/rubric_editor.py" line="237" />
        <source>The maxima must add up to 100.</source>
        <translation>各评分项满分之和必须为 100 分。</translation>
    </message>
</context>
<context>
    <name>ScoreChart</name>
    <message>
        <location filename="../../tic_desktop/gui/score_chart.py" line="46" />
        <source>Score distribution</source>
        <translation>评分分布</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/score_chart.py" line="173" />
        <source>Total score</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/score_chart.py" line="83" />
        <location filename="../../tic_desktop/gui/score_chart.py" line="132" />
        <source>No valid totals yet</source>
        <translation>暂无有效评分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/score_chart.py" line="193" />
        <source>Counted</source>
        <translation>计入</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/score_chart.py" line="194" />
        <source>Dropped by the trimmed mean</source>
        <translation>去掉的最高分、最低分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/score_chart.py" line="90" />
        <location filename="../../tic_desktop/gui/score_chart.py" line="188" />
        <source>Final %1</source>
        <translation>最终得分 %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/score_chart.py" line="85" />
        <source> (dropped)</source>
        <translation>（已去掉）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/score_chart.py" line="88" />
        <source>%1 valid totals: %2.</source>
        <translation>有效评分 %1 个：%2。</translation>
    </message>
</context>
<context>
    <name>ScoringForm</name>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="89" />
        <source> (max %1)</source>
        <translation>（满分 %1）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="98" />
        <location filename="../../tic_desktop/gui/scoring_form.py" line="277" />
        <source>not scored</source>
        <translation>未评分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="110" />
        <source>This score is far from the guidance: give a short reason</source>
        <translation>该分数偏离评分指引，请填写简要理由</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="112" />
        <source>Reason for %1</source>
        <translation>%1 的理由</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="138" />
        <source>Opinion</source>
        <translation>评审意见</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="151" />
        <source>Opinion:</source>
        <translation>评审意见：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="152" />
        <source>Recommend</source>
        <translation>推荐</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="153" />
        <source>Do not recommend</source>
        <translation>不推荐</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="178" />
        <source>Recommendation:</source>
        <translation>推荐意见：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="267" />
        <source>“%1”: %2, not saved</source>
        <translation>“%1”：%2，未保存</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="269" />
        <source> (the saved score is still %1)</source>
        <translation>（已保存的分数仍为 %1）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="274" />
        <source>“%1” could not be saved: %2</source>
        <translation>“%1”未能保存：%2</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="332" />
        <source>The reason for “%1” could not be saved: %2</source>
        <translation>“%1”的理由未能保存：%2</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="367" />
        <source>The opinion could not be saved: %1</source>
        <translation>评审意见未能保存：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="397" />
        <source>The recommendation could not be saved: %1</source>
        <translation>是否推荐未能保存：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="492" />
        <source>Total: %1 / %2</source>
        <translation>合计：%1 / %2</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="497" />
        <source> (%1 criteria not scored)</source>
        <translation>（%1 项未评分）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="499" />
        <source> (%1 entries invalid, not counted)</source>
        <translation>（%1 项输入有误，未计入合计）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="504" />
        <source> (%1 of them could not be saved)</source>
        <translation>（其中 %1 项未能保存）</translation>
    </message>
</context>
<context>
    <name>SendToMeeting</name>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="157" />
        <source>Send to the meeting…</source>
        <translation>发送到会场…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="210" />
        <source>Revision %1 signed; not yet sent to the meeting.</source>
        <translation>第 %1 版已签名，尚未发送到会场。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="244" />
        <source>Connecting to %1:%2…</source>
        <translation>正在连接 %1:%2…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="278" />
        <source>Sending revision %1…</source>
        <translation>正在发送第 %1 版…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="286" />
        <source>The meeting refused revision %1: %2</source>
        <translation>会场拒收第 %1 版：%2</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="305" />
        <source>Delivered, receipt number %1 (revision %2)</source>
        <translation>已送达，回执编号 %1（第 %2 版）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="319" />
        <source>Not delivered: %1 The signed file is kept (%2): hand it in if need be.</source>
        <translation>未送达：%1 已签名的文件仍保留（%2），必要时请用 U 盘提交。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/send_to_meeting.py" line="337" />
        <source>%1 members' copies received from the meeting</source>
        <translation>已从会场收到 %1 份成员评分副本</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="50" />
        <source>Open review package</source>
        <translation>打开评审包</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="67" />
        <source> (chair)</source>
        <translation>（组长）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="69" />
        <source>I am</source>
        <translation>我是</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="70" />
        <source>I am:</source>
        <translation>我是：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="75" />
        <source>24 digits from your passphrase sheet; leave empty if this computer remembers you</source>
        <translation>口令单上的 24 位数字；本机已保存凭据时可留空</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="78" />
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="81" />
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="91" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="92" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="102" />
        <source>Review round</source>
        <translation>评审批次</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="104" />
        <source>Panel</source>
        <translation>专家组</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="105" />
        <source>%1 · %2 members · chair %3</source>
        <translation>%1 · %2 位专家 · 组长 %3</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="110" />
        <source>Issued by</source>
        <translation>发出单位</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="111" />
        <source>Bureau fingerprint</source>
        <translation>评审局根证书指纹</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="58" />
        <source>Signature verified. Compare the fingerprint with your passphrase sheet; if the round or the fingerprint is not yours, press Cancel and call the bureau.</source>
        <translation>签名已验证。请将指纹与口令单逐组核对；评审批次或指纹与口令单不符时，请点“取消”并致电评审局。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="129" />
        <source>Unlocking your credential… (a few seconds)</source>
        <translation>正在解锁评审凭据…（需要几秒钟）</translation>
    </message>
</context>
<context>
    <name>SignInFlow</name>
    <message>
        <location filename="../../tic_desktop/gui/expert_signin.py" line="58" />
        <source>Open review package</source>
        <translation>打开评审包</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signin.py" line="60" />
        <source>Review package (*.ticpkg)</source>
        <translation>评审包 (*.ticpkg)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signin.py" line="95" />
        <source>Checking the package's signature…</source>
        <translation>正在核验评审包签名…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signin.py" line="112" />
        <location filename="../../tic_desktop/gui/expert_signin.py" line="147" />
        <location filename="../../tic_desktop/gui/expert_signin.py" line="178" />
        <location filename="../../tic_desktop/gui/expert_signin.py" line="245" />
        <source>The package could not be opened</source>
        <translation>无法打开评审包</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signin.py" line="135" />
        <source>The package was not opened</source>
        <translation>评审包未打开</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signin.py" line="137" />
        <source>Its bureau fingerprint is not the one this computer knows for the round. If your passphrase sheet shows neither, call the bureau.</source>
        <translation>此评审包的评审局指纹与本机记录的不同。如果口令单上的指纹与两者都不符，请致电评审局。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signin.py" line="188" />
        <source>This computer has no secure keyring: your passphrase cannot be remembered and will be asked for each time you open the package.</source>
        <translation>本机没有安全的系统密钥环，无法记住口令，每次打开评审包都需要输入口令。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signin.py" line="209" />
        <source>Passphrase needed</source>
        <translation>需要口令</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signin.py" line="211" />
        <source>This computer does not know you yet: enter the passphrase from your sheet.</source>
        <translation>本机尚未保存您的凭据，请输入口令单上的口令。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signin.py" line="215" />
        <source>Unlocking your credential… (a few seconds)</source>
        <translation>正在解锁评审凭据…（需要几秒钟）</translation>
    </message>
</context>
<context>
    <name>SigningFlow</name>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="45" />
        <source>Where should the signed files go? (e.g. a USB stick)</source>
        <translation>签名文件保存到哪里？（例如 U 盘）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="67" />
        <source>Not ready to sign</source>
        <translation>尚不能签名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="67" />
        <source>Please complete these first:</source>
        <translation>请先完成以下事项：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="74" />
        <source>Signing…</source>
        <translation>正在签名…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="85" />
        <source>Revision %1 is signed. Written to %2: %3</source>
        <translation>第 %1 版已签名，已写入 %2：%3</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="90" />
        <source>Signed and exported</source>
        <translation>签名完成</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="104" />
        <source>Nothing to sign</source>
        <translation>无需重新签名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="105" />
        <source>Write the signed files again</source>
        <translation>重新写出已签名文件</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="110" />
        <source>Signing failed</source>
        <translation>签名失败</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="121" />
        <source>Signing refused</source>
        <translation>拒绝签名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="136" />
        <source>Writing the signed files again…</source>
        <translation>正在重新写出已签名文件…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="142" />
        <source>The signed files of revision %1 were written again to %2: %3</source>
        <translation>第 %1 版的已签名文件已重新写入 %2：%3</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="147" />
        <source>Written again</source>
        <translation>已重新写出</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="157" />
        <source>The signed files could not be written</source>
        <translation>无法写出已签名文件</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="167" />
        <source>Revision %1 is signed and its return is in %2, but these files could not be written:</source>
        <translation>第 %1 版已签名，评分回执已写入 %2，但以下文件未能写出：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="171" />
        <source>Of revision %1, these files could not be written to %2:</source>
        <translation>第 %1 版的以下文件未能写入 %2：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="176" />
        <source>Some signed files are missing</source>
        <translation>部分已签名文件缺失</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="181" />
        <source>Free some space (or remove what is in the way), then write them again.</source>
        <translation>请腾出空间（或移走占位的文件夹）后重新写出。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="183" />
        <source>Write them again</source>
        <translation>重新写出</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="184" />
        <source>Choose another folder…</source>
        <translation>换一个文件夹…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="192" />
        <source>Expert review</source>
        <translation>专家评审</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="195" />
        <source>needs signing again: %1</source>
        <translation>需重新签名：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="216" />
        <source>These entries are not saved:</source>
        <translation>以下内容尚未保存：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="217" />
        <source>Not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="221" />
        <source>Changed after signing and not signed again: %1. The bureau only has your last signed revision, without these changes.</source>
        <translation>以下申报签名后又有修改，尚未重新签名：%1。评审局只能收到您最后签名的版本，不含这些修改。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="227" />
        <source>Close the review?</source>
        <translation>关闭评审窗口？</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="232" />
        <source>Go back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="233" />
        <source>Close anyway</source>
        <translation>仍然关闭</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="245" />
        <source>Needs signing again: %1</source>
        <translation>需重新签名：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_signing.py" line="247" />
        <source>Sign and export…</source>
        <translation>签名并导出…</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../tic_desktop/gui/results_opening.py" line="70" />
        <source>Bureau passphrase</source>
        <translation>评审局口令</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_opening.py" line="72" />
        <source>Passphrase of the bureau's keys (%1):</source>
        <translation>评审局密钥的口令（%1）：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_opening.py" line="77" />
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_opening.py" line="86" />
        <source>Unlocking the bureau's keys…</source>
        <translation>正在解锁评审局密钥…</translation>
    </message>
</context>
<context>
    <name>UserGuideWindow</name>
    <message>
        <location filename="../../tic_desktop/gui/help_window.py" line="122" />
        <location filename="../../tic_desktop/gui/help_window.py" line="157" />
        <source>User guide</source>
        <translation>使用指南</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/help_window.py" line="128" />
        <source>For the bureau's staff</source>
        <translation>评审局工作人员指南</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/help_window.py" line="129" />
        <source>For review experts</source>
        <translation>评审专家指南</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/help_window.py" line="130" />
        <source>Choose a guide</source>
        <translation>选择指南</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/help_window.py" line="136" />
        <source>Find in the guide (Ctrl+F)</source>
        <translation>在指南中查找（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/help_window.py" line="137" />
        <source>Find in the guide</source>
        <translation>在指南中查找</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/help_window.py" line="148" />
        <source>The user guide is written in Chinese.</source>
        <translation>使用指南只有中文版。</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../tic_desktop/gui/welcome.py" line="52" />
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/welcome.py" line="57" />
        <source>Welcome to the Liaocheng technology innovation center review system</source>
        <translation>欢迎使用聊城市技术创新中心评审系统</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/welcome.py" line="66" />
        <source>This app is used by two kinds of people. Choose the one that describes you.</source>
        <translation>本软件有两类使用者，请看看您是哪一类。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/welcome.py" line="73" />
        <source>New review round…</source>
        <translation>新建评审批次…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/welcome.py" line="74" />
        <source>Open the demo round</source>
        <translation>打开演示批次</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/welcome.py" line="76" />
        <source>Bureau staff</source>
        <translation>评审局工作人员</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/welcome.py" line="78" />
        <source>You prepare a review round: the applications, the expert pool and the panels. The app checks every application against the regulation and every panel for conflicts of interest. You build the encrypted review packages and print the passphrase sheets. When the experts return their signed scores, the app ranks the applications and you sign the result summary.</source>
        <translation>您负责准备评审批次：导入申报材料、建立专家库、组建专家组。软件按管理办法逐项检查每项申报，并检查每个专家组是否符合回避规则。您生成加密的评审包、打印口令单，发给专家。专家交回签名的评分后，软件汇总排名，由您签发评审结果汇总表。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/welcome.py" line="86" />
        <source>Open review package…</source>
        <translation>打开评审包…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/welcome.py" line="88" />
        <source>Review expert</source>
        <translation>评审专家</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/welcome.py" line="90" />
        <source>You received a review package (a file ending in .ticpkg, usually on a USB stick) and a printed passphrase sheet. Open the package, type the passphrase once, confirm your conflicts of interest, read the materials, score and write your opinion. Then sign and save the return file to the USB stick and hand it back to the bureau.</source>
        <translation>您收到了评审包（文件名以 .ticpkg 结尾，一般在 U 盘上）和一张口令单。打开评审包，输入一次口令，确认回避声明，阅读申报材料，评分并填写评审意见。最后签名，把评分回执导出到 U 盘，交回评审局。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/welcome.py" line="104" />
        <source>New here? Open the demo round: its applications and experts are invented, so you can try everything without harm.</source>
        <translation>第一次使用？可以先打开演示批次看看：其中的申报和专家都是虚构的，随便操作也不会影响真实评审。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/welcome.py" line="112" />
        <source>Read the user guide</source>
        <translation>查看使用指南</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/welcome.py" line="114" />
        <source>Do not show again</source>
        <translation>不再显示</translation>
    </message>
</context>
<context>
    <name>_Texts</name>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="54" />
        <source>Signed, revision %1</source>
        <translation>已签名 第 %1 版</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="56" />
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="58" />
        <source>Conflicting returns</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/progress_board.py" line="59" />
        <source>Not submitted</source>
        <translation>未提交</translation>
    </message>
</context>
</TS>