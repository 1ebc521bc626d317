"""offer-tui: decline, back out of, and go back to job offers without burning bridges."""

__version__ = "0.1.0"
