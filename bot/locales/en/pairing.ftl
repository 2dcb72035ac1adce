# 三个一: the service log (/service, 服务企业) and the per-leader view (/pairing).

cmd-service = Log a service to a paired enterprise
cmd-pairing = 三个一: the leaders' pairings
service-none = You have no paired enterprise. The command centre sets pairings in the roster's 结对 sheet.
service-ask-enterprise = Which enterprise did you serve?
service-choice = { $enterprise } ({ $leader })
service-ask-date = Enterprise: { $enterprise }. When was the service? Tap "Today" or type a date (e.g. 2025-03-05).
service-today = Today
service-ask-asked = What did the enterprise ask for?
service-ask-done = What was done (the service)?
service-ask-status = Where does the request stand?
service-status-solved = Solved
service-status-ongoing = In progress
service-status-coordination = Needs coordination
service-ask-problem = Is there a problem needing coordination? Type it and it becomes a problem for the command centre; otherwise tap "No problem".
service-no-problem = No problem
service-summary-no-problem = none
service-summary =
    Please check this service:
    Enterprise: { $enterprise } (paired leader: { $leader })
    Date: { $date }
    Asked: { $asked }
    Done: { $done }
    Status: { $status }
    Problem raised: { $problem }
service-saved = The service to "{ $enterprise }" is recorded.
service-problem-raised = Problem #{ $id } is registered; follow its assignment and closing in /problems.
service-cancelled = Cancelled; nothing was recorded.
service-refused-not-allowed = You are not this enterprise's paired leader or their liaison.
service-refused-date-invalid = "{ $text }" is not a date; type it again, e.g. 2025-03-05.
service-refused-date-future = { $date } is in the future: only services already given can be logged. Type the date again.
service-refused-text-invalid = The text must not be empty and at most { $limit } characters; type it again.
service-refused-status-invalid = Choose a status.
pairing-refused = Only the command centre, city leaders, and paired leaders and their liaisons see the 三个一 pairings.
pairing-none = No pairings yet.
pairing-header = 三个一 pairings ({ $quarter }, { $count } leaders):
pairing-leader = {"\u000A"}[{ $leader }] 10亿 project: { $project }, { $light }, investment { $plan } of plan, physical progress { $physical }; problems: { $solved } solved this quarter, { $open } open
pairing-enterprise = {"  "}{ $kind }: { $name }, { $services } services this quarter
pairing-no-project = not set
pairing-light-green = 🟢 green
pairing-light-yellow = 🟡 yellow
pairing-light-red = 🔴 red
pairing-light-none = no light
pairing-kind-backbone = Key backbone enterprise
pairing-kind-struggling = Struggling enterprise
greet-pairing = You have 三个一 paired enterprises: send /service to log a service, /pairing to see the pairings.
pairing-bad-quarter = "{ $value }" is not a quarter: write it as 2025-Q1.
pairing-cli-header = 三个一 pairings ({ $quarter }, { $count } leaders)
pairing-cli-line = { $leader } | 10亿 project: { $project } ({ $light }, investment { $plan_percent }% of plan, physical progress { $physical_percent }%) | backbone: { $backbone }, { $backbone_services } services | struggling: { $struggling }, { $struggling_services } services | problems: { $solved } solved, { $open } open
pairing-sheet = Pairing table
pairing-title = Leader pairing table (三个一, { $quarter })
pairing-exported = Wrote { $path }: the pairings of { $count } leaders.
pairing-column-leader = Leader
pairing-column-title = Title
pairing-column-project = 10亿 project
pairing-column-light = Light
pairing-column-plan_percent = Annual investment done (%)
pairing-column-physical_percent = Physical progress (%)
pairing-column-backbone = Key backbone enterprise
pairing-column-backbone_services = Services this quarter
pairing-column-struggling = Struggling enterprise
pairing-column-struggling_services = Help visits this quarter
pairing-column-solved = Problems solved this quarter
pairing-column-open = Problems open
pairing-column-liaison = Liaison
pairing-column-milestones = Milestones

# Publishing the pairing table (objection window)
pairing-published = Published the { $quarter } 三个一 pairing table: { $count } leaders, { $people } people told.
pairing-publish-refused-open = The { $quarter } pairing table is still open for objections; it cannot be published again before the window closes.
pairing-publish-refused-empty = There are no pairings, so there is no table to publish.
pairing-notice-published = 📢 The { $quarter } 三个一 pairing table is published. Your row:
pairing-notice-object = To object, send /objection within the window, under your real name. Silence counts as no objection.
pairing-notice-admin-published = Published the { $quarter } 三个一 pairing table: { $count } leaders; { $people } paired leaders and liaisons told.
pairing-notice-final = ✅ The { $quarter } 三个一 pairing table's window has closed. The final table:
pairing-notice-held = ⏳ The { $quarter } pairing table's window has closed, but { $count } objections are unanswered; the table becomes final once they are answered.
pairing-objection-park = 三个一 pairing table
pairing-objection-target = { $quarter } pairing table · { $leader }
pairing-objection-ask-reason = Objecting to your row of the { $quarter } pairing table (window closes { $closes }):
    { $row }
    Please give the reason (at most { $limit } characters).
pairing-objection-accepted-notice = Objection #{ $id } accepted: the command centre will fix the roster and may publish the pairing table again.
pairing-not-published = No pairing table was published for { $quarter }.
pairing-published-header = The { $quarter } 三个一 pairing table as published ({ $status }, window closes { $closes })
pairing-publication-open = open for objections
pairing-publication-final = final
