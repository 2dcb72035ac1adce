"""The `parkbot` command line (adapter): parser and commands; `run` is wired in bot/main.py."""
