"""Park assessment (分类考核) and the publication of its results (公示)."""
