## 园区页 /park/<id> 与项目页 /project/<id>（看板的下钻页面）。

pages-site = 园区攻坚大会战 · 项目看板
pages-back-board = ← 返回看板
pages-back-park = ← 返回{ $park }
pages-languages = 语言
pages-fresh = 数据截至 { $at }
pages-fresh-none = 数据截至：尚无数据
pages-generated = 页面生成于 { $at }
pages-mark-green = ✔
pages-mark-yellow = ▲
pages-mark-red = ✖
pages-light = { $mark } { $word }
pages-light-green = 绿灯
pages-light-yellow = 黄灯
pages-light-red = 红灯

pages-park-title = { $park }
pages-park-summary = { $count } 个项目 · 本期已填报 { $reported }/{ $count } · 本年完成投资 { $year } 万元，占年度计划 { $percent }%
pages-park-counts = 亮灯统计
pages-park-projects = 项目
pages-col-project = 项目
pages-col-light = 亮灯
pages-col-reasons = 原因
pages-col-stage = 阶段
pages-col-physical = 形象进度
pages-col-year = 本年投资 / 年度计划（万元）
pages-col-last = 最近填报
pages-year-cell = { $year } / { $plan }（{ $percent }%，序时 { $expected }%）
pages-no-report = 尚无填报
pages-percent = { $percent }%

pages-problems-title = 挂牌督办：未办结问题（{ $count }）
pages-problems-none = 目前没有未办结的问题。
pages-col-problem = 问题
pages-col-unit = 承办单位
pages-col-leader = 包联领导
pages-col-due = 办结期限
pages-col-status = 状态
pages-problem-open = 待交办
pages-problem-assigned = 已交办
pages-problem-resolved = 已销号
pages-problem-overdue = 已逾期
pages-none = —

pages-card-title = 项目卡片
pages-reasons-title = 亮灯原因与转绿办法
pages-people-leader = 包联领导：{ $name }
pages-people-liaison = 联络员：{ $name }
pages-phone = 电话 { $phone }

pages-chart-title-section = 本年投资（按月）
pages-chart-title = { $name }：{ $year }年投资完成与序时计划
pages-chart-desc = 柱形为各月完成投资，实线为本年累计完成，虚线为序时计划。截至{ $period }，本年累计完成 { $done } 万元，序时计划 { $planned } 万元。
pages-chart-amount = 当月完成投资
pages-chart-bar = { $month }：完成投资 { $amount } 万元
pages-chart-bar-missing = { $month }：未填报

pages-history-title = 填报记录与修订
pages-history-none = 尚无填报。
pages-revision = { $period } · 第 { $revision } 版
pages-revision-by = { $reporter } 于 { $at } 提交
pages-revision-current = 现行版本
pages-revision-superseded = 已被修订
pages-revision-figures = 本月投资 { $investment } 万元 · { $stage } · 形象进度 { $percent }%
pages-revision-changes = 本次修改：
pages-change = { $field }：{ $old } → { $new }
pages-field-investment_month = 本月投资（万元）
pages-field-stage = 阶段
pages-field-percent = 形象进度（%）
pages-field-progress = 主要进展
pages-field-problems = 问题与协调事项

pages-problem-history-title = 问题与办理过程
pages-problem-history-none = 没有提出过问题。
pages-step-raise = 提出
pages-step-assign = 交办 { $unit }，{ $due } 前办结
pages-step-progress = 办理进展
pages-step-resolve = 销号
pages-step-line = { $at } · { $actor } · { $action }

pages-photos-title = 现场照片
pages-photos-none = 暂无现场照片。
pages-photo-alt = { $period }现场照片

pages-denied-title = 需要登录后查看
pages-denied-body = 这个页面只对花名册上的人员和指挥部发放的看板链接开放。请在机器人中点击「看板」按钮打开，或向指挥部索取看板链接。
pages-not-found-title = 没有找到
pages-not-found-body = 没有这个园区或项目，或者它不在您可以查看的范围内。
