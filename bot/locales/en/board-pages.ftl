## The park page /park/<id> and the project page /project/<id> (the board's drill-down).

pages-site = Industrial park campaign · project board
pages-back-board = ← Back to the board
pages-back-park = ← Back to { $park }
pages-languages = Language
pages-fresh = Data as of { $at }
pages-fresh-none = Data as of: nothing yet
pages-generated = Page made at { $at }
pages-mark-green = ✔
pages-mark-yellow = ▲
pages-mark-red = ✖
pages-light = { $mark } { $word }
pages-light-green = green
pages-light-yellow = yellow
pages-light-red = red

pages-park-title = { $park }
pages-park-summary = { $count } projects · reported this period { $reported }/{ $count } · invested this year { $year } (10k yuan), { $percent }% of plan
pages-park-counts = Lights
pages-park-projects = Projects
pages-col-project = Project
pages-col-light = Light
pages-col-reasons = Reasons
pages-col-stage = Stage
pages-col-physical = Physical progress
pages-col-year = This year / annual plan (10k yuan)
pages-col-last = Last report
pages-year-cell = { $year } / { $plan } ({ $percent }%, plan to date { $expected }%)
pages-no-report = no report yet
pages-percent = { $percent }%

pages-problems-title = Under supervision: open problems ({ $count })
pages-problems-none = No open problems.
pages-col-problem = Problem
pages-col-unit = Assigned to
pages-col-leader = Leader
pages-col-due = Due
pages-col-status = Status
pages-problem-open = to be assigned
pages-problem-assigned = assigned
pages-problem-resolved = closed
pages-problem-overdue = overdue
pages-none = —

pages-card-title = Project card
pages-reasons-title = Why this light, and what turns it green
pages-people-leader = Leader: { $name }
pages-people-liaison = Liaison: { $name }
pages-phone = phone { $phone }

pages-chart-title-section = Investment this year, by month
pages-chart-title = { $name }: investment against the time-proportional plan, { $year }
pages-chart-desc = Bars: investment reported for each month; solid line: the year so far; dashed line: the time-proportional plan. Up to { $period }: { $done } invested this year against { $planned } planned (10k yuan).
pages-chart-amount = Invested in the month
pages-chart-bar = { $month }: invested { $amount } (10k yuan)
pages-chart-bar-missing = { $month }: no report

pages-history-title = Reports and revisions
pages-history-none = No reports yet.
pages-revision = { $period } · revision { $revision }
pages-revision-by = filed by { $reporter } at { $at }
pages-revision-current = current
pages-revision-superseded = superseded
pages-revision-figures = invested { $investment } (10k yuan) · { $stage } · physical progress { $percent }%
pages-revision-changes = Changed in this revision:
pages-change = { $field }: { $old } → { $new }
pages-field-investment_month = Investment this month (10k yuan)
pages-field-stage = Stage
pages-field-percent = Physical progress (%)
pages-field-progress = Progress
pages-field-problems = Problems and coordination needs

pages-problem-history-title = Problems and their handling
pages-problem-history-none = No problems raised.
pages-step-raise = raised
pages-step-assign = assigned to { $unit }, due { $due }
pages-step-progress = progress noted
pages-step-resolve = closed
pages-step-line = { $at } · { $actor } · { $action }

pages-photos-title = Site photos
pages-photos-none = No site photos yet.
pages-photo-alt = Site photo, { $period }

pages-denied-title = Sign-in needed
pages-denied-body = This page is open to people on the roster and to board links from the command centre. Open it from the bot's "Board" button, or ask the command centre for a board link.
pages-not-found-title = Not found
pages-not-found-body = There is no such park or project, or it is not one you may see.
