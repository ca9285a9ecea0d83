"""A Nitter mirror the configuration names is searched wherever it lives (a self-hosted one on
the intranet), with allow_private_networks off: the services a user configured are no address a
document chose (crawler/middlewares/refusals.py `configured_netlocs`: a host and its port).  The
mirror here is the test web's, under a name pinned to 127.0.0.1, trusted as the mirror alone."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

import db as database
from crawler import social
from crawler.config import load_config
from tests.test_social import letter_db, resolution, social_env


def _canada(web, tmp_path, mirror_host: str) -> dict:
    """Canada's tweet (footnote 16), which only the mirror has, resolved with private addresses refused."""
    env = social_env(web, tmp_path, "social-private-" + uuid.uuid4().hex[:8], mirrors=False)
    env.update({"CITEWATCH_ALLOW_PRIVATE_NETWORKS": "0",
                "CITEWATCH_NITTER_MIRRORS": f"http://{mirror_host}:{urlsplit(web['nitter']).port}",
                "CITEWATCH_RESOLVE_HOSTS": "nitter.test=127.0.0.1,*=fail"})
    config = load_config(env=env)
    ids = letter_db(config)
    db = database.open_db(config.db_path)
    social.run(db, config, citation_ids=[ids[16]])
    return resolution(db, ids[16])


def test_a_configured_mirror_on_a_private_address_is_searched(web, tmp_path):
    assert _canada(web, tmp_path, "nitter.test")["status"] == "resolved"

