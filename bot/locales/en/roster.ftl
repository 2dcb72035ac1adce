# Roster import: summary, problems, field and table names.

roster-summary-title = Roster imported.
roster-summary-line = { $entity }: { $created } new, { $updated } updated, { $unchanged } unchanged
roster-summary-unchanged = Everything already matched the system; nothing was changed.
roster-entity-parks = Parks
roster-entity-people = People
roster-entity-projects = Projects

roster-summary-inactive = { $count ->
    [one] 1 person in the file is deactivated:
   *[other] { $count } people in the file are deactivated:
    }
roster-summary-inactive-line = {"  "}{ $name } ({ $phone }): deactivated, not re-activated; use parkbot person reactivate { $phone }
roster-summary-missing-people = { $count ->
    [one] The file no longer lists 1 person, who keeps access
   *[other] The file no longer lists { $count } people, who keep access
    } (import again with --deactivate-missing to deactivate them):
roster-summary-deactivated-people = { $count ->
    [one] Deactivated 1 person the file no longer lists; their unused invite links are revoked:
   *[other] Deactivated { $count } people the file no longer lists; their unused invite links are revoked:
    }
roster-summary-missing-projects = { $count ->
    [one] The file no longer lists 1 project, which is kept
   *[other] The file no longer lists { $count } projects, which are kept
    } (import again with --deactivate-missing to deactivate them):
roster-summary-deactivated-projects = { $count ->
    [one] Deactivated 1 project the file no longer lists:
   *[other] Deactivated { $count } projects the file no longer lists:
    }
roster-summary-reactivated-projects = { $count ->
    [one] Re-activated 1 project the file lists again:
   *[other] Re-activated { $count } projects the file lists again:
    }
roster-summary-person = {"  "}{ $name } ({ $phone })
roster-summary-project = {"  "}{ $name }
roster-summary-more = {"  "}…and { $count } more

roster-errors-title = { $count ->
    [one] The roster has 1 problem
   *[other] The roster has { $count } problems
    }, so nothing was imported. Please fix the file and upload it again:
roster-errors-more = …and { $count } more problems not listed; please fix the ones above first.
roster-error-line = { $sheet }, row { $row }: { $reason }
roster-error-line-sheet = { $sheet }: { $reason }

roster-kind-projects = The projects table
roster-kind-people = The people table

roster-field-project_name = Project name
roster-field-park = Park
roster-field-enterprise = Enterprise
roster-field-category = Category
roster-field-industry_chain = Industry chain
roster-field-total_investment = Total investment
roster-field-annual_plan = Annual planned investment
roster-field-planned_start = Planned start
roster-field-planned_production = Planned production
roster-field-leader = Leader
roster-field-leader_phone = Leader's phone
roster-field-liaisons = Liaisons
roster-field-liaison_phones = Liaisons' phones
roster-field-person_name = Name
roster-field-phone = Phone
roster-field-roles = Roles
roster-field-unit = Unit
roster-field-title = Title

