# Help of the `parkbot` command line (bot/cli_parser.py); argparse's own words too.
cli-help-usage-prefix = usage:
cli-help-positionals = arguments
cli-help-options = options
cli-help-help = show this help and exit
cli-help-commands = commands
cli-help-metavar-command = COMMAND
cli-help-metavar-file = FILE
cli-help-metavar-phone = PHONE
cli-help-metavar-date = DATE
cli-help-metavar-moment = TIME
cli-help-metavar-name = NAME
cli-help-metavar-text = TEXT
cli-help-metavar-dir = DIR
cli-help-metavar-amount = AMOUNT
cli-usage-error = { $prog }: { $message } (see { $prog } --help)

cli-help-parkbot = parkbot: the command line of the industrial park campaign bot. Add --help after any command for its usage, e.g. parkbot meeting --help.
cli-help-run = apply pending database migrations, then run the bot (long polling). Example: parkbot run
cli-help-db = the database schema. Example: parkbot db upgrade
cli-help-db-upgrade = apply pending database migrations. Example: parkbot db upgrade
cli-help-roster = the leader pairing table (roster). Example: parkbot roster import roster.xlsx
cli-help-roster-import = import a roster (CSV or XLSX); one bad row and nothing is written. Example: parkbot roster import roster.xlsx
cli-help-roster-import-file = the roster file to import, .csv (UTF-8 or GB18030) or .xlsx, e.g. roster.xlsx
cli-help-roster-import-deactivate-missing = also deactivate the people and projects the file no longer lists (audited; their unused invite links are revoked); without it they are only listed, e.g. parkbot roster import --deactivate-missing roster.xlsx
cli-help-roster-template = write a roster template (XLSX with the 项目 and 人员 sheets and an example row). Example: parkbot roster template roster-template.xlsx
cli-help-roster-template-file = the template file to write, ending in .xlsx, e.g. roster-template.xlsx
cli-help-demo-data = load demo data: the parks and projects of the campaign document, fictional people. Example: parkbot demo-data
cli-help-demo = try everything with one command: load the demo into a throwaway database, serve the built-in messenger (never Telegram, even with a token set) and print sign-in links for a liaison, a leader and the command centre; Ctrl-C ends it and removes the data. Example: parkbot demo
cli-help-demo-port = port of the web server (default 8080; 0: any free port). Example: parkbot demo --port 8081
cli-help-demo-keep = keep the demo's data in this directory instead of a temporary one, to go on next time. Example: parkbot demo --keep demo-data
cli-help-invite = print single-use invite links, one per person; a new link revokes the person's older ones, and a person already bound gets none without --rebind. Example: parkbot invite 13900000011, or parkbot invite --all
cli-help-invite-phones = phone numbers of the people, one or more, e.g. 13900000011 13900000012
cli-help-invite-all = invite everyone not yet bound (run twice, only the newest links work), e.g. parkbot invite --all
cli-help-invite-rebind = a re-bind invite for a bound person: redeemed, it moves the binding to the new account and tells the old account and the admins, e.g. parkbot invite --rebind 13900000011
cli-help-invite-revoke = revoke the person's unused invite links (the binding stays), e.g. parkbot invite --revoke 13900000011
cli-help-invite-list = list the unused, unexpired invite links (without their tokens), e.g. parkbot invite --list

cli-help-person = grant and revoke access; each change is audited and takes effect at once. Example: parkbot person deactivate 13900000011
cli-help-person-deactivate = take a person's access away: their next message gets the stranger's answer, open forms close, queued messages and invites are cancelled. Example: parkbot person deactivate 13900000011
cli-help-person-deactivate-phone = the person's phone number, e.g. 13900000011
cli-help-person-reactivate = give a deactivated person access again (with the account still bound). Example: parkbot person reactivate 13900000011
cli-help-person-reactivate-phone = the person's phone number, e.g. 13900000011
cli-help-person-unbind = detach a person's Telegram account (it becomes a stranger's); they can be invited again. Example: parkbot person unbind 13900000011
cli-help-person-unbind-phone = the person's phone number, e.g. 13900000011

