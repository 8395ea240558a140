import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Load the task modules, the Celery app and its broker transport (the redis client alone imports in about 100 ms)
# while the worker boots, not during its first submit, where they used to land in that answer's time to grade.
# Nothing here touches the network: a broker that is down at boot still only leaves answers queued.
from config.celery import app as celery_app  # noqa: E402

celery_app.loader.import_default_modules()
celery_app.finalize(auto=True)
celery_app.amqp.producer_pool  # noqa: B018 (builds the pool and resolves the transport; connects on first use)

# Where the offline grader grades, the answer form names the language of an answer that is not in English
# (practice/grading/language.py): load that model (about 0.5 s) at boot too, not in a candidate's first submit.
from django.conf import settings  # noqa: E402

if not settings.OPENAI_API_KEY:
    from practice.grading import language  # noqa: E402

    language.warm_up()
