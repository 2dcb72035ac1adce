"""Monthly progress reports: the report form's domain, drafts, photos, submitting and revising."""
