## 亮灯督办：每条规则一句原因（light-reason-*）和一句转绿办法（light-fix-*）。
## 颜色名称 light-green / light-yellow / light-red 在 report.ftl 中。

light-line = { $dot } { $explanation }
light-explanation = { $reason } — { $fix }
light-green-all = 各项指标正常

light-reason-behind-plan = 年度投资完成率 { $actual }%，序时进度 { $expected }%，落后 { $behind } 个百分点
light-fix-behind-plan = 本年再完成投资至少 { $needed } 万元

light-reason-start-late = 计划 { $planned } 开工，已超期 { $months } 个月仍未开工
light-fix-start-late = 加快办理前期手续、尽快开工，并在月度填报中将形象进度更新为“开工建设”

light-reason-production-late = 计划 { $planned } 竣工投产，已逾期 { $days } 天
light-fix-production-late = 加快建设、尽快竣工投产，并在月度填报中将形象进度更新为“竣工投产”

light-reason-report-missing = { $periods ->
        [1] { $since } 未填报进度
       *[other] 自 { $since } 起连续 { $periods } 个月未填报进度
    }
light-fix-report-missing = 请联络员补报所缺月份的进度

light-reason-problem-overdue = { $count } 个交办问题超过办理时限未销号
light-fix-problem-overdue = 督促承办单位限期办结、销号
