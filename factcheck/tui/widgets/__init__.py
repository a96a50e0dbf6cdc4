"""Widgets by the screen region they fill: filter bar and table (queue), claim card (group)."""
