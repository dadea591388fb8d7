"""The production settings, served by gunicorn for bench/load.py, plus the bare view of bench/urls.py.

Everything else comes from the environment bench/load.py sets: a throwaway
PostgreSQL database, a spare Redis database, a random secret key, plain HTTP
on 127.0.0.1.
"""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
