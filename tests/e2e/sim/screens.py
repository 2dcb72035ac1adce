"""What the bot shows at each point of the scripted day, by the fragments people look for."""

from __future__ import annotations

# The form's questions in order, by fragments no other screen of the form contains (the
# summary repeats "① 本月完成投资：", hence the full-width brackets and question marks).
QUESTIONS = (
    "请选择填报月份",  # 0: after /report (one project: picked at once)
    "① 本月完成投资（",  # 1: after the month
    "② 目前所处阶段？",  # 2: after the amount
    "③ 形象进度（",  # 3: after the stage
    "④ 本月主要进展（",  # 4: after the percent
    "⑤ 需要协调解决的问题？",  # 5: after the progress text
    "⑥ 现场照片：可发送",  # 6: after "无"
    "请核对",  # 7: after "跳过": the summary
    "已提交",  # 8: after "✅ 提交"
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
APOLOGY = "抱歉，处理您的请求时出错了"
# Toasts of a button that is no longer live: "这份填报已结束…", "此操作已失效。", and a button
# of an earlier question of a form still open ("这个按钮属于前面的问题…").
STALE = ("已结束", "已失效", "前面的问题")
CANCELLED = ("已取消", "当前没有进行中的操作")
STAGE_LABELS = {
    "preparation": "前期手续",
    "started": "开工建设",
    "main_works": "主体施工",
    "equipment": "设备安装",
    "trial": "试生产",
    "in_production": "竣工投产",
}
REMINDER_BUTTON = "📝 立即填报"
REMINDER_TEXT = "填报提醒"
BROADCAST_STATUS = ("群发进度", "群发完成")

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
