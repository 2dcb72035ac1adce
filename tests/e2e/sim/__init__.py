"""A scripted day of parkbot use, played by simulated people who retry the way people do.

Shared by test_faulty_day.py (the in-process bot, with the emulator failing calls) and
test_crash_trials.py (the real `parkbot run`, SIGKILLed and restarted).

Every simulated person acts, then waits up to `patience` seconds for what the bot should show
next. When it does not come (the reply was lost to a fault or a crash) or the bot apologises,
they do what a person would, and each such retry is counted:

- a liaison filing the report form sends /report again: the form must come back at its
  current question. If it comes back *before* the last question the liaison had seen, an
  acknowledged answer was lost and the run fails; every answer the draft row holds is compared
  with what the liaison typed or pressed. A liaison whose "submitted" reply was lost and who
  is shown a new form (the month question) knows the report went in and cancels the new form.
- a leader asks the same question again;
- the admin presses a broadcast button once more, or cancels the wizard and starts over (but
  never while the status message says the broadcast is going out).

Nothing waits on the bot's internals: only what reaches the chats, and the database for the
checks.

The package: screens.py (what the bot shows, by fragment), city.py (clock, fault log, the
seeded roster), actor.py (a simulated user who waits and retries), people.py (liaisons,
leaders, the admin), run.py (side by side, later, eventually), checks.py (what must hold after).
"""

from tests.e2e.sim.actor import (
    ActionCounter,
    Actor,
    DraftReader,
    Tally,
    open_draft_reader,
)
from tests.e2e.sim.checks import (
    OutboxCheck,
    assert_outbox_delivered,
    assert_reminders_once,
    assert_reports_exact,
    delivered,
    outbox_rows,
    person_ids,
    queued,
    reminder_recipients,
    reminder_runs,
)
from tests.e2e.sim.city import (
    City,
    FaultLog,
    LiaisonScript,
    RunningClock,
    seed_city,
)
from tests.e2e.sim.people import (
    Admin,
    Leader,
    Liaison,
)
from tests.e2e.sim.run import (
    eventually,
    later,
    run_together,
)
from tests.e2e.sim.screens import (
    APOLOGY,
    BROADCAST_STATUS,
    CANCELLED,
    DRAFT_STEPS,
    FAULT_MIX,
    QUESTIONS,
    REMINDER_BUTTON,
    REMINDER_TEXT,
    STAGE_LABELS,
    STALE,
    SUBMITTED,
    question_of,
)

__all__ = [
    "APOLOGY",
    "BROADCAST_STATUS",
    "CANCELLED",
    "DRAFT_STEPS",
    "FAULT_MIX",
    "QUESTIONS",
    "REMINDER_BUTTON",
    "REMINDER_TEXT",
    "STAGE_LABELS",
    "STALE",
    "SUBMITTED",
    "ActionCounter",
    "Actor",
    "Admin",
    "City",
    "DraftReader",
    "FaultLog",
    "Leader",
    "Liaison",
    "LiaisonScript",
    "OutboxCheck",
    "RunningClock",
    "Tally",
    "assert_outbox_delivered",
    "assert_reminders_once",
    "assert_reports_exact",
    "delivered",
    "eventually",
    "later",
    "open_draft_reader",
    "outbox_rows",
    "person_ids",
    "question_of",
    "queued",
    "reminder_recipients",
    "reminder_runs",
    "run_together",
    "seed_city",
]
