"""The built-in SSH practice server: `offer-tui serve --ssh`.

Each authorised public key gets its own home and data directory under the state directory;
each session is one offer-tui child in a fresh pseudo-terminal. No shell is ever reachable.
"""