roster-error-file-type = Files of type "{ $suffix }" are not supported; please upload an Excel (.xlsx) or CSV file (save old .xls files as .xlsx first).
roster-error-file-unreadable = The file cannot be read; please check it is an undamaged Excel (.xlsx) or CSV file.
roster-error-file-missing = No such file: { $file }
roster-error-file-denied = Permission denied reading the file: { $file }
roster-error-file-is-directory = This is a directory, not a roster file: { $file }
roster-error-template-example = this is the template's example row ({ $name }), not real data; delete the row and import again
roster-error-file-empty = The file contains no data.
roster-error-file-too-large = The file is too large ({ $size } MB; at most { $max } MB). Remove extra sheets or split the file, then import it again.
roster-error-file-unpacked-too-large = The file is too large once unpacked ({ $size } MB; at most { $max } MB). Remove extra sheets, pictures or formatting, then import it again.
roster-error-too-many-rows = The file has more than { $max } rows (title, header and empty rows included). Remove extra rows or split the file, then import it again.
roster-error-unknown-headers = The column headers ({ $headers }) are not recognised. A projects table needs 项目名称 and 所属园区 columns, a people table needs 姓名, 电话 and 角色; the command centre's template has them all.
roster-error-missing-columns = { $kind } lacks required columns: { $columns }.
roster-error-required = { $field } is missing
roster-error-too-long = { $field } is too long (at most { $max } characters)
roster-error-money-invalid = { $field } "{ $value }" is not an amount; write a number in 万元 (10k yuan), e.g. 1200
roster-error-money-negative = { $field } cannot be negative
roster-error-money-too-large = { $field } "{ $value }" is too large; check the unit (万元)
roster-error-plan-exceeds-total = Annual planned investment ({ $annual }) cannot exceed total investment ({ $total }), in 10k yuan (万元)
roster-error-date-invalid = { $field } "{ $value }" is not a date; write e.g. 2025-03-15 or 2025年3月15日
roster-error-production-before-start = Planned production ({ $production }) cannot be before planned start ({ $start })
roster-error-phone-invalid = { $field } "{ $value }" is not a valid phone number; use an 11-digit mobile or a landline with area code
roster-error-category-unknown = Category "{ $value }" is not recognised; use 签约, 新开工, 续建 or 投产 (signed, new start, continuing, in production)
roster-error-role-unknown = Role "{ $value }" is not recognised; use 联络员, 包联领导, 市级领导 or 指挥部 (liaison, leader, city leader, admin), several separated by 、
roster-error-liaison-count-mismatch = { $names } liaison name(s) but { $phones } liaison phone(s); each liaison needs exactly one phone
roster-error-liaison-duplicate = Liaison "{ $name }" ({ $phone }) is listed twice
roster-error-phone-name-conflict = Phone { $phone } belongs to "{ $other_name }" in { $other_sheet }, row { $other_row }, but is given here for "{ $name }"; one phone can belong to only one person
roster-error-project-duplicate = Project "{ $name }" appears twice; it is already in { $other_sheet }, row { $other_row }
roster-error-person-duplicate = Person "{ $name }" ({ $phone }) appears twice; already in { $other_sheet }, row { $other_row }
roster-error-report-park-unknown = Park "{ $park }" in 指标填报园区 does not exist: name a park of the projects table or one already known; separate several with 、

# 三个一: the enterprises and pairing sheets.
roster-entity-enterprises = Enterprises
roster-entity-pairings = Pairings
roster-kind-enterprises = The enterprises table
roster-kind-pairings = The pairing table
roster-field-enterprise_name = Enterprise name
roster-field-enterprise_kind = Enterprise kind
roster-field-contact = Contact
roster-field-note = Note
roster-field-pairing_leader = Paired leader
roster-field-billion_project = 10亿 project
roster-field-backbone = Key backbone enterprise
roster-field-struggling = Struggling enterprise
roster-field-pairing_liaison = Liaison
roster-field-milestones = Milestones
roster-error-enterprise-kind-unknown = Enterprise kind "{ $value }" is not recognised: write 重点骨干企业 or 特困企业
roster-error-enterprise-duplicate = Enterprise "{ $name }" is repeated; row { $other_row } already lists it
roster-error-enterprise-unknown = Enterprise "{ $name }" is neither in the enterprises table nor imported before
roster-error-enterprise-wrong-kind = Enterprise "{ $name }" is not of the kind its column ({ $field }) needs
roster-error-pairing-duplicate = The leader ({ $name }) is already paired in row { $other_row }
roster-error-person-unknown = { $field } "{ $value }" is not on the roster
roster-error-person-ambiguous = { $field } "{ $value }" names several people: give the phone number
roster-error-not-a-leader = "{ $name }" is not a leader and cannot be paired
roster-error-project-unknown = Project "{ $name }" is neither in the projects table nor imported before
roster-error-project-under-billion = Project "{ $name }" has a total investment of { $total } 万元, under 10亿 (100000 万元)
