cmd-report = File a project's monthly progress report
cmd-cancel = Cancel what you are doing

period-label = { $year }-{ $month_padded }
stage-preparation = Preparation and permits
stage-started = Construction started
stage-main_works = Main construction
stage-equipment = Equipment installation
stage-trial = Trial production
stage-in_production = Completed, in production
mark-reported = ✅
mark-missing = ⏳

button-back = ⬅️ Back
button-cancel = ✖️ Cancel
button-report = 📝 File a report

report-no-projects = You have no projects to report on. Please ask the command centre if this is wrong.
report-admin-hint = Add a project name after /report, for example: /report 中联
report-no-match = No project you can report on matches "{ $text }".
report-choose-project = Choose the project to report on ({ $period }: ✅ reported, ⏳ missing):
report-resume = You have an unfinished report; continuing where you left off:
report-choose-period = [{ $project }] Which month is this report for?
report-revise-ask = [{ $project }] { $period } has been reported (revision { $revision }, by { $reporter } at { $at }). Revise it? The earlier version stays in the history.
button-revise = ✏️ Revise this report
report-ask-investment = [{ $project } · { $period }]
    ① Investment completed this month (10k yuan)?
    Cumulative so far { $cumulative }, project total { $total } (10k yuan).
report-ask-investment-prefill = Last report ({ $period }): { $amount } (10k yuan) invested, { $stage }, { $percent }%.
button-same-investment = Same as last time: { $amount } (10k yuan)
button-zero-investment = No investment this month: 0
button-copy-previous = 📋 Nothing new: copy last month and preview
report-ask-stage = ② Current stage?
report-ask-stage-prefill = Last month: { $stage }
button-unchanged-stage = Unchanged: { $stage }
report-stage-confirm = "{ $new }" is an earlier stage than last month's "{ $old }". Confirm the step back?
button-confirm = ✔️ Confirm
button-choose-again = 🔁 Choose again
report-ask-percent = ③ Physical progress (percent, 0–100)?
report-ask-percent-prefill = Last month: { $percent }%
button-unchanged-percent = Unchanged: { $percent }%
report-percent-confirm = { $new }% is lower than last month's { $old }%. Confirm?
report-ask-progress = ④ Main progress this month (up to 1000 characters):
report-ask-progress-prefill = Last month: { $text }
button-unchanged-progress = Same as last month
report-ask-problems = ⑤ Problems needing coordination? Tap "None" if there are none.
report-ask-problems-prefill = Last time: { $text }
button-no-problems = None
button-unchanged-problems = Same as last time
report-ask-photos = ⑥ Site photos: send 0–5 (as photos or image files), then tap "Done".
report-photo-received = Photo { $count } received (at most { $limit }). Send more, or tap "Done".
button-photos-done = ✔️ Done
button-photos-skip = Skip
report-summary = Please check the report for [{ $project } · { $period }]:
    ① Investment this month: { $investment } (cumulative { $cumulative } / total { $total }, 10k yuan)
    ② Stage: { $stage }
    ③ Physical progress: { $percent }%
    ④ Main progress: { $progress }
    ⑤ Problems: { $problems }
    ⑥ Site photos: { $photos }
report-summary-revision = This revises revision { $revision }.
report-none = none
button-submit = ✅ Submit
button-edit = ✏️ Edit a field
report-edit-choose = Which field do you want to change?
button-edit-investment = ① Investment
button-edit-stage = ② Stage
button-edit-percent = ③ Progress
button-edit-progress = ④ Main progress
button-edit-problems = ⑤ Problems
button-edit-photos = ⑥ Photos
report-submitted = ✅ Submitted the progress report for [{ $project } · { $period }] (revision { $revision }).
    Investment this month { $investment }, cumulative { $cumulative } (10k yuan); { $stage }, { $percent }%.
    Project status: { $light }
report-submitted-problem = The problem is recorded and the responsible leader has been notified.
report-cancelled = Cancelled; nothing was saved.
report-form-closed = This report form is closed. Send /report to start again.
report-button-stale = That button belongs to an earlier question; please answer the latest one.
report-expired = An unfinished report was left for more than { $hours } hours and has expired. Send /report to start again.
report-hint-button = Please answer with the buttons above, or tap Back or Cancel.
report-hint-text = This step needs a text answer.
report-hint-photo = Please send photos or image files, then tap "Done"; tap "Skip" for none.
report-not-yours = You are not a liaison of this project and cannot report on it.
report-period-not-offered = Only this month or the previous month can be reported.
report-nothing-to-copy = There is no earlier report to copy; please answer each question.
report-over-total = That would bring cumulative investment to { $cumulative }, above the project's total of { $total } (10k yuan). Please check this month's amount and enter it again.
report-stage-unknown = Please choose the stage with the buttons.
report-progress-empty = Main progress cannot be empty; please describe this month's progress.
report-progress-too-long = That is { $length } characters, over the { $limit } limit. Please shorten it and send it again. What you wrote is kept; here it is to copy and edit:
report-problems-too-long = That is { $length } characters, over the { $limit } limit. Please shorten it and send it again.
report-photos-full = At most { $limit } photos; please tap "Done".
report-photo-too-large = This photo is { $size } MB, over the limit of { $limit } MB per photo; it was not saved. Please send a compressed photo.
report-photos-too-large = The photos of one report may total at most { $limit } MB; this one was not saved. Tap "Done", or send a smaller photo.
report-photo-daily-limit = You have sent { $limit } photos today, the daily limit; this one was not saved. Please send more tomorrow, or tap "Done".
report-photo-not-image = That file is not an image. Please send a photo or an image file (JPG, PNG).
report-not-finished = Some questions are not answered yet.
report-leader-notice = 📌 Project problem raised
    [{ $project }] ({ $park }) report for { $period } raises a problem needing coordination:
    { $text }
    Liaison: { $reporter }
light-green = 🟢 green
light-yellow = 🟡 yellow
light-red = 🔴 red
report-project-button = { $mark } { $name }
report-period-button = { $label }
cancel-nothing = There is nothing in progress to cancel.
