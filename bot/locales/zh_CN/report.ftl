cmd-report = 填报项目月度进度
cmd-cancel = 取消当前操作

period-label = { $year }年{ $month }月
stage-preparation = 前期手续
stage-started = 开工建设
stage-main_works = 主体施工
stage-equipment = 设备安装
stage-trial = 试生产
stage-in_production = 竣工投产
mark-reported = ✅
mark-missing = ⏳

button-back = ⬅️ 返回
button-cancel = ✖️ 取消
button-report = 📝 填报进度

report-no-projects = 您目前没有需要填报的项目。如有疑问请联系指挥部。
report-admin-hint = 请在 /report 后加项目名称，例如：/report 中联
report-no-match = 没有找到您可以填报的项目「{ $text }」。
report-choose-project = 请选择要填报的项目（{ $period }：✅ 已填报，⏳ 未填报）：
report-resume = 您有一份未完成的填报，接着上次继续：
report-choose-period = 【{ $project }】请选择填报月份：
report-revise-ask = 【{ $project }】{ $period } 已填报（第 { $revision } 版，{ $reporter } 于 { $at } 提交）。要修改吗？修改后，原版本保留在历史记录中。
button-revise = ✏️ 修改这份填报
report-ask-investment = 【{ $project } · { $period }】
    ① 本月完成投资（万元）？
    此前累计 { $cumulative } 万元，项目总投资 { $total } 万元。
report-ask-investment-prefill = 上次填报（{ $period }）：投资 { $amount } 万元，{ $stage }，进度 { $percent }%。
button-same-investment = 同上次：{ $amount } 万元
button-zero-investment = 本月无投资：0
button-copy-previous = 📋 本月无新情况，沿用上月直接预览
report-ask-stage = ② 目前所处阶段？
report-ask-stage-prefill = 上月：{ $stage }
button-unchanged-stage = 不变：{ $stage }
report-stage-confirm = 您选择的「{ $new }」早于上月的「{ $old }」。确认阶段倒退吗？
button-confirm = ✔️ 确认
button-choose-again = 🔁 重新选择
report-ask-percent = ③ 形象进度（0–100 的百分比）？
report-ask-percent-prefill = 上月：{ $percent }%
button-unchanged-percent = 不变：{ $percent }%
report-percent-confirm = 进度 { $new }% 低于上月的 { $old }%。确认吗？
report-ask-progress = ④ 本月主要进展（1000 字以内）：
report-ask-progress-prefill = 上月：{ $text }
button-unchanged-progress = 沿用上月
report-ask-problems = ⑤ 需要协调解决的问题？没有请点「无」。
report-ask-problems-prefill = 上次：{ $text }
button-no-problems = 无
button-unchanged-problems = 同上次
report-ask-photos = ⑥ 现场照片：可发送 0–5 张（照片或图片文件），发完点「完成」。
report-photo-received = 已收到第 { $count } 张照片（最多 { $limit } 张）。可以继续发送，或点「完成」。
button-photos-done = ✔️ 完成
button-photos-skip = 跳过
report-summary = 请核对【{ $project } · { $period }】的填报：
    ① 本月完成投资：{ $investment } 万元（累计 { $cumulative } 万元 / 总投资 { $total } 万元）
    ② 阶段：{ $stage }
    ③ 形象进度：{ $percent }%
    ④ 主要进展：{ $progress }
    ⑤ 需协调问题：{ $problems }
    ⑥ 现场照片：{ $photos } 张
report-summary-revision = 这是对第 { $revision } 版的修改。
report-none = 无
button-submit = ✅ 提交
button-edit = ✏️ 修改某项
report-edit-choose = 要修改哪一项？
button-edit-investment = ① 投资
button-edit-stage = ② 阶段
button-edit-percent = ③ 进度
button-edit-progress = ④ 进展
button-edit-problems = ⑤ 问题
button-edit-photos = ⑥ 照片
report-submitted = ✅ 已提交【{ $project } · { $period }】进度填报（第 { $revision } 版）。
    本月投资 { $investment } 万元，累计 { $cumulative } 万元；{ $stage }，{ $percent }%。
    项目状态：{ $light }
report-submitted-problem = 已登记需协调问题，并通知包联领导。
report-cancelled = 已取消，本次填报没有保存。
report-form-closed = 这份填报已结束。发送 /report 重新开始。
report-button-stale = 这个按钮属于前面的问题，请回答最新一条消息中的问题。
report-expired = 您有一份填报草稿超过 { $hours } 小时未完成，已失效。发送 /report 重新开始。
report-hint-button = 请点击上方按钮作答，或点「返回」「取消」。
report-hint-text = 这一步需要输入文字。
report-hint-photo = 这一步请发送照片或图片文件，发完点「完成」；不需要照片请点「跳过」。
report-not-yours = 您不是这个项目的联络员，不能为它填报。
report-period-not-offered = 只能填报本月或上月。
report-nothing-to-copy = 没有上月的填报可以沿用，请逐项填写。
report-over-total = 这样累计投资将达到 { $cumulative } 万元，超过项目总投资 { $total } 万元。请核对本月投资后重新输入。
report-stage-unknown = 请从按钮中选择阶段。
report-progress-empty = 主要进展不能为空，请输入本月的主要进展。
report-progress-too-long = 内容有 { $length } 字，超过 { $limit } 字的上限，请精简后重新发送。您写的内容已保存，原文如下，可复制修改：
report-problems-too-long = 内容有 { $length } 字，超过 { $limit } 字的上限，请精简后重新发送。
report-photos-full = 最多 { $limit } 张照片，请点「完成」。
report-photo-too-large = 这张照片 { $size } MB，超过每张 { $limit } MB 的上限，未保存。请发送压缩后的照片。
report-photos-too-large = 本次填报的照片合计不能超过 { $limit } MB，这张未保存。请点「完成」，或发送更小的照片。
report-photo-daily-limit = 您今天已发送 { $limit } 张照片，达到每日上限，这张未保存。请明天再发，或点「完成」。
report-photo-not-image = 这个文件不是图片。请发送照片或图片文件（JPG、PNG）。
report-not-finished = 还有问题没有回答完。
report-leader-notice = 📌 项目问题提醒
    【{ $project }】（{ $park }）{ $period } 填报提出需协调的问题：
    { $text }
    联络员：{ $reporter }
light-green = 🟢 绿灯
light-yellow = 🟡 黄灯
light-red = 🔴 红灯
report-project-button = { $mark } { $name }
report-period-button = { $label }
cancel-nothing = 当前没有进行中的操作。
