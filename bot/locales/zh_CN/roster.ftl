# Roster import (花名册导入): summary, problems, field and table names.

roster-summary-title = 花名册导入完成。
roster-summary-line = { $entity }：新增 { $created } 个，更新 { $updated } 个，无变化 { $unchanged } 个
roster-summary-unchanged = 与系统中现有数据完全一致，本次没有任何改动。
roster-entity-parks = 园区
roster-entity-people = 人员
roster-entity-projects = 项目

roster-summary-inactive = 文件中有 { $count } 人已停用：
roster-summary-inactive-line = {"  "}{ $name }（{ $phone }）：已停用，本次未重新启用；如需恢复，请运行 parkbot person reactivate { $phone }
roster-summary-missing-people = 文件中已没有以下 { $count } 人，他们仍可使用（加上 --deactivate-missing 重新导入即停用）：
roster-summary-deactivated-people = 文件中已没有以下 { $count } 人，已停用，其未使用的邀请链接已作废：
roster-summary-missing-projects = 文件中已没有以下 { $count } 个项目，仍保留（加上 --deactivate-missing 重新导入即停用）：
roster-summary-deactivated-projects = 文件中已没有以下 { $count } 个项目，已停用：
roster-summary-reactivated-projects = 以下 { $count } 个项目重新出现在文件中，已恢复：
roster-summary-person = {"  "}{ $name }（{ $phone }）
roster-summary-project = {"  "}{ $name }
roster-summary-more = {"  "}……另有 { $count } 个未列出

roster-errors-title = 花名册中有 { $count } 处问题，本次未导入任何内容。请修改后重新上传：
roster-errors-more = ……另有 { $count } 处问题未列出，请先修改以上问题。
roster-error-line = 「{ $sheet }」第 { $row } 行：{ $reason }
roster-error-line-sheet = 「{ $sheet }」：{ $reason }

roster-kind-projects = 项目表
roster-kind-people = 人员表

roster-field-project_name = 项目名称
roster-field-park = 所属园区
roster-field-enterprise = 项目单位
roster-field-category = 项目类别
roster-field-industry_chain = 产业链
roster-field-total_investment = 总投资
roster-field-annual_plan = 年度计划投资
roster-field-planned_start = 计划开工时间
roster-field-planned_production = 计划投产时间
roster-field-leader = 包联领导
roster-field-leader_phone = 领导电话
roster-field-liaisons = 联络员
roster-field-liaison_phones = 联络员电话
roster-field-person_name = 姓名
roster-field-phone = 电话
roster-field-roles = 角色
roster-field-unit = 单位
roster-field-title = 职务

roster-error-file-type = 不支持“{ $suffix }”格式的文件，请上传 Excel（.xlsx）或 CSV 文件（旧版 .xls 请先在 Excel 中另存为 .xlsx）。
roster-error-file-unreadable = 文件无法读取，请确认是未损坏的 Excel（.xlsx）或 CSV 文件。
roster-error-file-missing = 文件不存在：{ $file }
roster-error-file-denied = 没有权限读取文件：{ $file }
roster-error-file-is-directory = 这是一个目录，不是花名册文件：{ $file }
roster-error-template-example = 这是模板自带的示例行（{ $name }），不是真实数据；请删除这一行后再导入
roster-error-file-empty = 文件中没有任何数据。
roster-error-file-too-large = 文件太大（{ $size } MB），最大 { $max } MB。请删除多余的工作表或拆分文件后再导入。
roster-error-file-unpacked-too-large = 文件解压后太大（{ $size } MB），最大 { $max } MB。请删除多余的工作表、图片或格式后再导入。
roster-error-too-many-rows = 文件超过 { $max } 行（含标题行和空行），请删除多余的行或拆分文件后再导入。
roster-error-unknown-headers = 无法识别表头（{ $headers }）。项目表须有“项目名称”“所属园区”列，人员表须有“姓名”“电话”“角色”列，建议使用指挥部下发的模板。
roster-error-missing-columns = { $kind }缺少必需的列：{ $columns }。
roster-error-required = { $field }不能为空
roster-error-too-long = { $field }太长，最多 { $max } 个字
roster-error-money-invalid = { $field }“{ $value }”不是有效金额，请填写以万元为单位的数字，如 1200
roster-error-money-negative = { $field }不能为负数
roster-error-money-too-large = { $field }“{ $value }”数额过大，请检查单位（万元）
roster-error-plan-exceeds-total = 年度计划投资（{ $annual } 万元）不能超过总投资（{ $total } 万元）
roster-error-date-invalid = { $field }“{ $value }”不是有效日期，请写成 2025-03-15 或 2025年3月15日
roster-error-production-before-start = 计划投产时间（{ $production }）不能早于计划开工时间（{ $start }）
roster-error-phone-invalid = { $field }“{ $value }”不是有效的电话号码，请填写 11 位手机号或带区号的座机号
roster-error-category-unknown = 项目类别“{ $value }”无法识别，请填写 签约、新开工、续建 或 投产
roster-error-role-unknown = 角色“{ $value }”无法识别，请填写 联络员、包联领导、市级领导 或 指挥部，多个角色用顿号隔开
roster-error-liaison-count-mismatch = 填写了 { $names } 名联络员，却有 { $phones } 个联络员电话，姓名和电话须一一对应
roster-error-liaison-duplicate = 联络员“{ $name }”（{ $phone }）重复填写
roster-error-phone-name-conflict = 电话 { $phone } 在「{ $other_sheet }」第 { $other_row } 行登记的姓名是“{ $other_name }”，这里却是“{ $name }”；同一个电话只能对应一个人
roster-error-project-duplicate = 项目“{ $name }”重复，已在「{ $other_sheet }」第 { $other_row } 行填写过
roster-error-person-duplicate = 人员“{ $name }”（{ $phone }）重复，已在「{ $other_sheet }」第 { $other_row } 行填写过
roster-error-report-park-unknown = 指标填报园区“{ $park }”不存在：请填写项目表或系统中已有的园区名称，多个园区用顿号隔开
