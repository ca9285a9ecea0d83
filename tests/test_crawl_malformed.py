"""An answer that is no HTTP a client reads (Twisted refuses a header name with a byte over
0x7F) is a connection-error said in plain words, not Twisted's repr of its Failure."""

from __future__ import annotations

import db as database
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources


def test_a_malformed_header_is_said_in_plain_words(env, web, tmp_path, db_path):
    db = database.open_db(db_path)
    url = web["main"] + "/crawl/malformed-header"
    add_sources(db, [url])
    crawl_here(fast_env(env, web, tmp_path))
    row = db.execute("select class, reason from fetches where requested_url = ?", [url]).fetchone()
    host = url.split("/")[2].split(":")[0]
    assert row[0] == "connection-error"
    assert row[1] == (f"{host} answered, but not in HTTP a client can read (InvalidHeaderName: b'x-caf\\xe9'); "
                      "browsers cannot show it either"), row[1]
