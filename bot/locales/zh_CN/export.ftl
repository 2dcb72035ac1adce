## The ledger (台账) workbook.
export-summary-sheet = 总览
export-title = 园区攻坚大会战项目台账（{ $period }）
export-as-of = 数据截至 { $moment }
export-unnamed-park = 未分园区
export-reason-separator = ；

export-col-name = 项目名称
export-col-enterprise = 项目单位
export-col-category = 类别
export-col-chain = 产业链
export-col-leader = 包联领导
export-col-liaisons = 联络员
export-col-total = 总投资(万元)
export-col-plan = 年度计划(万元)
export-col-year = 本年完成(万元)
export-col-plan-percent = 完成率%
export-col-expected-percent = 序时进度%
export-col-cumulative = 累计完成(万元)
export-col-stage = 阶段
export-col-physical = 形象进度%
export-col-period-investment = 本期投资(万元)
export-col-progress = 本期进展
export-col-problems = 需协调问题
export-col-open-problems = 未办结问题数
export-col-light = 灯
export-col-reasons = 亮灯原因
export-col-last-report = 最近填报

export-sum-rank = 排名
export-sum-park = 园区
export-sum-projects = 项目数
export-sum-green = 绿灯
export-sum-yellow = 黄灯
export-sum-red = 红灯
export-sum-reported = 本期已填报
export-sum-reported-percent = 填报率%
export-sum-plan = 年度计划(万元)
export-sum-year = 本年完成(万元)
export-sum-plan-percent = 完成率%
export-sum-total = 全市合计

export-light-green = 绿灯
export-light-yellow = 黄灯
export-light-red = 红灯

export-category-signed = 签约
export-category-new_start = 新开工
export-category-continuing = 续建
export-category-in_production = 投产

## Charts (no emoji: the chart fonts have none).
chart-actual = 本年累计完成
chart-plan = 序时计划
chart-axis-amount = 万元
chart-axis-count = 项目数
chart-month = { $month }月
chart-no-data = 暂无数据
chart-green = 绿灯
chart-yellow = 黄灯
chart-red = 红灯
