## 看板（/board）：上墙大屏、手机和打印共用的文字。

board-title = 园区攻坚大会战 · 项目看板
board-scope-city = 全市
board-scope-mine = 我的项目
board-scope-park = { $park }
board-updated = 更新于 { $time }
board-updated-never = 正在加载…
board-next-refresh = { $seconds } 秒后刷新
board-refresh-failed = 刷新失败，稍后重试
board-page-of = 第 { $page } / { $pages } 页
board-as-of = 数据截至 { $moment }
board-as-of-none = 暂无数据
board-printed = 打印于 { $moment }
board-moment = { $year }年{ $month }月{ $day }日 { $time }
board-date = { $year }年{ $month }月{ $day }日
board-date-short = { $month }月{ $day }日
board-language = 语言
board-lang-zh_CN = 中文
board-lang-en = English

## 头条指标
board-headline = 年度目标完成情况（{ $year }年）
board-headline-scope-note = 目标为全市目标；此处数字为本看板范围内的项目。
board-target-missing = { $year }年尚未设定年度目标（指挥部用 `parkbot targets` 设定）。
board-figure-new-starts = 新开工项目
board-figure-in-production = 建成投产项目
board-figure-investment = 完成投资
board-figure-of-target = 目标 { $target } · 完成 { $percent }%
board-figure-no-target = 未设目标
board-figure-of-plan = 年度计划 { $plan } · 完成 { $percent }%
board-count = { $count } 个
board-money-yi = { $amount } 亿元
board-lights-summary = 共 { $total } 个项目：红灯 { $red } · 黄灯 { $yellow } · 绿灯 { $green }

## 灯（符号 + 文字 + 颜色，色盲也能分辨）
board-light-red = ● 红灯
board-light-yellow = ▲ 黄灯
board-light-green = ✓ 绿灯

## 园区与项目
board-parks = 园区项目
board-park-line = 项目 { $count } 个 · 红 { $red } 黄 { $yellow } 绿 { $green } · 投资完成 { $percent }%
board-col-project = 项目
board-col-light = 亮灯
board-col-reason = 原因
board-col-stage = 形象进度
board-col-percent = 完成 %
board-col-investment = 本年投资 / 序时计划
board-col-last-report = 最近填报
board-stage-none = 未填报
board-investment-line = { $actual }% / { $expected }%
board-reason-none = 各项指标正常
board-no-projects = 此范围内没有项目。

## 挂牌督办
board-problems = 挂牌督办
board-problems-none = 没有未销号的问题。
board-problem-overdue = ● 已逾期
board-problem-unit = 承办：{ $unit }
board-problem-unit-none = 待交办
board-problem-leader = 责任领导：{ $leader }
board-problem-due = 时限：{ $date }
board-problem-due-none = 未定时限
board-problems-more = 另有 { $count } 项

## 十快十慢
board-ranking = 十快十慢（{ $period }）
board-ranking-fast = 十快
board-ranking-slow = 十慢
board-ranking-none = 有年度计划的项目太少，暂不排名。
board-ranking-share = { $percent }%

## 下次现场调度会
board-meeting = 下次现场调度会
board-meeting-none = 尚未安排下次调度会。
board-meeting-when = { $moment } · { $park } · { $place }
board-meeting-period = 审议 { $period } 的进度；填报截止 { $deadline }
board-meeting-missing = 尚未填报（{ $count } 个）
board-meeting-missing-none = 本范围内的项目均已填报。
board-meeting-excused = { $count } 个项目的联络员在休假，不计缺报。
board-meeting-missing-more = 另有 { $count } 个
board-period = { $year }年{ $month }月

## 无权访问（403）
board-no-access-title = 无权查看看板
board-no-access = 看板只对名单内人员和指挥部发放的看板链接开放。请先在本设备上用网页聊天登录（向指挥部索取登录链接），或使用指挥部发放的看板链接。
