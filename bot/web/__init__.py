"""The web server's adapters: the web chat, the webhook, health and metrics (Starlette)."""
