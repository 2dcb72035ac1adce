# Objections (异议) to a published assessment, and the command centre's answers.

cmd-objection = Object to a published assessment, or see objections
objection-refused-no-publication = That publication was not found.
objection-refused-late = The objection window closed at { $closes }; nothing was filed.
objection-refused-not-your-park = You can only object to your own park's result.
objection-refused-not-your-pairing = You can only object to your own pairing row (or your leader's, as their liaison).
objection-refused-note-needed = Accepting a pairing table objection needs a note (what the command centre will do).
objection-refused-unknown-item = The scheme has no indicator "{ $item }".
objection-refused-reason-length = Please give the reason (at most { $limit } characters).
objection-refused-value-needed = Accepting an objection needs the corrected value.
objection-refused-base-needed = A growth indicator also needs the base value.
objection-refused-answer-length = Please give the answer (at most { $limit } characters).
objection-refused-unknown = There is no objection #{ $id }.
objection-refused-answered = Objection #{ $id } has been answered already; it cannot be answered again.

objection-status-pending = pending
objection-status-accepted = accepted
objection-status-rejected = rejected
objection-line = Objection #{ $id } | { $park } | { $period } | { $item } | { $filer } (real name) | { $at } | { $status }
objection-line-reason = {"  "}Reason: { $reason }
objection-line-attachment = {"  "}Attachment: uploaded
objection-line-answer = {"  "}Answer: { $answer }

objection-yours = Your park's objections:
objection-none-open = No publication is open for objections (or its window has closed).
objection-ask-publication = Which publication do you object to?
objection-ask-item = Assessment { $period } as published ({ $park }); objections close { $closes }. Which indicator do you object to (your park's value and points in brackets)?
objection-item-button = { $name }: { $value } ({ $points } points)
objection-ask-reason = Please give the reason (at most { $limit } characters):
objection-ask-attachment = Send a photo or a PDF as evidence, or press Skip.
objection-button-skip = Skip
objection-attachment-type = Only a photo or a PDF can be attached; press Skip for none.
objection-attachment-large = The attachment is over { $mb } MB; send a smaller one, or press Skip.
objection-attachment-failed = The attachment could not be downloaded; send it again, or press Skip.
objection-yes = yes
objection-no = none
objection-confirm = Please confirm the objection:
    Indicator: { $item }
    Reason: { $reason }
    Attachment: { $attachment }
    It is filed under your real name on the roster, "{ $name }".
objection-button-file = File objection
objection-filed = Objection #{ $id } filed; you will be told the command centre's answer.
objection-cancelled = Cancelled; no objection was filed.

objection-admin-none = No objection is waiting for an answer.
objection-admin-pending = Objections waiting for an answer:
objection-filed-notice = New objection:
objection-button-accept = Accept
objection-button-reject = Reject
objection-ask-value = Accepting objection #{ $id } ({ $item }): the corrected value (unit: { $unit }, year to date)?
objection-ask-base = The base value (same period last year, year to date)?
objection-ask-note = Accepting objection #{ $id } ({ $item }, computed by parkbot): correct the source data first, then write a line of answer:
objection-ask-reject-reason = Rejecting objection #{ $id }: the reason?
objection-value-invalid = That is not a value; try again, e.g. 1200 or 1.2亿.
objection-answer-cancelled = Cancelled; the objection is still pending.
objection-accepted-notice = Objection #{ $id } accepted; the assessment was re-scored (new version { $run }).
objection-rejected-notice = Objection #{ $id } rejected.
objection-diff-title = Changes:
objection-diff-none = The re-score changed no park's total or rank.
objection-diff-park = { $park }: total { $before } → { $after }, rank { $rank_before } → { $rank_after }
objection-diff-indicator = {"  "}{ $name }: { $before } → { $after } ({ $points_before } → { $points_after } points)
objection-standing = Re-scored after objection #{ $id }: { $park } now has { $total } points, rank { $rank } (was { $rank_before }).

objection-cli-none = No objection matches.
objection-cli-accept-or-reject = Give one of --accept or --reject.
objection-cli-reason-needed = A rejection needs --reason.
objection-cli-value-invalid = "{ $value }" is not a value.
