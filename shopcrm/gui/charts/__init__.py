"""Charts: matplotlib figures inside Qt widgets, with Chinese text and click-to-drill-down.

Nothing here imports matplotlib at package import: `loader.when_ready` loads it on a background
thread after the window is up, and `canvas` (which imports it) is imported only once it is loaded.
"""
