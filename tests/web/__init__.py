"""Tests of the web server: the local messenger, the web chat, webhook, health and metrics."""
