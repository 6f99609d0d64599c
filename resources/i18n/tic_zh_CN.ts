<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChairPanel</name>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="43" />
        <source>Import members' score copies…</source>
        <translation>导入成员评分副本…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="54" />
        <source>The panel's consensus opinion on the selected application</source>
        <translation>专家组对所选申报的综合意见</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="58" />
        <source>Recommend</source>
        <translation>推荐</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="59" />
        <source>Do not recommend</source>
        <translation>不推荐</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="61" />
        <source>Sign the group opinion…</source>
        <translation>签署专家组意见…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="71" />
        <source>Members' score copies</source>
        <translation>成员评分副本</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="72" />
        <source>Score copies (*.chaircopy)</source>
        <translation>评分副本 (*.chaircopy)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="91" />
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="91" />
        <source>Final</source>
        <translation>最终得分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="91" />
        <source>Spread</source>
        <translation>分差</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="99" />
        <source>recused</source>
        <translation>回避</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="108" />
        <source>Wide spread between the members' totals</source>
        <translation>成员总分分差过大</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="110" />
        <source>%1 of %2 members' copies imported</source>
        <translation>已导入 %1 / %2 位成员的评分副本</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="116" />
        <source>Choose an application in the table first.</source>
        <translation>请先在表中选择一项申报。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/chair_panel.py" line="120" />
        <source>Where should the signed group opinion go?</source>
        <translation>签署后的专家组意见保存到哪里？</translation>
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
        <location filename="../../ui/expert_window.ui" line="11" />
        <source>Open a review package to begin.</source>
        <translation>请先打开评审包。</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="27" />
        <source>Open review package…</source>
        <translation>打开评审包…</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="37" />
        <source>Before you see any material: check each application and its units. Tick any application you have a conflict of interest with and give the reason. Applications marked by the bureau are already locked.</source>
        <translation>查看材料前，请逐项核对申报及其涉及单位。与您存在利益冲突的申报请勾选并填写回避理由；评审局已确认须回避的申报已锁定。</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="44" />
        <source>I certify the above declaration</source>
        <translation>本人确认以上回避声明</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="56" />
        <source>Applications</source>
        <translation>申报列表</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="60" />
        <source>Materials</source>
        <translation>申报材料</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="66" />
        <source>Formal review</source>
        <translation>形式审查</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="72" />
        <source>Scoring</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="93" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="100" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="112" />
        <source>&amp;Open review package…</source>
        <translation>打开评审包(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="113" />
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="116" />
        <source>&amp;Sign and export…</source>
        <translation>签名并导出(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="117" />
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="120" />
        <source>&amp;Larger text</source>
        <translation>放大字号(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="121" />
        <source>Ctrl++</source>
        <translation>Ctrl++</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="124" />
        <source>&amp;Smaller text</source>
        <translation>缩小字号(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="125" />
        <source>Ctrl+-</source>
        <translation>Ctrl+-</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="136" />
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/expert_window.ui" line="137" />
        <source>Ctrl+W</source>
        <translation>Ctrl+W</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="176" />
        <source>Open review package</source>
        <translation>打开评审包</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="176" />
        <source>Review package (*.ticpkg)</source>
        <translation>评审包 (*.ticpkg)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="203" />
        <location filename="../../tic_desktop/gui/expert_window.py" line="225" />
        <location filename="../../tic_desktop/gui/expert_window.py" line="244" />
        <location filename="../../tic_desktop/gui/expert_window.py" line="254" />
        <source>The package could not be opened</source>
        <translation>无法打开评审包</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="219" />
        <source>Passphrase needed</source>
        <translation>需要口令</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="220" />
        <source>This computer does not know you yet: enter the passphrase from your sheet.</source>
        <translation>本机尚未保存您的凭据，请输入口令单上的口令。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="227" />
        <source>Unlocking your credential… (a few seconds)</source>
        <translation>正在解锁评审凭据…（需要几秒钟）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="237" />
        <source>This computer has no secure keyring: your passphrase cannot be remembered and will be asked for each time you open the package.</source>
        <translation>本机没有安全的系统密钥环，无法记住口令，每次打开评审包都需要输入口令。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="261" />
        <source>Bureau signature verified: %1, fingerprint %2</source>
        <translation>评审局签名已验证：%1，指纹 %2</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="267" />
        <source>Package opened</source>
        <translation>评审包已打开</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="278" />
        <location filename="../../tic_desktop/gui/expert_window.py" line="281" />
        <source>Panel chair</source>
        <translation>专家组组长</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="280" />
        <source>Group opinion signed: %1</source>
        <translation>专家组意见已签署：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="289" />
        <location filename="../../tic_desktop/gui/expert_window.py" line="548" />
        <source>Application</source>
        <translation>申报</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="289" />
        <location filename="../../tic_desktop/gui/expert_window.py" line="424" />
        <location filename="../../tic_desktop/gui/expert_window.py" line="548" />
        <source>Center</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="289" />
        <location filename="../../tic_desktop/gui/expert_window.py" line="548" />
        <source>Units involved</source>
        <translation>涉及单位</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="290" />
        <location filename="../../tic_desktop/gui/expert_window.py" line="548" />
        <source>Conflict</source>
        <translation>利益冲突</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="290" />
        <location filename="../../tic_desktop/gui/expert_window.py" line="549" />
        <source>Reason</source>
        <translation>回避理由</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="298" />
        <source>Known conflict (locked)</source>
        <translation>已确认回避（锁定）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="298" />
        <source>I have a conflict</source>
        <translation>本人须回避</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="329" />
        <source>Declaration incomplete</source>
        <translation>回避声明未完成</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="348" />
        <source>recused</source>
        <translation>回避</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="350" />
        <location filename="../../tic_desktop/gui/expert_window.py" line="563" />
        <source>to do</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="352" />
        <location filename="../../tic_desktop/gui/expert_window.py" line="563" />
        <source>complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="371" />
        <source>You are recused from this application: no materials, no scoring.</source>
        <translation>您须回避该申报：不能查看材料，也不能评分。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="407" />
        <source>On-site inspection</source>
        <translation>现场考察</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="410" />
        <source>Inspection report signed: %1</source>
        <translation>现场考察报告已签署：%1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="424" />
        <source>Field</source>
        <translation>技术领域</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="425" />
        <source>Lead unit</source>
        <translation>依托单位</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="426" />
        <source>Co-builders</source>
        <translation>共建单位</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="427" />
        <source>Director</source>
        <translation>中心主任</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="453" />
        <source>Opened %1 (in memory only)</source>
        <translation>已打开 %1（仅在内存中）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="461" />
        <source>Decrypting %1…</source>
        <translation>正在解密 %1…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="490" />
        <source>The attachment could not be opened</source>
        <translation>无法打开附件</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="507" />
        <source>Not ready to sign</source>
        <translation>尚不能签名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="507" />
        <source>Please complete these first:</source>
        <translation>请先完成以下事项：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="510" />
        <source>Where should the signed files go? (e.g. a USB stick)</source>
        <translation>签名文件保存到哪里？（例如 U 盘）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="514" />
        <source>Signing…</source>
        <translation>正在签名…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="519" />
        <source>Signed: %1 (revision %2) and %3 opinion PDFs</source>
        <translation>已签名：%1（第 %2 版）及 %3 份评审意见表</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="527" />
        <source>Signing failed</source>
        <translation>签名失败</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_window.py" line="557" />
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>FormalReviewPanel</name>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="29" />
        <source>Items left to the experts: agree with the finding, or give your own judgement and why</source>
        <translation>以下事项交由专家研判：同意系统结论，或给出您的判断及理由</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="30" />
        <source>No formal-review item needs your judgement.</source>
        <translation>本申报没有需要专家研判的形式审查事项。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="38" />
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="38" />
        <source>Agree</source>
        <translation>同意</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="38" />
        <source>Disagree</source>
        <translation>不同意</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="39" />
        <source>Judgement on %1</source>
        <translation>对 %1 的意见</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/formal_review_panel.py" line="41" />
        <source>Reason (required when you disagree)</source>
        <translation>理由（不同意时必填）</translation>
    </message>
</context>
<context>
    <name>InspectionPanel</name>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="44" />
        <source>Item</source>
        <translation>考察项目</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="44" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="44" />
        <source>Measured / found</source>
        <translation>实测/核查情况</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="44" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="71" />
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="73" />
        <source>Photos (stored encrypted, with their SHA-256)</source>
        <translation>现场照片（加密保存，附 SHA-256）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="93" />
        <source>Site address:</source>
        <translation>考察地点：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="94" />
        <source>Date of visit:</source>
        <translation>考察日期：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="95" />
        <source>Team members:</source>
        <translation>考察组成员：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="96" />
        <source>Conclusion:</source>
        <translation>考察结论：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="98" />
        <source>Sign the inspection report as team leader…</source>
        <translation>以考察组组长身份签署考察报告…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="110" />
        <source>Site photos</source>
        <translation>现场照片</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="110" />
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/inspection_panel.py" line="128" />
        <source>Where should the signed report go?</source>
        <translation>签署后的报告保存到哪里？</translation>
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
        <location filename="../../ui/main_window.ui" line="109" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="117" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="126" />
        <source>&amp;Open review round…</source>
        <translation>打开评审批次(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="127" />
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="130" />
        <source>Open the &amp;demo round</source>
        <translation>打开演示批次(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="133" />
        <source>&amp;Returns and results…</source>
        <translation>评分回执与汇总(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="134" />
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="137" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="138" />
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="141" />
        <source>&amp;Larger text</source>
        <translation>放大字号(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="142" />
        <source>Ctrl++</source>
        <translation>Ctrl++</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="145" />
        <source>&amp;Smaller text</source>
        <translation>缩小字号(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="146" />
        <source>Ctrl+-</source>
        <translation>Ctrl+-</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="157" />
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="146" />
        <source>Open review round</source>
        <translation>打开评审批次</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="146" />
        <source>Review round (*.json)</source>
        <translation>评审批次文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="152" />
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="156" />
        <source>The review round could not be opened</source>
        <translation>无法打开评审批次</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="259" />
        <source>%1 applications: %2 eligible, %3 need judgement, %4 ineligible · %5 panel/application pairs: %6 break a conflict-of-interest rule, %7 to confirm</source>
        <translation>共 %1 项申报：符合条件 %2 项，需专家研判 %3 项，不符合条件 %4 项 · 专家组评审 %5 组次：%6 组次违反回避规则，%7 组次需人工确认</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="265" />
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="271" />
        <source>Bureau workspace folder</source>
        <translation>评审局工作目录</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="277" />
        <source>Not a bureau workspace</source>
        <translation>不是评审局工作目录</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="281" />
        <source>Bureau passphrase</source>
        <translation>评审局口令</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="282" />
        <source>Passphrase of the bureau's keys:</source>
        <translation>评审局密钥的口令：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="286" />
        <source>Unlocking the bureau's keys…</source>
        <translation>正在解锁评审局密钥…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="295" />
        <source>The bureau's keys could not be opened</source>
        <translation>无法打开评审局密钥</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="302" />
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/main_window.py" line="302" />
        <source>TIC Review Desktop %1
Liaocheng Municipal Science and Technology Bureau</source>
        <translation>聊城市技术创新中心评审系统 %1
聊城市科学技术局</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="55" />
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="56" />
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="59" />
        <source>Search in this document</source>
        <translation>在本文件中查找</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="60" />
        <source>Search</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="61" />
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="72" />
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="174" />
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/pdf_viewer.py" line="176" />
        <source> · match %1 of %2</source>
        <translation> · 第 %1 处，共 %2 处</translation>
    </message>
</context>
<context>
    <name>ResultsWindow</name>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="67" />
        <source>Returns and results — %1</source>
        <translation>评分回执与汇总 — %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="71" />
        <source>Drag returned files or whole folders here, or add them with the button.</source>
        <translation>把回执文件或整个文件夹拖到这里，或用下面的按钮添加。</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="72" />
        <source>Add returns…</source>
        <translation>添加回执…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="80" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="80" />
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="80" />
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="81" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="74" />
        <source>Export ranking and scores…</source>
        <translation>导出排名和全部评分…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="76" />
        <source>Sign the result summary (PDF)…</source>
        <translation>签发评审结果汇总表（PDF）…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="81" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="83" />
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="83" />
        <source>Application</source>
        <translation>申报</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="83" />
        <source>Center</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="84" />
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="84" />
        <source>Mean</source>
        <translation>平均分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="84" />
        <source>Final</source>
        <translation>最终得分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="85" />
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="85" />
        <source>Excluded</source>
        <translation>未计入</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="112" />
        <source>Returned files</source>
        <translation>回执文件</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="112" />
        <source>Returns (*.ticreturn)</source>
        <translation>回执 (*.ticreturn)</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="119" />
        <source>Verifying %1 returns…</source>
        <translation>正在校验 %1 份回执…</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="163" />
        <source>Export ranking</source>
        <translation>导出排名</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="174" />
        <location filename="../../tic_desktop/gui/results_window.py" line="187" />
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/results_window.py" line="180" />
        <source>Result summary</source>
        <translation>评审结果汇总表</translation>
    </message>
</context>
<context>
    <name>ScoringForm</name>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="49" />
        <source> (max %1)</source>
        <translation>（满分 %1）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="58" />
        <source>not scored</source>
        <translation>未评分</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="65" />
        <source>This score is far from the guidance: give a short reason</source>
        <translation>该分数偏离评分指引，请填写简要理由</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="66" />
        <source>Reason for %1</source>
        <translation>%1 的理由</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="82" />
        <source>Opinion</source>
        <translation>评审意见</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="88" />
        <source>Opinion:</source>
        <translation>评审意见：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="89" />
        <source>Recommend</source>
        <translation>推荐</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="90" />
        <source>Do not recommend</source>
        <translation>不推荐</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="102" />
        <source>Recommendation:</source>
        <translation>推荐意见：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="156" />
        <source>Total: %1 / %2</source>
        <translation>合计：%1 / %2</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/scoring_form.py" line="158" />
        <source> (%1 criteria not scored)</source>
        <translation>（%1 项未评分）</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="18" />
        <source>Open review package</source>
        <translation>打开评审包</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="20" />
        <source>Signed by %1 — signature verified. Fingerprint: %2 (compare with your sheet)</source>
        <translation>由 %1 签名，签名已验证。指纹：%2（请与口令单核对）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="28" />
        <source> (chair)</source>
        <translation>（组长）</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="30" />
        <source>I am</source>
        <translation>我是</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="31" />
        <source>I am:</source>
        <translation>我是：</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="34" />
        <source>24 digits from your passphrase sheet; leave empty if this computer remembers you</source>
        <translation>口令单上的 24 位数字；本机已保存凭据时可留空</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="35" />
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../tic_desktop/gui/expert_dialogs.py" line="36" />
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
</context>
</TS>