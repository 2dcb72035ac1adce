"""Outbox kinds by priority: which go out first, which count against the burden cap, which fold.

The order, highest first (a lower rank goes out first when a person has several queued):

| rank | kinds | counted | folded over the cap |
| --- | --- | --- | --- |
| 0 | answer, slow-down (answers to what the person just asked) | no | never |
| 1 | security, instruction, escalation (access alerts; leaders' 批示, escalations) | yes | never |
| 2 | reminder, assignment (report-deadline reminders; 交办 to an owner) | yes | never |
| 3 | digest (the day's folded messages, one message) | no | never |
| 4 | summary, pack (after-deadline summaries; the pre-meeting pack) | yes | yes |
| 5 | notice (meeting notices, publication notices, report notices) | yes | yes |
| 6 | broadcast (command-centre broadcasts) | yes | yes |

A kind not listed here ranks and folds like a notice.
"""

ANSWER_KINDS = ("answer", "slow-down")
DIGEST_KIND = "digest"
URGENT_KINDS = ("security", "instruction", "escalation", "reminder", "assignment")
PRIORITY: dict[str, int] = {
    "answer": 0,
    "slow-down": 0,
    "security": 1,
    "instruction": 1,
    "escalation": 1,
    "reminder": 2,
    "assignment": 2,
    DIGEST_KIND: 3,
    "summary": 4,
    "pack": 4,
    "notice": 5,
    "broadcast": 6,
}
UNLISTED = PRIORITY["notice"]
NOT_COUNTED = frozenset((*ANSWER_KINDS, DIGEST_KIND))


def priority(kind: str) -> int:
    """The kind's rank: 0 goes out first."""
    return PRIORITY.get(kind, UNLISTED)


def counted(kind: str) -> bool:
    """Whether a message of this kind counts against the person's cap."""
    return kind not in NOT_COUNTED


def foldable(kind: str) -> bool:
    """Whether a message of this kind folds into the digest when the person is over the cap."""
    return counted(kind) and kind not in URGENT_KINDS
