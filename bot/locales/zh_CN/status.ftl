cmd-status = 查看项目状态（可加项目名）
cmd-park = 查看园区汇总（可加园区名）
cmd-overview = 全市总览
cmd-missing = 本期未填报名单
cmd-problems = 未办结问题（交办、销号）
cmd-chart = 项目或园区图表
cmd-export = 导出台账（Excel）

category-signed = 签约
category-new_start = 新开工
category-continuing = 续建
category-in_production = 投产
light-dot-green = 🟢
light-dot-yellow = 🟡
light-dot-red = 🔴

status-ask = 请输入项目、园区或企业名称，例如：/status 中联
status-no-match = 在您可查看的范围内没有找到「{ $text }」。
status-choose = 找到多个结果，请选择：
status-card-where = { $park } · { $enterprise } · { $category }{ $chain }
status-card-people = 包联领导：{ $leader }　联络员：{ $liaisons }
status-card-money = 总投资 { $total } 万元，年度计划 { $plan } 万元
status-card-year = 本年完成投资 { $year } 万元，占年度计划 { $percent }%，序时进度 { $expected }%（按{ $month }末计）
status-card-cumulative = 累计完成投资 { $cumulative } 万元
status-card-stage = 阶段：{ $stage }，形象进度 { $percent }%
status-card-no-report = 尚无填报
status-card-light = 亮灯：{ $light }
status-card-last = 最近填报：{ $period }（{ $at }）
status-card-problems = 未办结问题（{ $count }）：
status-card-problem = · { $text }{ $assigned }
status-card-assigned = （已交办 { $unit }，{ $due } 前）
status-card-trend = 近三期：
status-card-trend-line = { $period }：投资 { $investment } 万元，{ $stage }，{ $percent }%
status-fresh = 数据截至 { $at } 收到的填报
status-fresh-none = 尚未收到任何填报
button-chart = 📈 图表

park-ask = 请选择园区：
park-header = 🏭 { $park } · { $count } 个项目
park-lights = 🟢 { $green }　🟡 { $yellow }　🔴 { $red }
park-reported = 本期已填报 { $reported }/{ $count }（{ $percent }%）
park-investment = 本年完成投资 { $year } 万元，占年度计划 { $percent }%
park-laggards = 重点关注：
park-laggard-line = { $dot } { $name }：{ $reason }

overview-header = 📊 全市园区攻坚进展（{ $period }）
overview-line = { $rank }. { $park }｜{ $count }项 🟢{ $green } 🟡{ $yellow } 🔴{ $red }｜填报 { $reported }%｜投资 { $invest }%
overview-total = 合计 { $count } 个项目：🟢{ $green } 🟡{ $yellow } 🔴{ $red }；本期填报 { $reported }%
overview-investment = 本年完成投资 { $year } 亿元，占年度计划 { $invest }%；全年目标 ≥ 600 亿元，已完成 { $target }%
overview-fast = 🚀 进度最快：{ $names }
overview-slow = 🐢 进度最慢：{ $names }
overview-rank-item = { $name } { $percent }%
overview-rank-rule = 排名规则：所有项目统一以{ $period }末为评价月（序时进度均为 { $expected }%），按本年已填报完成投资（含本月已报）占年度计划的比例排名；比例相同按项目名称排序；无年度计划的项目不参与排名。
overview-rank-halves = 参与排名的项目只有 { $count } 个（不足 20 个），按排名前后各半列出，同一项目不会同时出现在两个名单中。
overview-empty = 您的范围内还没有项目。

missing-header = 📋 { $period }尚未填报（{ $count } 个项目）：
missing-park = { $park }：{ $items }
missing-item = { $project }（{ $liaisons }）
missing-none = ✅ { $period }全部项目已填报。

problems-header = ❗ 未办结问题（{ $count }），逾期优先：
problem-line = { $flag }#{ $id } 【{ $project }】{ $text }{ $status }
problem-status-open = （待交办）
problem-status-assigned = （已交办 { $unit }，{ $due } 前）
problem-overdue-flag = ⏰
problems-none = 目前没有未办结的问题。
button-assign = 交办 #{ $id }
button-progress = 进展 #{ $id }
button-resolve = 销号 #{ $id }
problem-ask-unit = 交办 #{ $id }：请输入承办单位：
problem-ask-due = 请输入办结期限（日期），例如 { $example }：
problem-ask-progress = #{ $id }：请输入办理进展：
problem-ask-resolution = #{ $id }：请输入办结情况（销号说明）：
problem-assigned = ✅ #{ $id } 已交办 { $unit }，{ $due } 前办结。
problem-progress-saved = ✅ #{ $id } 进展已记录。
problem-resolved = ✅ #{ $id } 已销号。
problem-resolve-preview = 请确认销号：#{ $id } 【{ $project }】{ $text }
    办结情况：{ $note }
    销号后问题将关闭，不能再记录进展。
problem-refused-not-allowed = 您没有权限办理这个问题。
problem-refused-unit-invalid = 承办单位不能为空，且不超过 { $limit } 字。
problem-refused-due-past = 办结期限不能早于今天。
problem-refused-note-invalid = 内容不能为空，且不超过 { $limit } 字。
problem-refused-resolved = 这个问题已经销号。
problem-refused-unknown = 没有找到这个问题。

chart-ask = 请在 /chart 后加项目或园区名称，例如：/chart 中联
chart-project-title = { $name } 本年投资进度
chart-park-title = { $name } 亮灯情况
chart-caption-project = 📈 { $name }：{ $year }年投资完成与序时计划（截至{ $period }）
chart-caption-park = 📈 { $name }：各月末绿、黄、红灯项目数（{ $first }至{ $last }）
export-not-allowed = 导出台账仅限指挥部和市级领导。
export-caption = 📎 { $period }项目台账（{ $count } 个项目）。{ $fresh }
problem-cancelled = 已取消，问题没有改动。
