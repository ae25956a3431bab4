"""Building the objects that live as long as the process, without garbage-collector pauses.

Loading 100,000 items makes millions of objects that never form garbage cycles, yet each
full collection walks them all (about 100 ms at that size): during loading, and later in the
middle of any lookup. `long_lived()` collects what garbage there is first (so none of it is
kept for good), pauses the collector while the objects are made, and then moves them out of
its scans (`gc.freeze`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived() -> Iterator[None]:
    """Collect, pause the garbage collector for the block, then freeze what exists."""
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
