# Park assessment (园区分类考核): the scheme file, its problems, and the scoring rules.

assess-template-written = Assessment scheme template written: { $path } ({ $parks } parks; edit the park types, indicators and targets, then import it)
assess-imported = Assessment scheme imported as version { $version }: { $categories } categories, { $indicators } indicators, { $parks } parks
assess-errors-title = The assessment scheme has { $count } problem(s); nothing was imported. Fix them and import again:
assess-error-line = { $sheet }, row { $row }: { $reason }
assess-error-line-sheet = { $sheet }: { $reason }
assess-none = No assessment scheme imported yet. Run parkbot assess template scheme.xlsx, edit it, then parkbot assess import scheme.xlsx
assess-version-missing = There is no assessment scheme version { $version }; versions: { $versions }
assess-bad-version = Version "{ $value }" is not a number, e.g. --version 2

assess-show-title = Assessment scheme version { $version } (imported { $at } by { $actor })
assess-show-types = Park types (ranked separately):
assess-show-type = {"  "}{ $type }: { $parks }
assess-show-category = { $name } ({ $weight } points)
assess-show-indicator = {"  "}{ $code } { $name } ({ $unit }): { $weight } points, { $method }{ $target }
assess-show-target = , target { $target }
assess-show-per = , { $per } points off each
assess-show-versions = All versions: { $versions }

assess-method-completion = completion
assess-method-growth = growth
assess-method-rank = rank
assess-method-deduction = deduction

assess-error-file-type = Files of type "{ $suffix }" are not supported; an assessment scheme is an Excel (.xlsx) file.
assess-error-missing-sheet = this sheet is missing; a scheme needs the 园区类型, 考核类别 and 考核指标 sheets, as the template (parkbot assess template) has
assess-error-missing-columns = required columns are missing: { $columns }
assess-error-no-rows = the sheet has no data
assess-error-required = { $column } is empty
assess-error-too-long = { $column } is too long (at most { $max } characters)
assess-error-not-a-number = { $column } "{ $value }" is not a number
assess-error-not-positive = { $column } must be above 0 (it is { $value })
assess-error-duplicate-park = park "{ $park }" appears twice; already in row { $other_row }
assess-error-unknown-park = park "{ $park }" is not on the roster; check the name, or import the roster first
assess-error-duplicate-category = category "{ $name }" appears twice; already in row { $other_row }
assess-error-category-weights = the category weights add up to { $total }; they must add up to 100
assess-error-unknown-method = scoring method "{ $value }" is not recognised; use 完成率, 增长率, 排名 or 扣分 (completion, growth, rank, deduction)
assess-error-unknown-category = category "{ $name }" is not on the 考核类别 sheet
assess-error-duplicate-key = indicator key "{ $indicator }" appears twice; already in row { $other_row }
assess-error-unknown-type = the park type "{ $type }" of column 目标值（{ $type }） is not on the 园区类型 sheet
assess-error-indicator-weights = the indicators of category "{ $category }" add up to { $total } points; they must add up to its weight { $weight } (deductions not counted)

assess-rule-completion = { $ratio }% complete (capped at { $cap }%) × points
assess-rule-growth = growth { $rate }%, { $ratio }% of the target growth (capped at { $cap }%) × points
assess-rule-rank = rank { $rank } of { $count } parks of its type, points linear by rank
assess-rule-deduction = { $count } × { $each } points off, at most the indicator's points; the category never goes below 0
assess-rule-missing = not reported: 0 points
assess-rule-missing-target = no target set for this park type: 0 points
assess-rule-missing-base = base-year value { $base }: growth cannot be computed, 0 points

assess-bad-period = Period "{ $value }" is not recognised; write a quarter, a month or a year, e.g. 2025-Q1, 2025-03 or 2025
assess-unknown-park = There is no park named "{ $park }"
assess-values-title = Values parkbot computes for { $period }
assess-values-park = { $park }
assess-values-line = { $code } { $name }: { $value } ({ $rule })
assess-values-supplied = To be supplied by the parks or the command centre: { $codes }
assess-values-supplied-none = Every indicator of the scheme is computed by parkbot.
assess-values-no-scheme = No assessment scheme imported yet; only the computed values are listed.
assess-value-none = no project to count: missing
assess-value-no-plan = the annual plans add up to 0: no completion rate
assess-value-investment = investment completed this year up to { $to }: { $completed } 万元 (sum of the reports' monthly investment), annual plan { $plan } 万元
assess-value-investment-rate = { $completed } 万元 completed ÷ annual plan { $plan } 万元 = { $rate }%
assess-value-starts-on-time = of { $total } projects planned to start by { $to }, { $done } reached 开工建设 = { $rate }%
assess-value-production-on-time = of { $total } projects planned to produce by { $to }, { $done } reached 竣工投产 = { $rate }%
assess-value-timeliness = of { $total } project-months in { $to }, { $done } reported by the deadline (the meeting's if there is one, else the month's end) = { $rate }%
assess-value-completeness = of { $total } project-months in { $to }, { $done } reported = { $rate }%
assess-value-problems-closed = of { $total } problems due in { $to }, { $done } closed by their due date = { $rate }%
assess-computed-investment = investment completed (万元)
assess-computed-investment_rate = share of the annual plan completed
assess-computed-starts_on_time = started on time
assess-computed-production_on_time = in production on time
assess-computed-timeliness = reports on time
assess-computed-completeness = reports complete
assess-computed-problems_closed = problems closed by their due date
assess-values-filed-line = { $code } { $name }: { $value } ({ $source })
assess-values-filed-missing = { $code } { $name }: missing (nothing filed for the period's last month; not counted as 0)
assess-values-growth = { $value }, base year { $base }
assess-values-source-chat = filed in chat by { $by } at { $at }
assess-values-source-xlsx = imported from a workbook by { $by } at { $at }
assess-values-missing = Missing indicators: { $codes }
