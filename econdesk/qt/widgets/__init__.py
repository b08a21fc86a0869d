"""Reusable widgets: the data table, delegates, panels and charts."""
