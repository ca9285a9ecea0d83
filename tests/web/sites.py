"""Which listeners the test web starts, and the TLS ones' certificates."""

SITES = ("main", "other", "soft404", "archive")  # archive: the Wayback-compatible API (wayback.py)


def tls_wrappers() -> dict:
    """Socket wrappers for HTTPS sites (none yet)."""
    return {}
