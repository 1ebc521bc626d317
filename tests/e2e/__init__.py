"""Real-terminal end-to-end tests: the app in tmux, locally and over SSH."""
