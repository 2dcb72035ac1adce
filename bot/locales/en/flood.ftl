# The flood guard (bot/flood.py): someone sent messages faster than a person types.
flood-slow-down = You are sending messages too fast; please wait and try again. Messages sent in the next { $seconds } seconds will be ignored.
