"""/status, /missing and search: the leaders' views of bot/status."""
