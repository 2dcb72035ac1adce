## Traffic lights: per rule, the reason in words (light-reason-*) and what turns it green
## (light-fix-*). The colour names light-green / light-yellow / light-red are in report.ftl.

light-line = { $dot } { $explanation }
light-explanation = { $reason } — { $fix }
light-green-all = All indicators normal

light-reason-behind-plan = Annual investment { $actual }% complete, behind the time-proportional plan of { $expected }% by { $behind } percentage points
light-fix-behind-plan = invest at least { $needed } (10k yuan) more this year

light-reason-start-late = Planned to start on { $planned }, still not started { $months ->
        [one] { $months } month
       *[other] { $months } months
    } later
light-fix-start-late = speed up the permits, start construction and update the stage to "Construction started" in the monthly report

light-reason-production-late = Planned to be in production on { $planned }, { $days ->
        [one] { $days } day
       *[other] { $days } days
    } late
light-fix-production-late = finish construction, start production and update the stage to "Completed, in production" in the monthly report

light-reason-report-missing = { $periods ->
        [one] No progress report for { $since }
       *[other] No progress report for { $periods } months in a row, since { $since }
    }
light-fix-report-missing = the liaison should file the missing months' reports

light-reason-problem-overdue = { $count ->
        [one] { $count } assigned problem is
       *[other] { $count } assigned problems are
    } past the due date
light-fix-problem-overdue = press the responsible units to resolve the problems and sign them off
