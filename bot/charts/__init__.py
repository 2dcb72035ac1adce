"""Charts sent to chat as PNG."""
