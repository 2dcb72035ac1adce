## The pre-meeting pack: the PDF's and XLSX's titles and headings, the chat button, the notice.

pack-title = { $park } dispatch meeting: pre-meeting pack
pack-meeting = When: { $when }   Place: { $place }   Host park: { $park }   Period: { $period }
pack-generated = Generated: { $when }
pack-footer = Page { $page } of { $pages }   generated { $date }
pack-none = (none)

pack-section-status = 1. Host park and city
pack-section-parks = 2. Parks
pack-section-flagged = 3. Red and yellow projects ({ $park })
pack-section-problems = 4. Open problems ({ $park })
pack-section-assignments = 5. Last meeting's assignments
pack-section-assignments-of = 5. Assignments of the last meeting ({ $when }, { $park })
pack-section-missing = 6. Projects without a report for { $period }
pack-section-ranking = 7. Park assessment ranking ({ $period }, { $state })
pack-ranking-final = final
pack-ranking-open = open for objections

pack-sheet-status = Status
pack-sheet-parks = Parks
pack-sheet-flagged = Red and yellow
pack-sheet-problems = Open problems
pack-sheet-assignments = Last assignments
pack-sheet-missing = Missing reports
pack-sheet-ranking = Ranking

pack-col-scope = Scope
pack-col-city = City
pack-col-projects = Projects
pack-col-green = Green
pack-col-yellow = Yellow
pack-col-red = Red
pack-col-reported = Reported
pack-col-reported-percent = Reported %
pack-col-plan = Annual plan (10k yuan)
pack-col-year = Done this year (10k yuan)
pack-col-plan-percent = Done %
pack-col-expected = Time plan %
pack-col-light = Light
pack-col-project = Project
pack-col-enterprise = Enterprise
pack-col-leader = Leader
pack-col-reasons = Reasons
pack-col-fixes = Turns green when
pack-col-problem = Problem
pack-col-assignment = Assignment
pack-col-status = Status
pack-col-unit = Unit
pack-col-due = Due
pack-col-overdue = Overdue
pack-col-park = Park
pack-col-note = Note
pack-col-type = Type
pack-col-rank = Rank
pack-col-total = Score

pack-status-open = open
pack-status-assigned = in progress
pack-status-resolved = resolved
pack-overdue-yes = overdue
pack-excused = liaisons on leave, excused

## Chat: the button on the meeting list, the documents sent
button-meeting-pack = Pre-meeting pack
pack-caption-pdf = { $park } dispatch meeting pack (PDF, { $pages } pages)
pack-caption-xlsx = { $park } dispatch meeting pack (XLSX, the PDF's tables)
pack-refused = The pre-meeting pack goes to command-centre admins and attending leaders only.
pack-meeting-gone = That meeting does not exist or was cancelled.
pack-preparing = Preparing the pre-meeting pack…

## The timed notice, N days before
pack-ready = 📎 The pack for the dispatch meeting on { $when } at { $park } ({ $place }) is ready. Press the button below for the PDF and XLSX.
button-pack-get = Get the pack

## Command line
cli-meeting-pack-written = Written: { $path }
cli-meeting-pack-took = took { $seconds } s

pack-color-green = green
pack-color-yellow = yellow
pack-color-red = red
