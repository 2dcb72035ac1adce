moment = { $date } { $time }
reminder-liaison = ⏰ Reminder: the { $period } progress report is still missing for: { $projects }.
    Please file it before { $deadline }.
reminder-button-report = 📝 File it now
reminder-leader = 📋 The { $period } reporting deadline has passed. Of your { $total } projects, { $reported } have reported.
reminder-leader-missing = Missing: { $projects }
reminder-leader-all-done = All reported on time.
reminder-admin = 📋 The { $period } reporting deadline has passed; { $count } projects city-wide have not reported:
reminder-admin-park = { $park }: { $projects }
reminder-admin-excused = { $park } (liaison on leave): { $projects }
reminder-admin-none = Every project has reported.
reminder-admin-unreachable = ⚠️ Could not be reminded: { $people }
meeting-notice = 📅 Dispatch meeting: { $when } at { $park }, place: { $place }.
meeting-cancelled = ❌ The dispatch meeting of { $when } at { $park } is cancelled.
meeting-moved = 🔁 The dispatch meeting has moved: now { $when } at { $park }, place: { $place }.
cmd-meeting = Schedule a dispatch meeting
cmd-meetings = Upcoming dispatch meetings
admin-only = Only the command centre can do this.
meeting-ask-when = Date and time of the meeting? For example { $example } or { $short }.
meeting-example-short = { $year ->
        [none] { $month }月{ $day }日 9点
       *[other] { $year }年{ $month }月{ $day }日 9点
    }
meeting-ask-park = Which park hosts it?
meeting-ask-place = Where exactly?
meeting-ask-deadline = Report deadline: tap the default, or type a date and time.
meeting-default-deadline = Default: { $when }
meeting-preview = Please confirm the meeting:
    When: { $when }
    Host park: { $park }
    Place: { $place }
    Report deadline: { $deadline } (reviews the { $period } reports)
button-move-meeting = 🔁 Move
button-cancel-meeting = ❌ Cancel meeting
meeting-created = ✅ Meeting scheduled (no. { $id }). Liaisons still missing a report will be reminded, and attendees notified before the meeting.
meeting-wizard-cancelled = Cancelled; no meeting was scheduled.
meeting-none = No meetings are scheduled.
meeting-line = 📅 { $when } · { $park } · { $place }
meeting-ask-new-time = The new time of the meeting? (A default report deadline is recomputed for the new time; a deadline set by hand stays.)
meeting-moved-done = ✅ Meeting moved to { $when }, reports due { $deadline }; reminders are re-planned and those already told will hear of the change.
meeting-cancel-done = ✅ Meeting cancelled; those already told will hear of it.
meeting-move-preview = Please confirm moving the meeting:
    Was: { $old }
    Now: { $when }, reports due { $deadline }
    { $count } people already told will be notified.
meeting-cancel-preview = Please confirm cancelling the meeting:
    { $meeting }
    { $count } people already told will be notified.
meeting-left-unchanged = Cancelled; the meeting is unchanged.
meeting-refused-park-unknown = There is no such park.
meeting-park-suggest = There is no park named “{ $name }”. Did you mean: { $parks }?
meeting-park-list = There is no park named “{ $name }”. The parks are: { $parks }.
meeting-refused-place-invalid = The place cannot be empty or longer than { $limit } characters.
meeting-refused-in-past = That time has passed; please give a time in the future.
meeting-refused-deadline-after-meeting = The report deadline cannot be after the meeting; please enter the deadline again.
meeting-refused-deadline-passed = That deadline has passed; please enter the deadline again.
meeting-refused-cancelled = This meeting is cancelled.
meeting-refused-leave-order = The end of a leave cannot be before its start.
