"""Repositories: typed access to the tables, speaking domain objects in and out."""
