"""Dispatch meetings: create, move, cancel, leave; reminder planning, firing and announcements."""
