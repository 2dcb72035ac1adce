# Help of the `parkbot` command line (bot/cli_parser.py); argparse's own words too.
cli-help-usage-prefix = 用法：
cli-help-positionals = 参数
cli-help-options = 选项
cli-help-help = 显示本帮助并退出
cli-help-commands = 命令
cli-help-metavar-command = 命令
cli-help-metavar-file = 文件
cli-help-metavar-phone = 手机号
cli-help-metavar-date = 日期
cli-help-metavar-moment = 时间
cli-help-metavar-name = 名称
cli-help-metavar-text = 文字
cli-help-metavar-dir = 目录
cli-help-metavar-amount = 金额
cli-usage-error = { $prog }：{ $message }（用 { $prog } --help 查看用法）

cli-help-parkbot = parkbot：园区攻坚大会战机器人的命令行。每个命令后加 --help 查看其用法，例如 parkbot meeting --help。
cli-help-run = 应用待执行的数据库迁移，然后运行机器人（长轮询）。例如：parkbot run
cli-help-db = 数据库结构。例如：parkbot db upgrade
cli-help-db-upgrade = 应用待执行的数据库迁移。例如：parkbot db upgrade
cli-help-roster = 领导结对联系表（花名册）。例如：parkbot roster import 花名册.xlsx
cli-help-roster-import = 导入花名册（CSV 或 XLSX）；有一行出错则全部不写入。例如：parkbot roster import 花名册.xlsx
cli-help-roster-import-file = 要导入的花名册文件，.csv（UTF-8 或 GB18030）或 .xlsx，例如 花名册.xlsx
cli-help-roster-import-deactivate-missing = 同时停用文件中已没有的人员和项目（记入审计日志，其未使用的邀请链接作废）；不加此项时只列出，例如 parkbot roster import --deactivate-missing 花名册.xlsx
cli-help-roster-template = 生成花名册模板（XLSX，含“项目”“人员”两张表和一行示例）。例如：parkbot roster template 花名册模板.xlsx
cli-help-roster-template-file = 要写入的模板文件，以 .xlsx 结尾，例如 花名册模板.xlsx
cli-help-demo-data = 载入演示数据：大会战文件中的园区和项目，人员为虚构。例如：parkbot demo-data
cli-help-demo = 一条命令体验全部功能：在临时数据库中载入演示数据，启动自带的消息服务（即使设置了令牌也不连 Telegram），并打印联络员、包联领导、指挥部三个角色的登录链接；按 Ctrl-C 结束并删除临时数据。例如：parkbot demo
cli-help-demo-port = 网页服务的端口（默认 8080；0 为任一空闲端口）。例如：parkbot demo --port 8081
cli-help-demo-keep = 把演示数据保存在此目录，而不是临时目录；结束时保留，下次可继续。例如：parkbot demo --keep demo-data
cli-help-invite = 打印一次性邀请链接，每人一条；新链接会作废此人之前的链接，已绑定账号的人员须加 --rebind。例如：parkbot invite 13900000011 或 parkbot invite --all
cli-help-invite-phones = 人员的手机号，可给多个，例如 13900000011 13900000012
cli-help-invite-all = 邀请所有尚未绑定的人员（重复执行时只有最新的链接有效），例如 parkbot invite --all
cli-help-invite-rebind = 为已绑定的人员生成重新绑定邀请：使用后绑定移到新账号，并通知原账号和管理员，例如 parkbot invite --rebind 13900000011
cli-help-invite-revoke = 作废此人尚未使用的邀请链接（已有的绑定不变），例如 parkbot invite --revoke 13900000011
cli-help-invite-list = 列出尚未使用、尚未过期的邀请链接（不显示令牌），例如 parkbot invite --list

cli-help-person = 授予和收回使用权限；每次变更都记入审计日志并立即生效。例如：parkbot person deactivate 13900000011
cli-help-person-deactivate = 停用人员：其下一条消息即按陌生人处理，未完成的填报关闭，待发消息和邀请链接作废。例如：parkbot person deactivate 13900000011
cli-help-person-deactivate-phone = 人员的手机号，例如 13900000011
cli-help-person-reactivate = 恢复已停用人员的使用权限（原绑定账号不变）。例如：parkbot person reactivate 13900000011
cli-help-person-reactivate-phone = 人员的手机号，例如 13900000011
cli-help-person-unbind = 解除人员与 Telegram 账号的绑定（该账号即成为陌生人），之后可重新邀请。例如：parkbot person unbind 13900000011
cli-help-person-unbind-phone = 人员的手机号，例如 13900000011

