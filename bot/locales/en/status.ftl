cmd-status = A project's status (add a name)
cmd-park = A park's summary (add a name)
cmd-overview = City-wide overview
cmd-missing = Who has not reported this period
cmd-problems = Open problems (assign, close)
cmd-chart = Chart of a project or park
cmd-export = Export the ledger (Excel)

category-signed = signed
category-new_start = new start
category-continuing = continuing
category-in_production = in production
light-dot-green = 🟢
light-dot-yellow = 🟡
light-dot-red = 🔴

status-ask = Add a project, park or enterprise name, for example: /status 中联
status-no-match = Nothing called "{ $text }" in what you can see.
status-choose = Several matches; choose one:
status-card-where = { $park } · { $enterprise } · { $category }{ $chain }
status-card-people = Leader: { $leader }  Liaisons: { $liaisons }
status-card-money = Total investment { $total }, this year's plan { $plan } (10k yuan)
status-card-year = Invested this year { $year } (10k yuan), { $percent }% of plan; time-proportional plan { $expected }% (as at the end of { $month })
status-card-cumulative = Invested so far { $cumulative } (10k yuan)
status-card-stage = Stage: { $stage }, physical progress { $percent }%
status-card-no-report = no report yet
status-card-light = Light: { $light }
status-card-last = Last report: { $period } ({ $at })
status-card-problems = Open problems ({ $count }):
status-card-problem = · { $text }{ $assigned }
status-card-assigned = (assigned to { $unit }, due { $due })
status-card-trend = Last three periods:
status-card-trend-line = { $period }: invested { $investment } (10k yuan), { $stage }, { $percent }%
status-fresh = As of reports received up to { $at }
status-fresh-none = No reports received yet
button-chart = 📈 Chart

park-ask = Choose a park:
park-header = 🏭 { $park } · { $count } projects
park-lights = 🟢 { $green }  🟡 { $yellow }  🔴 { $red }
park-reported = Reported this period { $reported }/{ $count } ({ $percent }%)
park-investment = Invested this year { $year } (10k yuan), { $percent }% of plan
park-laggards = Needing attention:
park-laggard-line = { $dot } { $name }: { $reason }

overview-header = 📊 Park campaign, city-wide ({ $period })
overview-line = { $rank }. { $park } | { $count } 🟢{ $green } 🟡{ $yellow } 🔴{ $red } | rep. { $reported }% | inv. { $invest }%
overview-total = Total { $count } projects: 🟢{ $green } 🟡{ $yellow } 🔴{ $red }; reported this period { $reported }%
overview-investment = Invested this year { $year } (100m yuan), { $invest }% of plan; year target ≥ 600 (100m yuan), { $target }% done
overview-fast = 🚀 Fastest: { $names }
overview-slow = 🐢 Slowest: { $names }
overview-rank-item = { $name } { $percent }%
overview-rank-rule = How ranked: every project is measured at the end of { $period } (time-proportional plan { $expected }% for all), by the share of its annual plan invested this year as reported so far (this month's reports included); equal shares go by project name; projects without an annual plan are not ranked.
overview-rank-halves = Only { $count } projects are ranked (fewer than 20): the ranking is split into halves, so no project is on both lists.
overview-empty = There are no projects in your scope yet.

missing-header = 📋 Not yet reported for { $period } ({ $count } projects):
missing-park = { $park }: { $items }
missing-item = { $project } ({ $liaisons })
missing-none = ✅ Every project has reported for { $period }.

problems-header = ❗ Open problems ({ $count }), overdue first:
problem-line = { $flag }#{ $id } [{ $project }] { $text }{ $status }
problem-status-open = (not assigned yet)
problem-status-assigned = (assigned to { $unit }, due { $due })
problem-overdue-flag = ⏰
problems-none = There are no open problems.
button-assign = Assign #{ $id }
button-progress = Progress #{ $id }
button-resolve = Close #{ $id }
problem-ask-unit = Assign #{ $id }: which unit handles it?
problem-ask-due = Due date? For example { $example }:
problem-ask-progress = #{ $id }: what progress has been made?
problem-ask-resolution = #{ $id }: how was it resolved?
problem-assigned = ✅ #{ $id } assigned to { $unit }, due { $due }.
problem-progress-saved = ✅ Progress on #{ $id } recorded.
problem-resolved = ✅ #{ $id } closed.
problem-resolve-preview = Please confirm closing #{ $id } 【{ $project }】{ $text }
    Resolution: { $note }
    Once closed, no more progress can be recorded.
problem-refused-not-allowed = You may not handle this problem.
problem-refused-unit-invalid = The unit cannot be empty or longer than { $limit } characters.
problem-refused-due-past = The due date cannot be before today.
problem-refused-note-invalid = The text cannot be empty or longer than { $limit } characters.
problem-refused-resolved = This problem is already closed.
problem-refused-unknown = There is no such problem.

chart-ask = Add a project or park name after /chart, for example: /chart 中联
chart-project-title = { $name }: investment this year
chart-park-title = { $name }: lights by month
chart-caption-project = 📈 { $name }: investment against the time-proportional plan, { $year } (up to { $period })
chart-caption-park = 📈 { $name }: projects by light at each month's end ({ $first } to { $last })
export-not-allowed = Only the command centre and city leaders can export the ledger.
export-caption = 📎 Project ledger for { $period } ({ $count } projects). { $fresh }
problem-cancelled = Cancelled; the problem is unchanged.
