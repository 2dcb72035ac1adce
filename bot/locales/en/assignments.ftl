## Meeting assignments (the dispatch meeting's decisions): the /minutes wizard, notices, the project card and the board, the CLI

cmd-minutes = Record a dispatch meeting's decisions (assignments)
minutes-no-meeting = No dispatch meeting has been held yet: there are no decisions to record.
minutes-pick-meeting = Which dispatch meeting's decisions do you record?
minutes-meeting-button = { $when } { $park }
minutes-ask-text = Meeting ({ $meeting }) decision: what is to be done? (Or send the filled decisions sheet, .xlsx: see parkbot meeting minutes-template.)
minutes-ask-project = Which project does it concern? Press it or type its name; press "No project" if none.
button-minutes-no-project = No project
minutes-ask-unit = Which unit owns it?
minutes-ask-leader = Who is the responsible leader?
minutes-ask-due = Due date? For example { $example }:
minutes-preview = Please confirm the assignment:
    What: { $text }
    Project: { $project }
    Owner unit: { $unit }
    Responsible leader: { $leader }
    Due: { $due }
minutes-no-project = no project
minutes-recorded = ✅ Assignment #{ $id } recorded; { $count } owners told.
button-minutes-another = ➕ Add another
button-minutes-done = ✔️ Done
minutes-done = { $count } decisions of this meeting recorded. Follow them with /problems.
minutes-cancelled = Cancelled; this decision was not recorded.
button-minutes-template = 📄 Download the decisions template

assignment-refused-not-allowed = Only the command centre records a meeting's decisions.
assignment-refused-not-held = This meeting has not been held yet (or was cancelled): no decisions can be recorded.
assignment-refused-text-invalid = The decision cannot be empty or longer than { $limit } characters.
assignment-refused-unit-invalid = The owner unit cannot be empty or longer than { $limit } characters.
assignment-refused-leader-invalid = The responsible leader must be an active leader on the roster.
assignment-refused-project-unknown = There is no such (active) project.
assignment-refused-due-before-meeting = The due date cannot be before the meeting ({ $day }).
assignment-refused-duplicate = This meeting already assigned the same decision to this unit.

assignment-notice = 📌 Dispatch meeting assignment ({ $meeting }) #{ $id }
    What: { $text }
    Project: { $project }
    Owner unit: { $unit }
    Responsible leader: { $leader }
    Due: { $due }
    Please see to it by then, and close it in /problems when done.
assignment-subject = Meeting assignment
card-assignments-header = Meeting assignments:
card-assignment-line = { $flag }{ $text } ({ $unit }, due { $due })
assignment-overdue-flag = ⏰overdue{" "}

board-assignments-title = Meeting assignments ({ $meeting })
board-assignment-status-assigned = in progress
board-assignment-status-overdue = overdue
board-assignment-status-resolved = closed
board-assignment-status-open = not assigned

cli-assignments-none = This meeting has no assignments.
cli-assignment-line = #{ $id } [{ $status }] { $text } | { $project } | { $unit } | { $leader } | { $due }
cli-minutes-template-written = Template written: { $path }
cli-minutes-imported = { $count } decisions imported; { $told } owners told.
cli-minutes-row-error = Row { $row }: { $reason }
cli-minutes-rejected = Import refused: { $count } errors; nothing was written.
cli-minutes-bad-file = This spreadsheet cannot be read: { $reason }
assignment-refused-bad-date = Not a date: { $value }
assignment-refused-project-not-found = No such project: { $value }
assignment-refused-leader-not-found = No such active leader: { $value }
minutes-col-text = Decision
minutes-col-project = Project (optional)
minutes-col-unit = Owner unit
minutes-col-leader = Responsible leader
minutes-col-due = Due date
minutes-sheet = Decisions
assignment-refused-no-rows = The sheet holds no decisions (one a row, from row 2).
assignment-refused-repeated = The same as row { $row } of this sheet.
minutes-sheet-lists = Choices
minutes-project-not-found = No single project matches “{ $text }”: press a project, or type more of its name.
minutes-project-picked = Project: { $project }
    Which unit owns it?
minutes-file-unreadable = This file cannot be read (send the filled .xlsx template, at most 5 MB).
minutes-file-imported = ✅ { $count } decisions imported from the sheet; { $told } owners told.
minutes-template-caption = The decisions template: one decision a row; send it back here, filled, to import it.
cli-held-meeting-line = #{ $id } { $when } { $park } ({ $count } assignments)
