"""The roster's vocabulary: error codes, field labels, category and role words, column limits."""

from datetime import date

from bot.people.roster_file import normalize_header
from models import Category, Role

# The template's example rows carry this in every name (bot/people/roster_template.py): a file
# imported with the example still in it is refused, so a demo row never becomes data.
EXAMPLE_MARK = "导入前请删除"

# Every code a RowError may carry; each has the catalogue key ``roster-error-<code>``.
ERROR_CODES = (
    "file-type",
    "file-unreadable",
    "file-missing",
    "file-denied",
    "file-is-directory",
    "file-empty",
    "file-too-large",
    "file-unpacked-too-large",
    "too-many-rows",
    "template-example",
    "unknown-headers",
    "missing-columns",
    "required",
    "too-long",
    "money-invalid",
    "money-negative",
    "money-too-large",
    "plan-exceeds-total",
    "date-invalid",
    "production-before-start",
    "phone-invalid",
    "category-unknown",
    "role-unknown",
    "liaison-count-mismatch",
    "liaison-duplicate",
    "phone-name-conflict",
    "project-duplicate",
    "person-duplicate",
    "enterprise-kind-unknown",
    "enterprise-duplicate",
    "enterprise-unknown",
    "enterprise-wrong-kind",
    "pairing-duplicate",
    "person-unknown",
    "person-ambiguous",
    "not-a-leader",
    "location-invalid",
    "project-unknown",
    "project-under-billion",
)
# Field labels in messages: ``roster-field-<label>``.
FIELD_LABELS = (
    "project_name",
    "park",
    "enterprise",
    "category",
    "industry_chain",
    "total_investment",
    "annual_plan",
    "planned_start",
    "planned_production",
    "leader",
    "leader_phone",
    "liaisons",
    "liaison_phones",
    "location",
    "person_name",
    "phone",
    "roles",
    "unit",
    "title",
    "enterprise_name",
    "enterprise_kind",
    "contact",
    "note",
    "pairing_leader",
    "billion_project",
    "backbone",
    "struggling",
    "pairing_liaison",
    "milestones",
)
ENTITIES = ("parks", "people", "projects")
# Shown in the summary only when the file has these tables.
PAIRING_ENTITIES = ("enterprises", "pairings")

CATEGORIES: dict[str, Category] = {
    normalize_header(word): category
    for category, words in {
        Category.SIGNED: ("签约", "已签约", "signed"),
        Category.NEW_START: ("新开工", "开工", "new_start", "new start"),
        Category.CONTINUING: ("续建", "在建", "continuing"),
        Category.IN_PRODUCTION: ("投产", "建成投产", "竣工投产", "in_production", "in production"),
    }.items()
    for word in words
}
# Role word -> (role, city scope).
ROLES: dict[str, tuple[Role, bool]] = {
    normalize_header(word): meaning
    for meaning, words in {
        (Role.LIAISON, False): ("联络员", "liaison"),
        (Role.LEADER, False): ("领导", "包联领导", "结对领导", "leader"),
        (Role.LEADER, True): ("市领导", "市级领导", "city_leader", "city leader"),
        (Role.ADMIN, False): ("指挥部", "管理员", "admin"),
    }.items()
    for word in words
}
# Longest text each column accepts (the database column sizes).
MAX_LENGTHS = {
    "project_name": 200,
    "park": 100,
    "enterprise": 200,
    "industry_chain": 100,
    "person_name": 50,
    "leader": 50,
    "liaisons": 50,
    "unit": 100,
    "title": 100,
    "enterprise_name": 200,
    "contact": 100,
    "note": 500,
    "milestones": 500,
}
MONEY_CODES = {"money-invalid", "money-negative", "money-too-large"}
DATE_RANGE = (date(2000, 1, 1), date(2099, 12, 31))
