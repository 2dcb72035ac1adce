## The board (/board): texts of the wall screen, the phone and the print.

board-title = Industrial park campaign · project board
board-scope-city = Whole city
board-scope-mine = My projects
board-scope-park = { $park }
board-updated = Updated { $time }
board-updated-never = Loading…
board-next-refresh = Refresh in { $seconds } s
board-refresh-failed = Refresh failed, retrying
board-page-of = Page { $page } / { $pages }
board-as-of = Data as of { $moment }
board-as-of-none = No data yet
board-printed = Printed { $moment }
board-moment = { $year }-{ $month }-{ $day } { $time }
board-date = { $year }-{ $month }-{ $day }
board-date-short = { $month }/{ $day }
board-language = Language
board-lang-zh_CN = 中文
board-lang-en = English

## Headline figures
board-headline = Targets for { $year }
board-headline-scope-note = The targets are the city's; the figures here are this board's projects.
board-target-missing = No targets set for { $year } (the command centre sets them with `parkbot targets`).
board-figure-new-starts = New starts
board-figure-in-production = In production
board-figure-investment = Investment completed
board-figure-of-target = target { $target } · { $percent }% done
board-figure-no-target = no target
board-figure-of-plan = annual plans { $plan } · { $percent }% done
board-count = { $count }
board-money-yi = { $amount } 亿 yuan
board-lights-summary = { $total } projects: red { $red } · yellow { $yellow } · green { $green }

## Lights (symbol + text + colour: colour-blind safe)
board-light-red = ● Red
board-light-yellow = ▲ Yellow
board-light-green = ✓ Green

## Parks and projects
board-parks = Parks and projects
board-park-line = { $count } projects · red { $red } yellow { $yellow } green { $green } · investment { $percent }% of plan
board-col-project = Project
board-col-light = Light
board-col-reason = Reason
board-col-stage = Stage
board-col-percent = Done %
board-col-investment = Year investment / time plan
board-col-last-report = Last report
board-stage-none = not reported
board-investment-line = { $actual }% / { $expected }%
board-reason-none = All indicators normal
board-no-projects = No projects in this scope.

## Problems under supervision
board-problems = Under supervision (挂牌督办)
board-problems-none = No open problems.
board-problem-overdue = ● Overdue
board-problem-unit = Unit: { $unit }
board-problem-unit-none = Not yet assigned
board-problem-leader = Leader: { $leader }
board-problem-due = Due: { $date }
board-problem-due-none = No due date
board-problems-more = { $count } more

## Ranking
board-ranking = Ten fastest, ten slowest ({ $period })
board-ranking-fast = Fastest
board-ranking-slow = Slowest
board-ranking-none = Too few projects with an annual plan to rank.
board-ranking-share = { $percent }%

## Next dispatch meeting
board-meeting = Next dispatch meeting
board-meeting-none = No dispatch meeting scheduled yet.
board-meeting-when = { $moment } · { $park } · { $place }
board-meeting-period = Reviews { $period }; reports due { $deadline }
board-meeting-missing = Reports still missing ({ $count })
board-meeting-missing-none = Every project in scope has reported.
board-meeting-excused = { $count } projects' liaisons are on leave: not counted missing.
board-meeting-missing-more = { $count } more
board-period = { $year }-{ $month }

## No access (403)
board-no-access-title = No access to the board
board-no-access = The board is open to people on the roster and to the command centre's board links. Sign in with the web chat on this device first (ask the command centre for a sign-in link), or use a board link the command centre gave you.
