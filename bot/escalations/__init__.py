"""Escalations to leaders and their one-tap instructions (批示): 已阅, 请协调, 督办, 回复."""
