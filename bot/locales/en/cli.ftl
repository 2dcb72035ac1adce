cli-db-upgraded = The database schema is up to date ({ $count } migrations applied now).
cli-roster-nothing-written = The roster has errors; nothing was written. Fix them and import again.
cli-template-written = Roster template written: { $path }
cli-invite-usage = Give phone numbers, or --all to invite everyone not yet bound.
cli-invite-unknown-phone = No one on the roster has the phone number { $phone }; no invite was created.
cli-invite-nobody = Everyone is bound already; no invites needed.
cli-already-running = Another parkbot is already running on this database ({ $lock }); not starting a second one.
