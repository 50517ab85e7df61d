"""A procedure's own stages after filing (hook procedure_stages): recorded by agents, shown on both dossier pages."""
