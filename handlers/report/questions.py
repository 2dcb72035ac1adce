"""Renders the form's current question from the draft: text and buttons."""

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.formatting import format_money
from bot.i18n import format_period
from bot.reporting.answers import plain, read
from bot.reporting.evidence import place
from bot.reporting.form import EDITABLE, QUESTION, periods
from bot.reporting.steps import Step
from handlers.report.callbacks import encode
from handlers.viewer import Viewer
from models.draft import ReportDraft
from models.report import Stage

EXCERPT = 60


@dataclass
class Question:
    """A message to show: text and inline keyboard."""

    text: str
    keyboard: InlineKeyboardMarkup | None


def period_label(viewer: Viewer, period: str) -> str:
    """2025-03 as 2025年3月 (or 2025-03)."""
    return format_period(viewer.catalogue, viewer.language, period)


def stage_label(viewer: Viewer, stage: str) -> str:
    """A stage in words."""
    return viewer.t(f"stage-{stage}")


class QuestionRenderer:
    """Builds the question of a draft's step for one viewer."""

    def __init__(self, viewer: Viewer, draft: ReportDraft) -> None:
        self.viewer = viewer
        self.draft = draft
        self.answers = read(draft)

    def button(
        self, key: str, action: str, argument: str = "", **args: object
    ) -> InlineKeyboardButton:
        """A form button for the current step."""
        data = encode(self.draft.id, self.draft.step, action, argument)
        return InlineKeyboardButton(self.viewer.t(key, **args), callback_data=data)

    def nav(self) -> list[InlineKeyboardButton]:
        """Back and Cancel, on every question."""
        return [self.button("button-back", "back"), self.button("button-cancel", "cancel")]

    def render(self, projects: list[tuple[int, str, bool]] | None = None) -> Question:
        """The question for the draft's current step."""
        step = Step(self.draft.step)
        method = getattr(self, f"_{QUESTION[step].screen}")
        return method(projects) if step is Step.PROJECT else method()

    def _keyboard(self, rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([row for row in rows if row])

    def _project(self, projects: list[tuple[int, str, bool]] | None) -> Question:
        t = self.viewer.t
        rows = [
            [
                self.button(
                    "report-project-button",
                    "project",
                    str(project_id),
                    name=name,
                    mark=t("mark-reported" if reported else "mark-missing"),
                )
            ]
            for project_id, name, reported in projects or []
        ]
        rows.append([self.button("button-cancel", "cancel")])
        period = period_label(self.viewer, self.answers.current_period)
        return Question(t("report-choose-project", period=period), self._keyboard(rows))

    def _period(self) -> Question:
        t = self.viewer.t
        buttons = [
            self.button(
                "report-period-button", "period", period, label=period_label(self.viewer, period)
            )
            for period in periods(self.draft)
        ]
        text = t("report-choose-period", project=self.answers.project_name)
        return Question(text, self._keyboard([buttons, self.nav()]))

    def _revise(self) -> Question:
        t = self.viewer.t
        text = t(
            "report-revise-ask",
            project=self.answers.project_name,
            period=period_label(self.viewer, self.answers.period),
            revision=str(self.answers.existing_revision),
            reporter=self.answers.existing_reporter_name or "",
            at=self.answers.existing_at[:16].replace("T", " "),
        )
        return Question(
            text, self._keyboard([[self.button("button-revise", "revise")], self.nav()])
        )

    def _investment(self) -> Question:
        t = self.viewer.t
        lines = [
            t(
                "report-ask-investment",
                project=self.answers.project_name,
                period=period_label(self.viewer, self.answers.period),
                cumulative=format_money(self.answers.previous_cumulative, exact=True),
                total=format_money(self.answers.total, exact=True),
            )
        ]
        rows: list[list[InlineKeyboardButton]] = []
        prefill = self.answers.prefill
        if prefill:
            lines.append(
                t(
                    "report-ask-investment-prefill",
                    period=period_label(self.viewer, prefill.period),
                    amount=format_money(prefill.investment_month, exact=True),
                    stage=stage_label(self.viewer, prefill.stage),
                    percent=plain(prefill.percent),
                )
            )
            if not self.answers.editing:
                rows.append([self.button("button-copy-previous", "copy")])
            rows.append(
                [
                    self.button(
                        "button-same-investment",
                        "same",
                        amount=format_money(prefill.investment_month, exact=True),
                    )
                ]
            )
        rows.append([self.button("button-zero-investment", "zero")])
        rows.append(self.nav())
        return Question("\n".join(lines), self._keyboard(rows))

    def _stage(self) -> Question:
        t = self.viewer.t
        lines = [t("report-ask-stage")]
        prefill = self.answers.prefill
        if prefill:
            lines.append(
                t("report-ask-stage-prefill", stage=stage_label(self.viewer, prefill.stage))
            )
        stages = [
            InlineKeyboardButton(
                stage_label(self.viewer, stage.value),
                callback_data=encode(self.draft.id, self.draft.step, "stage", stage.value),
            )
            for stage in Stage
        ]
        rows = [stages[i : i + 2] for i in range(0, len(stages), 2)]
        if prefill:
            label = stage_label(self.viewer, prefill.stage)
            rows.insert(
                0,
                [self.button("button-unchanged-stage", "stage", prefill.stage.value, stage=label)],
            )
        return Question("\n".join(lines), self._keyboard([*rows, self.nav()]))

    def _stage_confirm(self) -> Question:
        t = self.viewer.t
        text = t(
            "report-stage-confirm",
            new=stage_label(self.viewer, self.answers.pending_stage),
            old=stage_label(self.viewer, self.answers.prior.stage),
        )
        buttons = [
            self.button("button-confirm", "confirm"),
            self.button("button-choose-again", "back"),
        ]
        return Question(text, self._keyboard([buttons, [self.button("button-cancel", "cancel")]]))

    def _percent(self) -> Question:
        t = self.viewer.t
        lines, rows = [t("report-ask-percent")], []
        prefill = self.answers.prefill
        if prefill:
            lines.append(t("report-ask-percent-prefill", percent=plain(prefill.percent)))
            rows.append(
                [self.button("button-unchanged-percent", "same", percent=plain(prefill.percent))]
            )
        return Question("\n".join(lines), self._keyboard([*rows, self.nav()]))

    def _percent_confirm(self) -> Question:
        t = self.viewer.t
        text = t(
            "report-percent-confirm",
            new=plain(self.answers.pending_percent),
            old=plain(self.answers.prior.percent),
        )
        buttons = [
            self.button("button-confirm", "confirm"),
            self.button("button-choose-again", "back"),
        ]
        return Question(text, self._keyboard([buttons, [self.button("button-cancel", "cancel")]]))

    def _progress(self) -> Question:
        t = self.viewer.t
        lines, rows = [t("report-ask-progress")], []
        prefill = self.answers.prefill
        if prefill and prefill.progress:
            lines.append(t("report-ask-progress-prefill", text=_excerpt(prefill.progress)))
            rows.append([self.button("button-unchanged-progress", "same")])
        return Question("\n".join(lines), self._keyboard([*rows, self.nav()]))

    def _problems(self) -> Question:
        t = self.viewer.t
        lines = [t("report-ask-problems")]
        row = [self.button("button-no-problems", "none")]
        prefill = self.answers.prefill
        if prefill and prefill.problems:
            lines.append(t("report-ask-problems-prefill", text=_excerpt(prefill.problems)))
            row.append(self.button("button-unchanged-problems", "same"))
        return Question("\n".join(lines), self._keyboard([row, self.nav()]))

    def _photos(self) -> Question:
        t = self.viewer.t
        count = len(self.answers.photos)
        text = (
            t("report-ask-photos")
            if count == 0
            else t("report-photo-received", count=count, limit=5)
        )
        if count == 0:
            text += "\n" + t("evidence-photo-hint")
        key = "button-photos-done" if count else "button-photos-skip"
        return Question(text, self._keyboard([[self.button(key, "done")], self.nav()]))

    def _summary(self) -> Question:
        t = self.viewer.t
        answers = self.answers
        cumulative = answers.previous_cumulative + answers.investment
        lines = [
            t(
                "report-summary",
                project=answers.project_name,
                period=period_label(self.viewer, answers.period),
                investment=format_money(answers.investment, exact=True),
                cumulative=format_money(cumulative, exact=True),
                total=format_money(answers.total, exact=True),
                stage=stage_label(self.viewer, answers.stage),
                percent=plain(answers.percent),
                progress=answers.progress,
                problems=answers.problems or t("report-none"),
                photos=str(len(answers.photos)),
            )
        ]
        if answers.lat is not None and answers.lon is not None:
            lines.append(t("evidence-summary-location", place=place(answers.lat, answers.lon)))
        else:
            lines.append(t("evidence-summary-no-location"))
        if answers.revision_of:
            lines.append(t("report-summary-revision", revision=str(answers.existing_revision)))
        rows = [
            [self.button("button-submit", "submit")],
            [self.button("button-edit", "edit", "menu"), self.button("button-back", "back")],
            [self.button("button-cancel", "cancel")],
        ]
        return Question("\n".join(lines), self._keyboard(rows))

    def _edit(self) -> Question:
        buttons = [
            self.button(f"button-edit-{step.value}", "edit", step.value) for step in EDITABLE
        ]
        rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
        return Question(self.viewer.t("report-edit-choose"), self._keyboard([*rows, self.nav()]))


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
