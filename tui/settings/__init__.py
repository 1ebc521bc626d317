"""Settings: the config file, the environment and the command-line flags, resolved once by
one precedence rule (flag > environment > config.toml > default; see `core`)."""

from tui.settings.core import FlagError, Flags, Resolved, Settings, open_settings, resolve

__all__ = ["FlagError", "Flags", "Resolved", "Settings", "open_settings", "resolve"]
