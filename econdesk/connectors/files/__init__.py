"""Importers for files a bookkeeper downloads: acquirer settlement reports (Clearhaus-style,
or any CSV through a saved column mapping) and bank statements (Danish netbank CSV exports
and ISO 20022 camt.053). Every importer parses the whole file first and returns all of it or
raises one clear error naming the file, line, column and value: nothing is half-imported.
"""
