"""Status for leaders: the light rule, per-project status, the city view, search, who is missing."""