cli-help-audit = list the audit log, one line per entry, newest last, times in PARKBOT_TIMEZONE. Example: parkbot audit --person 13900000011 --since { $start }
cli-help-audit-person = only what concerns or was done by this person, e.g. 13900000011
cli-help-audit-since = only entries from this day on, e.g. { $start } or 2026-03-01

cli-help-meeting = dispatch meetings. Example: parkbot meeting list
cli-help-meeting-add = schedule a dispatch meeting. Example: parkbot meeting add --at "{ $moment }" --park 常德经开区 --place "Room 301"
cli-help-meeting-list = list the upcoming meetings. Example: parkbot meeting list
cli-help-meeting-edit = change a meeting (its reminders are re-planned, people already told are told again). Example: parkbot meeting edit 3 --place "Room 201"
cli-help-meeting-cancel = cancel a meeting. Example: parkbot meeting cancel 3
cli-help-meeting-id = the meeting's number (see parkbot meeting list), e.g. 3
cli-help-meeting-add-at = when the meeting starts (in PARKBOT_TIMEZONE), e.g. "{ $moment }"
cli-help-meeting-add-park = the host park's name, e.g. 常德经开区
cli-help-meeting-add-place = where the meeting is held, e.g. "Room 301"
cli-help-meeting-add-deadline = the report deadline, e.g. "{ $deadline }"; default: DEADLINE_DAYS_BEFORE days before the meeting, at 18:00
cli-help-meeting-add-period = the reporting month YYYY-MM, e.g. { $period }; default: the deadline's month
cli-help-meeting-edit-at = the new start time, e.g. "{ $moment }"
cli-help-meeting-edit-park = the new host park's name, e.g. 常德经开区
cli-help-meeting-edit-place = the new place, e.g. "Room 201"
cli-help-meeting-edit-deadline = the new report deadline, e.g. "{ $deadline }"
cli-help-meeting-edit-period = the new reporting month YYYY-MM, e.g. { $next_period }

cli-help-leave = people on leave: no reminders, not counted missing. Example: parkbot leave list
cli-help-leave-add = mark someone on leave. Example: parkbot leave add 13900000011 --from { $start } --to { $end }
cli-help-leave-list = list current and future leave. Example: parkbot leave list
cli-help-leave-phone = the phone number of the person on leave, e.g. 13900000011
cli-help-leave-from = the first day of leave, e.g. { $start }, 2026-03-01 or 3月1日
cli-help-leave-to = the last day of leave (included), e.g. { $end }, 2026-03-15 or 3月15日

cli-help-export = write the ledger (台账, XLSX) of a month: every project and a city overview. Example: parkbot export --period { $period } -o ledger.xlsx
cli-help-export-period = the ledger's month YYYY-MM, e.g. { $period }; default: this month
cli-help-export-output = the output file, ending in .xlsx, in an existing directory, e.g. ledger-{ $period }.xlsx

cli-help-targets = show or set the year's targets (the board's headline figures are measured against them). Example: parkbot targets --year 2026 --new-starts 50 --in-production 16 --investment 600亿
cli-help-targets-year = the year, e.g. 2026; default: this year
cli-help-targets-new-starts = target number of new ≥100m-yuan industrial projects started, e.g. 50
cli-help-targets-in-production = target number of projects going into production, e.g. 16
cli-help-targets-investment = industrial fixed-asset investment target, written as in reports, e.g. 600亿 or 6000000 (10k yuan)
cli-help-backup = copy the database while the bot runs (SQLite; for PostgreSQL it prints the pg_dump command). Example: parkbot backup /var/backups/parkbot/parkbot-{ $period }.db
cli-help-backup-file = the backup file to write, in an existing directory, e.g. parkbot-{ $period }.db
cli-help-backup-force = replace the file if it exists already, e.g. parkbot backup --force nightly.db
cli-help-restore = put a backup in place of the database (SQLite; the bot must be stopped), then migrate it. Example: parkbot restore parkbot-{ $period }.db
cli-help-restore-file = the backup file, written by parkbot backup, e.g. parkbot-{ $period }.db
