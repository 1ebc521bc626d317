"""TOML files and their diagnostics: located parse errors, strict field readers with
"did you mean", atomic owner-only writes and file locks. Used by `store` (offers, history,
settings) and `content` (guidance); knows nothing of offers or questions."""
