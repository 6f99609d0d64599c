"""The regulation as code: formal review (形式审查) and conflicts of interest (回避)."""
