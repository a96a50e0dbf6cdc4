"""The Textual review app (``factcheck review``): queue, group and article screens.

Start it with ``factcheck.tui.app.ReviewApp(db_path, reviewer).run()``.
"""

import os

# Textual paces frames at $TEXTUAL_FPS (60 by default): a key's frame waited up to
# 16.7 ms for the next tick, ~15 ms of the first key after a pause at 1M claims. 120
# halves that wait and draws no more frames than there are changes; a reviewer's own
# setting wins. Textual reads it once, when first imported: this package comes first.
os.environ.setdefault("TEXTUAL_FPS", "120")
