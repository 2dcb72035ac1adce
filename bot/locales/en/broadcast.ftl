cmd-broadcast = Broadcast a message
broadcast-ask-audience = Who should receive it?
broadcast-ask-park = Which park?
broadcast-ask-text = Type the message to broadcast:
broadcast-audience-everyone = Everyone
broadcast-audience-role-liaison = All liaisons
broadcast-audience-role-leader = All responsible leaders
broadcast-audience-role-admin = The command centre
broadcast-audience-park = Liaisons and leaders of one park
broadcast-audience-park-named = Liaisons and leaders of { $park }
broadcast-audience-red-leaders = Leaders of red-light projects
broadcast-preview = Please confirm the broadcast:
    To: { $audience } ({ $count } people)
    Message:
    { $text }
button-send = 📣 Send
broadcast-progress = 📣 Broadcast: { $sent } of { $total } sent, { $failed } failed, { $unreachable } unreachable
broadcast-done = ✅ Broadcast finished.
broadcast-unreachable = Could not be reached: { $people }
broadcast-cancelled = Cancelled; nothing was sent.
broadcast-refused-text-length = The message cannot be empty or longer than { $limit } characters.
broadcast-refused-nobody = Nobody is in that audience; nothing was sent.
broadcast-refused-audience-unknown = Unknown audience.
