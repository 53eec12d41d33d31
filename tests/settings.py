"""Test settings: the real settings, with a test secret and fast password hashing.

DATABASE_URL and REDIS_URL are honoured as in production, so the suite runs on
PostgreSQL and Redis whenever they are configured (CI always configures them).
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "t" * 40)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
# Rate limits far above what any test sends; throttling tests set their own.
os.environ.setdefault("API_RATE_TOKEN", "100000/minute")
os.environ.setdefault("API_RATE_USER", "100000/minute")
os.environ.setdefault("API_RATE_ANON", "100000/minute")

from portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests call tasks in-process; a real worker started by the integration fixtures
# (TOLLGATE_TEST_WORKER=1) publishes what it enqueues to the broker, as in production.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("TOLLGATE_TEST_WORKER") != "1"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
