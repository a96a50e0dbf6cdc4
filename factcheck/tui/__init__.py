"""The Textual review app (``factcheck review``): queue, group and article screens.

Start it with ``factcheck.tui.app.ReviewApp(db_path, reviewer).run()``.
"""
