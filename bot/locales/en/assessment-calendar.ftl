# The 公示 objection window (bot/assessment/calendar.py).
objection-moment = { $date } { $time }
objection-window = Open for objections until { $closes } ({ $days ->
        [one] { $days } working day
       *[other] { $days } working days
    })
objection-window-assumed = ⚠️ The calendar has no State Council holiday schedule for { $years } yet, so those days are counted Monday to Friday; check the closing time once the schedule is published.
objection-window-closed = The objection window closed at { $closes }; objections are no longer accepted.
