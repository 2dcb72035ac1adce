"""The outbox: every message is a row first; bot/telegram/sender.py delivers them."""
