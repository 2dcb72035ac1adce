moment = { $month }月{ $day }日 { $time }
reminder-liaison = ⏰ 填报提醒：{ $period }的项目进度还没有填报：{ $projects }。
    请在 { $deadline } 前完成填报。
reminder-button-report = 📝 立即填报
reminder-leader = 📋 { $period }填报已截止。您包联的 { $total } 个项目中，已填报 { $reported } 个。
reminder-leader-missing = 未填报：{ $projects }
reminder-leader-all-done = 全部已按时填报。
reminder-admin = 📋 { $period }填报已截止，全市还有 { $count } 个项目未填报：
reminder-admin-park = { $park }：{ $projects }
reminder-admin-excused = { $park }（联络员请假）：{ $projects }
reminder-admin-none = 全部项目均已填报。
reminder-admin-unreachable = ⚠️ 无法送达提醒的人员：{ $people }
meeting-notice = 📅 现场调度会提醒：{ $when } 在{ $park }召开，地点：{ $place }。
meeting-cancelled = ❌ 原定 { $when } 在{ $park }召开的现场调度会已取消。
meeting-moved = 🔁 现场调度会时间调整：改为 { $when } 在{ $park }召开，地点：{ $place }。
cmd-meeting = 安排现场调度会
cmd-meetings = 查看近期调度会
admin-only = 此功能仅限指挥部使用。
meeting-ask-when = 请输入调度会的日期和时间，例如：{ $example }、{ $short }。
meeting-example-short = { $year ->
        [none] { $month }月{ $day }日 9点
       *[other] { $year }年{ $month }月{ $day }日 9点
    }
meeting-ask-park = 请选择承办园区：
meeting-ask-place = 请输入会议地点：
meeting-ask-deadline = 请设置填报截止时间：点击默认值，或输入日期时间。
meeting-default-deadline = 默认：{ $when }
meeting-preview = 请确认调度会安排：
    时间：{ $when }
    承办园区：{ $park }
    地点：{ $place }
    填报截止：{ $deadline }（审阅 { $period }的填报）
button-move-meeting = 🔁 改时间
button-cancel-meeting = ❌ 取消会议
meeting-created = ✅ 调度会已安排（编号 { $id }）。系统会按计划提醒未填报的联络员，并在会前通知参会人员。
meeting-wizard-cancelled = 已取消，未安排调度会。
meeting-none = 近期没有已安排的调度会。
meeting-line = 📅 { $when } · { $park } · { $place }
meeting-ask-new-time = 请输入新的会议时间（默认的填报截止时间按新时间重新计算，手动设置的截止时间保持不变）：
meeting-moved-done = ✅ 会议时间已调整为 { $when }，填报截止 { $deadline }；提醒已重新安排，已收到通知的人员会收到变更消息。
meeting-cancel-done = ✅ 调度会已取消，已收到通知的人员会收到取消消息。
meeting-move-preview = 请确认调整调度会时间：
    原定：{ $old }
    改为：{ $when }，填报截止 { $deadline }
    将通知已收到消息的 { $count } 人。
meeting-cancel-preview = 请确认取消调度会：
    { $meeting }
    将通知已收到消息的 { $count } 人。
meeting-left-unchanged = 已取消，调度会没有改动。
meeting-refused-park-unknown = 没有这个园区。
meeting-park-suggest = 没有名为“{ $name }”的园区。您要找的是不是：{ $parks }？
meeting-park-list = 没有名为“{ $name }”的园区。现有园区：{ $parks }。
meeting-refused-place-invalid = 地点不能为空，且不超过 { $limit } 字。
meeting-refused-in-past = 会议时间已经过去，请输入将来的时间。
meeting-refused-deadline-after-meeting = 填报截止时间不能晚于会议时间，请重新输入截止时间。
meeting-refused-deadline-passed = 填报截止时间已经过去，请重新输入截止时间。
meeting-refused-cancelled = 这场调度会已取消。
meeting-refused-leave-order = 请假结束日期不能早于开始日期。
