"""Telegram infrastructure below handlers/ and schedules/: Bot API client, sender, runner."""
