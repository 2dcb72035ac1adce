"""The monthly progress report form (进度填报)."""
