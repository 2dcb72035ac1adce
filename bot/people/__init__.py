"""People and the roster: accounts, access rules, invites, the roster file and its import."""