cli-help-audit = 列出审计日志，每条一行，最新的在最后，时间按 PARKBOT_TIMEZONE 显示。例如：parkbot audit --person 13900000011 --since { $start }
cli-help-audit-person = 只列出与此人有关或由此人所做的记录，例如 13900000011
cli-help-audit-since = 只列出从这一天起的记录，例如 { $start } 或 2026-03-01

cli-help-meeting = 现场调度会。例如：parkbot meeting list
cli-help-meeting-add = 安排一次调度会。例如：parkbot meeting add --at "{ $moment }" --park 常德经开区 --place "管委会三楼会议室"
cli-help-meeting-list = 列出即将召开的调度会。例如：parkbot meeting list
cli-help-meeting-edit = 修改调度会（提醒重新安排，已通知的人会再次收到通知）。例如：parkbot meeting edit 3 --place "二楼会议室"
cli-help-meeting-cancel = 取消调度会。例如：parkbot meeting cancel 3
cli-help-meeting-id = 调度会编号（见 parkbot meeting list），例如 3
cli-help-meeting-add-at = 会议开始时间（PARKBOT_TIMEZONE 时区），例如 "{ $moment }"
cli-help-meeting-add-park = 承办园区名称，例如 常德经开区
cli-help-meeting-add-place = 会议地点，例如 "管委会三楼会议室"
cli-help-meeting-add-deadline = 填报截止时间，例如 "{ $deadline }"；默认为会前 DEADLINE_DAYS_BEFORE 天的 18:00
cli-help-meeting-add-period = 填报月份 YYYY-MM，例如 { $period }；默认为截止时间所在月份
cli-help-meeting-edit-at = 新的会议开始时间，例如 "{ $moment }"
cli-help-meeting-edit-park = 新的承办园区名称，例如 常德经开区
cli-help-meeting-edit-place = 新的会议地点，例如 "二楼会议室"
cli-help-meeting-edit-deadline = 新的填报截止时间，例如 "{ $deadline }"
cli-help-meeting-edit-period = 新的填报月份 YYYY-MM，例如 { $next_period }

cli-help-leave = 请假人员：请假期间不发提醒、不计未填报。例如：parkbot leave list
cli-help-leave-add = 登记某人请假。例如：parkbot leave add 13900000011 --from { $start } --to { $end }
cli-help-leave-list = 列出当前和以后的请假记录。例如：parkbot leave list
cli-help-leave-phone = 请假人员的手机号，例如 13900000011
cli-help-leave-from = 请假第一天，例如 { $start }、2026-03-01 或 3月1日
cli-help-leave-to = 请假最后一天（含当天），例如 { $end }、2026-03-15 或 3月15日

cli-help-export = 导出某月的台账（XLSX），含全部项目和全市总览。例如：parkbot export --period { $period } -o 台账.xlsx
cli-help-export-period = 台账月份 YYYY-MM，例如 { $period }；默认为本月
cli-help-export-output = 输出文件，须以 .xlsx 结尾，所在目录须已存在，例如 台账-{ $period }.xlsx

cli-help-targets = 查看或设定年度目标（看板头条指标对照的目标）。例如：parkbot targets --year 2026 --new-starts 50 --in-production 16 --investment 600亿
cli-help-targets-year = 年份，例如 2026；默认为今年
cli-help-targets-new-starts = 新开工亿元以上工业项目个数目标，例如 50
cli-help-targets-in-production = 建成投产项目个数目标，例如 16
cli-help-targets-investment = 工业固定资产投资目标，写法同填报，例如 600亿 或 6000000（万元）
cli-help-backup = 在机器人运行时备份数据库（SQLite；PostgreSQL 则给出 pg_dump 命令）。例如：parkbot backup /var/backups/parkbot/parkbot-{ $period }.db
cli-help-backup-file = 要写入的备份文件，所在目录须已存在，例如 parkbot-{ $period }.db
cli-help-backup-force = 文件已存在时覆盖，例如 parkbot backup --force nightly.db
cli-help-restore = 用备份替换数据库（SQLite；须先停止机器人），再升级到当前结构。例如：parkbot restore parkbot-{ $period }.db
cli-help-restore-file = 备份文件（由 parkbot backup 写出），例如 parkbot-{ $period }.db
