## 会议交办（调度会决定事项）：/minutes 向导、通知、项目卡片与大屏、命令行

cmd-minutes = 记录调度会决定事项（交办）
minutes-no-meeting = 还没有已召开的调度会，无法记录决定事项。
minutes-pick-meeting = 请选择要记录决定事项的调度会：
minutes-meeting-button = { $when } { $park }
minutes-ask-text = 调度会（{ $meeting }）决定事项：请输入要办理的事项（也可以直接发送填好的决定事项表 .xlsx，见 parkbot meeting minutes-template）：
minutes-ask-project = 这项决定涉及哪个项目？请点选或输入项目名称；不涉及具体项目请点“不涉及项目”。
button-minutes-no-project = 不涉及项目
minutes-ask-unit = 请输入承办单位：
minutes-ask-leader = 请选择责任领导：
minutes-ask-due = 请输入办结期限（日期），例如 { $example }：
minutes-preview = 请确认交办：
    事项：{ $text }
    项目：{ $project }
    承办单位：{ $unit }
    责任领导：{ $leader }
    办结期限：{ $due }
minutes-no-project = 不涉及项目
minutes-recorded = ✅ 已交办 #{ $id }，已通知 { $count } 位责任人。
button-minutes-another = ➕ 再记一条
button-minutes-done = ✔️ 记录完毕
minutes-done = 本次调度会决定事项已记录 { $count } 条。可用 /problems 跟踪办理。
minutes-cancelled = 已取消，这条决定事项没有记录。
button-minutes-template = 📄 下载决定事项表模板

assignment-refused-not-allowed = 只有指挥部可以记录调度会决定事项。
assignment-refused-not-held = 这次调度会还没有召开（或已取消），不能记录决定事项。
assignment-refused-text-invalid = 事项不能为空，且不超过 { $limit } 字。
assignment-refused-unit-invalid = 承办单位不能为空，且不超过 { $limit } 字。
assignment-refused-leader-invalid = 责任领导必须是名册上在职的领导。
assignment-refused-project-unknown = 没有这个项目（或已停用）。
assignment-refused-due-before-meeting = 办结期限不能早于调度会召开日（{ $day }）。
assignment-refused-duplicate = 这次调度会已经交办过同样的事项给这个单位。

assignment-notice = 📌 调度会交办（{ $meeting }）#{ $id }
    事项：{ $text }
    项目：{ $project }
    承办单位：{ $unit }
    责任领导：{ $leader }
    办结期限：{ $due }
    请按期办理，办结后在 /problems 中销号。
assignment-subject = 调度会交办
card-assignments-header = 会议交办：
card-assignment-line = { $flag }{ $text }（{ $unit }，{ $due } 前）
assignment-overdue-flag = ⏰已逾期{" "}

board-assignments-title = 调度会交办（{ $meeting }）
board-assignment-status-assigned = 办理中
board-assignment-status-overdue = 已逾期
board-assignment-status-resolved = 已销号
board-assignment-status-open = 待交办

cli-assignments-none = 这次调度会没有交办事项。
cli-assignment-line = #{ $id } [{ $status }] { $text } | { $project } | { $unit } | { $leader } | { $due }
cli-minutes-template-written = 已写出模板：{ $path }
cli-minutes-imported = 已导入 { $count } 条决定事项，通知 { $told } 位责任人。
cli-minutes-row-error = 第 { $row } 行：{ $reason }
cli-minutes-rejected = 导入失败，共 { $count } 处错误，什么也没有写入。
cli-minutes-bad-file = 无法读取这个表格：{ $reason }
assignment-refused-bad-date = 日期无法识别：{ $value }
assignment-refused-project-not-found = 没有这个项目：{ $value }
assignment-refused-leader-not-found = 没有这位在职领导：{ $value }
minutes-col-text = 事项
minutes-col-project = 项目（可空）
minutes-col-unit = 承办单位
minutes-col-leader = 责任领导
minutes-col-due = 办结期限
minutes-sheet = 决定事项
assignment-refused-no-rows = 表格里没有决定事项（第 2 行起每行一条）。
assignment-refused-repeated = 与本表第 { $row } 行重复。
minutes-sheet-lists = 选项
minutes-project-not-found = 没有找到唯一匹配“{ $text }”的项目，请点选项目，或输入更完整的项目名称。
minutes-project-picked = 项目：{ $project }
    请输入承办单位：
minutes-file-unreadable = 无法读取这个文件（请发送填好的 .xlsx 模板，不超过 5 MB）。
minutes-file-imported = ✅ 已从表格导入 { $count } 条决定事项，通知 { $told } 位责任人。
minutes-template-caption = 决定事项表模板：每行一条决定，填好后直接发回本对话即可导入。
cli-held-meeting-line = #{ $id } { $when } { $park }（交办 { $count } 项）
