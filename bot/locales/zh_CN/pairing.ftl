# 三个一: the service log (/service, 服务企业) and the per-leader view (/pairing).

cmd-service = 服务企业：记录一次结对企业服务
cmd-pairing = 三个一：领导结对情况
service-none = 您没有结对企业。结对关系由指挥部在花名册的“结对”表中设定。
service-ask-enterprise = 请选择本次服务的企业：
service-choice = { $enterprise }（{ $leader }）
service-ask-date = 服务企业：{ $enterprise }。请选择服务日期：点“今天”，或输入日期（如 3月5日）。
service-today = 今天
service-ask-asked = 企业提出了什么诉求？
service-ask-done = 做了哪些服务（服务内容）？
service-ask-status = 诉求目前的状态：
service-status-solved = 已解决
service-status-ongoing = 推进中
service-status-coordination = 需协调
service-ask-problem = 是否有需要协调的问题？有请直接输入，将作为问题交指挥部交办；没有请点“无问题”。
service-no-problem = 无问题
service-summary-no-problem = 无
service-summary =
    请核对本次服务：
    企业：{ $enterprise }（结对领导：{ $leader }）
    日期：{ $date }
    企业诉求：{ $asked }
    服务内容：{ $done }
    状态：{ $status }
    提出问题：{ $problem }
service-saved = 已记录对“{ $enterprise }”的服务。
service-problem-raised = 问题 #{ $id } 已登记，可在 /problems 中跟踪交办和销号。
service-cancelled = 已取消，本次服务未记录。
service-refused-not-allowed = 您不是这家企业的结对领导或其联络员。
service-refused-date-invalid = 无法识别日期“{ $text }”，请重新输入，如 3月5日 或 2025-03-05。
service-refused-date-future = { $date } 是将来的日期，只能记录已完成的服务，请重新输入。
service-refused-text-invalid = 内容不能为空，且不超过 { $limit } 字，请重新输入。
service-refused-status-invalid = 请选择一个状态。
pairing-refused = 只有指挥部、市级领导，以及结对领导和其联络员可以查看三个一结对情况。
pairing-none = 暂无结对。
pairing-header = 三个一结对情况（{ $quarter }，共 { $count } 位领导）：
pairing-leader = {"\u000A"}【{ $leader }】10亿项目：{ $project }，{ $light }，投资完成 { $plan }，形象进度 { $physical }；问题：本季度解决 { $solved } 个，未解决 { $open } 个
pairing-enterprise = {"  "}{ $kind }：{ $name }，本季度服务 { $services } 次
pairing-no-project = 未设定
pairing-light-green = 🟢 绿灯
pairing-light-yellow = 🟡 黄灯
pairing-light-red = 🔴 红灯
pairing-light-none = 无灯
pairing-kind-backbone = 重点骨干企业
pairing-kind-struggling = 特困企业
greet-pairing = 您有三个一结对企业：发送 /service 记录一次服务，/pairing 查看结对情况。
pairing-bad-quarter = “{ $value }”不是季度，请写成 2025-Q1 的形式。
pairing-cli-header = 三个一结对情况（{ $quarter }，共 { $count } 位领导）
pairing-cli-line = { $leader }｜10亿项目：{ $project }（{ $light }，投资完成 { $plan_percent }%，形象进度 { $physical_percent }%）｜重点骨干企业：{ $backbone }，服务 { $backbone_services } 次｜特困企业：{ $struggling }，服务 { $struggling_services } 次｜问题：解决 { $solved }，未解决 { $open }
pairing-sheet = 领导结对联系表
pairing-title = 领导结对联系表（三个一，{ $quarter }）
pairing-exported = 已写入 { $path }：{ $count } 位领导的结对情况。
pairing-column-leader = 结对领导
pairing-column-title = 职务
pairing-column-project = 10亿项目
pairing-column-light = 灯色
pairing-column-plan_percent = 年度投资完成(%)
pairing-column-physical_percent = 形象进度(%)
pairing-column-backbone = 重点骨干企业
pairing-column-backbone_services = 本季度服务次数
pairing-column-struggling = 特困企业
pairing-column-struggling_services = 本季度帮扶次数
pairing-column-solved = 本季度解决问题
pairing-column-open = 未解决问题
pairing-column-liaison = 联络员
pairing-column-milestones = 时间节点

# 结对表公示（公示期与异议）
pairing-published = 已公示 { $quarter } 三个一结对表：{ $count } 位领导，已通知 { $people } 人。
pairing-publish-refused-open = { $quarter } 的结对表还在公示期内，公示期结束前不能再次公示。
pairing-publish-refused-empty = 暂无结对，没有可公示的结对表。
pairing-notice-published = 📢 { $quarter } 三个一结对表公示，您的结对情况：
pairing-notice-object = 如有异议，请在公示期内发送 /objection，实名提出。逾期未提出视为无异议。
pairing-notice-admin-published = 已公示 { $quarter } 三个一结对表：{ $count } 位领导，已通知 { $people } 位结对领导和联络员。
pairing-notice-final = ✅ { $quarter } 三个一结对表公示期满，结果如下：
pairing-notice-held = ⏳ { $quarter } 结对表公示期已结束，但还有 { $count } 条异议未答复；答复后结对表才会成为最终结果。
pairing-objection-park = 三个一结对表
pairing-objection-target = { $quarter } 结对表 · { $leader }
pairing-objection-ask-reason = 对 { $quarter } 结对表中您的一行提出异议（公示截止 { $closes }）：
    { $row }
    请写明异议理由（不超过 { $limit } 字）。
pairing-objection-accepted-notice = 异议 #{ $id } 已采纳：指挥部将修正花名册，必要时重新公示结对表。
pairing-not-published = { $quarter } 没有公示过结对表。
pairing-published-header = { $quarter } 三个一结对表公示（{ $status }，公示截止 { $closes }）
pairing-publication-open = 公示中
pairing-publication-final = 最终结果
