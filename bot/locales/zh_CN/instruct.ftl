## 领导批示：每条上报领导的提醒都带四个按钮（已阅、请协调、督办、回复）。
escalation-ask = 请批示：
escalation-button-ack = 已阅
escalation-button-coord = 请协调
escalation-button-urge = 督办
escalation-button-reply = 回复
escalation-red = 🔴 项目亮红灯
    【{ $project }】（{ $park }）
    { $reasons }
escalation-overdue = ⏰ 交办事项逾期
    【{ $project }】（{ $park }）{ $text }
    承办单位：{ $unit }，期限 { $due }
escalation-note-ack = 领导批示：已阅
escalation-note-coord = 领导批示：请{ $unit }协调
escalation-note-urge = 领导批示：督办，{ $due } 前办结
escalation-note-reply = 领导批示：{ $note }
escalation-decided-ack = ✅ { $leader } 已阅（{ $at }）
escalation-decided-coord = ✅ { $leader } 批示：请{ $unit }协调（{ $at }）
escalation-decided-urge = ✅ { $leader } 批示：督办，{ $due } 前办结（{ $at }）
escalation-decided-reply = ✅ { $leader } 回复：{ $note }（{ $at }）
escalation-instruction-coord = 📋 领导批示：请协调
    { $leader } 请「{ $unit }」协调【{ $project }】：{ $problem }
    请指挥部与项目联络员对接办理。
escalation-instruction-urge = 📋 领导批示：督办
    { $leader } 督办【{ $project }】：{ $problem }
    请于 { $due } 前办结。
escalation-instruction-reply = 📋 领导回复
    { $leader } 就【{ $project }】{ $problem } 回复：
    { $note }
escalation-ask-coord = 请输入请协调的单位（如：市自然资源局），或点选下方单位；/cancel 取消。
escalation-ask-urge = 请输入督办期限（如 { $example }），/cancel 取消。
escalation-ask-reply = 请输入回复内容（{ $limit } 字以内），/cancel 取消。
escalation-saved = 批示已记录。
escalation-cancelled = 已取消，未作批示。
escalation-refused-unknown = 该事项不存在。
escalation-refused-not-yours = 该事项不是报给您的，无法批示。
escalation-refused-done = 已处理。
escalation-refused-unit-invalid = 请输入单位名称（{ $limit } 字以内）。
escalation-refused-note-invalid = 请输入回复内容（{ $limit } 字以内）。
escalation-refused-due-past = 期限不能早于今天，请重新输入。
escalation-card-header = 领导批示：
escalation-card-line = · { $leader }：{ $what }（{ $at }）
escalation-what-ack = 已阅
escalation-what-coord = 请{ $unit }协调
escalation-what-urge = 督办，{ $due } 前办结
escalation-what-reply = 回复：{ $note }
pages-step-instruct = 领导批示
