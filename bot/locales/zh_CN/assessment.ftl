# Park assessment (园区分类考核): the scheme file, its problems, and the scoring rules.

assess-template-written = 已生成考核方案模板：{ $path }（{ $parks } 个园区，请按实际修改园区类型、指标和目标值后导入）
assess-imported = 考核方案已导入，版本 { $version }：{ $categories } 个类别，{ $indicators } 项指标，{ $parks } 个园区
assess-errors-title = 考核方案中有 { $count } 处问题，本次未导入任何内容。请修改后重新导入：
assess-error-line = 「{ $sheet }」第 { $row } 行：{ $reason }
assess-error-line-sheet = 「{ $sheet }」：{ $reason }
assess-none = 尚未导入考核方案。请先运行 parkbot assess template 方案.xlsx，修改后运行 parkbot assess import 方案.xlsx
assess-version-missing = 没有版本 { $version } 的考核方案；已有版本：{ $versions }
assess-bad-version = 版本「{ $value }」不是数字，例如 --version 2

assess-show-title = 考核方案 版本 { $version }（{ $at } 由 { $actor } 导入）
assess-show-types = 园区类型（分别排名）：
assess-show-type = {"  "}{ $type }：{ $parks }
assess-show-category = { $name }（{ $weight } 分）
assess-show-indicator = {"  "}{ $code } { $name }（{ $unit }）：{ $weight } 分，{ $method }{ $target }
assess-show-target = ，目标 { $target }
assess-show-per = ，每次扣 { $per } 分
assess-show-versions = 全部版本：{ $versions }

assess-method-completion = 完成率
assess-method-growth = 增长率
assess-method-rank = 排名
assess-method-deduction = 扣分

assess-error-file-type = 不支持“{ $suffix }”格式的文件；考核方案请使用 Excel（.xlsx）文件。
assess-error-missing-sheet = 缺少此工作表；考核方案需要园区类型、考核类别、考核指标三张表，模板（parkbot assess template）中都有
assess-error-missing-columns = 缺少必需的列：{ $columns }
assess-error-no-rows = 表中没有数据
assess-error-required = 「{ $column }」未填写
assess-error-too-long = 「{ $column }」太长（最多 { $max } 个字）
assess-error-not-a-number = 「{ $column }」的「{ $value }」不是数字
assess-error-not-positive = 「{ $column }」必须大于 0（现为 { $value }）
assess-error-duplicate-park = 园区「{ $park }」重复出现，已在第 { $other_row } 行
assess-error-unknown-park = 园区「{ $park }」不在花名册中；请核对名称，或先导入花名册
assess-error-duplicate-category = 类别「{ $name }」重复出现，已在第 { $other_row } 行
assess-error-category-weights = 各类别权重合计为 { $total }，应为 100
assess-error-unknown-method = 计分方法「{ $value }」无法识别；请填写 完成率、增长率、排名 或 扣分
assess-error-unknown-category = 类别「{ $name }」不在「考核类别」表中
assess-error-duplicate-key = 指标代码「{ $indicator }」重复出现，已在第 { $other_row } 行
assess-error-unknown-type = 列「目标值（{ $type }）」中的园区类型「{ $type }」不在「园区类型」表中
assess-error-indicator-weights = 类别「{ $category }」各指标分值合计为 { $total }，应等于该类别权重 { $weight }（扣分项不计入）

assess-rule-completion = 完成率 { $ratio }%（封顶 { $cap }%）× 分值
assess-rule-growth = 增长 { $rate }%，达到目标增速的 { $ratio }%（封顶 { $cap }%）× 分值
assess-rule-rank = 同类园区第 { $rank } 名（共 { $count } 个），按名次线性计分
assess-rule-deduction = { $count } 次 × 每次 { $each } 分，扣分以分值为限，类别得分最低为 0
assess-rule-missing = 未填报，计 0 分
assess-rule-missing-target = 该园区类型未设目标值，计 0 分
assess-rule-missing-base = 基期值为 { $base }，无法计算增长，计 0 分

assess-bad-period = 考核期「{ $value }」无法识别；请写季度、月份或年份，例如 2025-Q1、2025-03 或 2025
assess-unknown-park = 没有名为「{ $park }」的园区
assess-values-title = { $period } 系统计算的指标值
assess-values-park = { $park }
assess-values-line = { $code } { $name }：{ $value }（{ $rule }）
assess-values-supplied = 需由园区或指挥部填报的指标：{ $codes }
assess-values-supplied-none = 方案中的指标均可由系统计算。
assess-values-no-scheme = 尚未导入考核方案，仅列出系统计算的指标值。
assess-value-none = 无可统计的项目，记为缺失
assess-value-no-plan = 年度计划合计为 0，完成率无法计算
assess-value-investment = { $to } 为止本年完成投资 { $completed } 万元（当期填报月度投资之和），年度计划 { $plan } 万元
assess-value-investment-rate = 完成 { $completed } 万元 ÷ 年度计划 { $plan } 万元 = { $rate }%
assess-value-starts-on-time = 计划 { $to } 前开工的 { $total } 个项目中 { $done } 个已达「开工建设」 = { $rate }%
assess-value-production-on-time = 计划 { $to } 前投产的 { $total } 个项目中 { $done } 个已「竣工投产」 = { $rate }%
assess-value-timeliness = { $to } 的 { $total } 个项目·月中 { $done } 个在截止时间前填报（有调度会按其截止时间，否则按月底） = { $rate }%
assess-value-completeness = { $to } 的 { $total } 个项目·月中 { $done } 个已填报 = { $rate }%
assess-value-problems-closed = { $to } 到期的 { $total } 个问题中 { $done } 个按期销号 = { $rate }%
assess-computed-investment = 完成投资（万元）
assess-computed-investment_rate = 投资计划完成率
assess-computed-starts_on_time = 按期开工率
assess-computed-production_on_time = 按期投产率
assess-computed-timeliness = 填报及时率
assess-computed-completeness = 填报完整率
assess-computed-problems_closed = 问题按期销号率
assess-values-filed-line = { $code } { $name }：{ $value }（{ $source }）
assess-values-filed-missing = { $code } { $name }：缺失（本期末月未填报，不计为 0）
assess-values-growth = { $value }，上年同期 { $base }
assess-values-source-chat = { $by } 于 { $at } 在对话中填报
assess-values-source-xlsx = { $by } 于 { $at } 从表格导入
assess-values-missing = 缺失的指标：{ $codes }
