# The burden cap (减负): messages per person per day and per meeting cycle (bot/outbox/burden.py), and parkbot burden.

burden-kind = { $kind ->
    [reminder] report reminder
    [summary] deadline summary
    [notice] notice
    [broadcast] broadcast
    [security] account alert
    [escalation] escalation
    [instruction] leader's instruction
    [assignment] assignment
    [pack] meeting pack
    [digest] daily digest
   *[other] { $kind }
}
burden-digest-head = Today's digest: to spare you messages (at most { $daily } a day and { $cycle } per meeting cycle per person), these { $count } messages were not sent one by one:
burden-digest-line = { $index }. [{ $kind }] { $text }
burden-digest-more = { $count } more not listed.
burden-digest-foot = Send /help to see what you can ask for.

cli-burden-days-refused = The number of days must be between { $low } and { $high } (given: { $days }).
cli-burden-head = Messages each person received in the last { $days } days (since { $since }; answers to their own requests left out; "sent/folded"):
cli-burden-line = { $name } ({ $roles }) · sent { $sent } · folded { $folded } · { $kinds }
cli-burden-kind = { $kind } { $sent }/{ $folded }
cli-burden-none = Nobody received a message from the bot in the last { $days } days.
cli-burden-caps = Caps: { $daily } a day and { $cycle } per meeting cycle per person; notices over them fold into one digest at { $at } each day.

burden-page-title = Message burden
burden-page-intro = The bot's messages each person received in the last { $days } days (answers to their own requests left out). Each cell is "sent/folded into the digest". Caps: { $daily } a day and { $cycle } per meeting cycle per person.
burden-page-person = Person
burden-page-roles = Roles
burden-page-sent = Sent
burden-page-folded = Folded
burden-page-none = Nobody received a message from the bot in the last { $days } days.
burden-page-days = Days

# A line of the broadcast status: people over their cap get this broadcast in their daily digest.
broadcast-folded = { $count } of them are over their message cap: they get it in their daily digest.
