"""Which listeners the test web starts, and the TLS ones' certificates."""

SITES = ("main", "other", "soft404", "archive", "nitter", "tls_expired", "tls_wrongname", "tls_good")  # archive: the Wayback-compatible API (wayback.py); nitter: a Nitter-like mirror (social.py)  # tls_*: https sites with an expired, a wrong-name and a good certificate (crawl)


def tls_wrappers() -> dict:
    """Socket wrappers for the HTTPS sites, certificates made now by tests/web/tls.py."""
    from tests.web.tls import wrappers

    return wrappers()
