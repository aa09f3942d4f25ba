"""The review desk: a local web application over a records folder (`credit-tracker serve`).

It does through forms what the commands do, calling the same services and writing through the
store with its lock. An edge, like cli/: the pure layers never import it.
"""

from __future__ import annotations

from credit_tracker.desk.app import DeskSettings, create_app

__all__ = ["DeskSettings", "create_app"]
