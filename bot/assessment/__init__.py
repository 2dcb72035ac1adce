"""Park assessment (园区分类考核): the scheme as data, its XLSX file, and the scoring."""
