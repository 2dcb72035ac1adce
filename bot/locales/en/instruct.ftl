## Leaders' instructions: every escalation to a leader carries four buttons.
escalation-ask = Your instruction:
escalation-button-ack = Noted
escalation-button-coord = Coordinate
escalation-button-urge = Urge
escalation-button-reply = Reply
escalation-red = 🔴 Project turned red
    [{ $project }] ({ $park })
    { $reasons }
escalation-overdue = ⏰ Assignment overdue
    [{ $project }] ({ $park }) { $text }
    Unit: { $unit }, due { $due }
escalation-note-ack = Leader's instruction: noted
escalation-note-coord = Leader's instruction: { $unit } to coordinate
escalation-note-urge = Leader's instruction: urged, done by { $due }
escalation-note-reply = Leader's instruction: { $note }
escalation-decided-ack = ✅ { $leader } noted this ({ $at })
escalation-decided-coord = ✅ { $leader }: { $unit } to coordinate ({ $at })
escalation-decided-urge = ✅ { $leader }: urged, done by { $due } ({ $at })
escalation-decided-reply = ✅ { $leader } replied: { $note } ({ $at })
escalation-instruction-coord = 📋 Leader's instruction: coordinate
    { $leader } asks "{ $unit }" to coordinate [{ $project }]: { $problem }
    The command centre and the project's liaisons take it from here.
escalation-instruction-urge = 📋 Leader's instruction: urged
    { $leader } urges [{ $project }]: { $problem }
    To be done by { $due }.
escalation-instruction-reply = 📋 Leader's reply
    { $leader } on [{ $project }] { $problem }:
    { $note }
escalation-ask-coord = Which unit should coordinate? Type it (e.g. the natural resources bureau) or pick one below; /cancel to stop.
escalation-ask-urge = By when (e.g. { $example })? /cancel to stop.
escalation-ask-reply = Your reply (up to { $limit } characters)? /cancel to stop.
escalation-saved = Instruction recorded.
escalation-cancelled = Cancelled, no instruction given.
escalation-refused-unknown = There is no such item.
escalation-refused-not-yours = This was not escalated to you.
escalation-refused-done = Already handled.
escalation-refused-unit-invalid = Please type a unit name (up to { $limit } characters).
escalation-refused-note-invalid = Please type a reply (up to { $limit } characters).
escalation-refused-due-past = The due date cannot be before today; please type another.
escalation-card-header = Leaders' instructions:
escalation-card-line = · { $leader }: { $what } ({ $at })
escalation-what-ack = noted
escalation-what-coord = { $unit } to coordinate
escalation-what-urge = urged, done by { $due }
escalation-what-reply = reply: { $note }
pages-step-instruct = leader's instruction
