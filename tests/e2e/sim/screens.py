"""What the bot shows at each point of the scripted day, by the fragments people look for."""

from __future__ import annotations

from tests.screens import part, say

# The form's questions in order, by a fixed part of each that no other screen of the form
# contains (the summary repeats "① 本月完成投资：", hence the question's own brackets).
QUESTIONS = (
    part("report-choose-period", 1),  # 0: after /report (one project: picked at once)
    part("report-ask-investment", 2),  # 1: after the month
    say("report-ask-stage"),  # 2: after the amount
    say("report-ask-percent"),  # 3: after the stage
    say("report-ask-progress"),  # 4: after the percent
    say("report-ask-problems"),  # 5: after the progress text
    say("report-ask-photos"),  # 6: after "无"
    part("report-summary"),  # 7: after "跳过": the summary
    part("report-submitted"),  # 8: after "✅ 提交"
)
SUBMITTED = len(QUESTIONS) - 1
# What the draft row holds once question k has been answered (k = 1 .. 7).
DRAFT_STEPS = (
    "period",
    "investment",
    "stage",
    "percent",
    "progress",
    "problems",
    "photos",
    "summary",
)
APOLOGY = say("error-apology")
# Toasts of a button that is no longer live: "这份填报已结束…", "此操作已失效。", and a button
# of an earlier question of a form still open ("这个按钮属于前面的问题…").
STALE = ("已结束", "已失效", "前面的问题")
CANCELLED = ("已取消", "当前没有进行中的操作")
STAGE_LABELS = {
    stage: say(f"stage-{stage}")
    for stage in ("preparation", "started", "main_works", "equipment", "trial", "in_production")
}
REMINDER_BUTTON = say("reminder-button-report")
REMINDER_TEXT = part("reminder-liaison")
BROADCAST_STATUS = (part("broadcast-progress"), say("broadcast-done"))
SEND_BUTTON = say("button-send")

# A tenth of the calls faulted, in the mix the emulator offers.
FAULT_MIX = {
    "rate_429": 0.03,
    "rate_5xx": 0.03,
    "rate_drop": 0.015,
    "rate_drop_after": 0.02,
    "rate_slow": 0.005,
}


# -- the clock ---------------------------------------------------------------------------------


def question_of(text: str) -> int | None:
    """Which question of the form a message shows (None: not a form question)."""
    for index, fragment in enumerate(QUESTIONS):
        if fragment in text:
            return index
    return None
