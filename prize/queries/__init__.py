"""All SQL statements live here: selects that return models, rows or DataFrames."""
