"""Which listeners the test web starts, and the TLS ones' certificates."""

SITES = ("main", "other", "soft404", "archive", "nitter")  # archive: the Wayback-compatible API (wayback.py); nitter: a Nitter-like mirror (social.py)


def tls_wrappers() -> dict:
    """Socket wrappers for HTTPS sites (none yet)."""
    return {}
