"""Command-centre broadcasts: an audience, a text, one outbox row per recipient."""
