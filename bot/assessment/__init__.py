"""Park assessment (园区分类考核): the scheme as data, its scoring, the 公示 window."""
