"""solieu's tests. ``ROOT`` is the checkout; ``SHARED`` the reference material beside it (may be absent)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
