"""parkbot's own messenger: a local stand-in for Telegram's Bot API, served with the web chat.

Telegram is blocked where the campaign works, and government networks don't reach it; this is
the embedded default, as SQLite is the database's. The bot talks to it over HTTP exactly as to
Telegram (bot/messenger/server.py); people use it through the web chat (bot/web/chat).
"""
