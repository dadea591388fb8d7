"""The health check behind `/healthz/`, for a load balancer or an orchestrator.

django-health-check runs the checks; this module chooses them. Mail is left out on
purpose: e-mail goes through the outbox, so an unreachable mail server delays
messages but takes nothing down, and must not take web processes out of rotation.
"""

import dataclasses

from django_q.brokers import get_broker
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Storage
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class TaskBroker(HealthCheck):
    """The django-q2 broker (Redis, or the database) answers, so queued work is not lost."""

    def run(self):
        try:
            answered = get_broker().ping()
        except Exception as error:  # any failure means the broker is unusable
            raise ServiceUnavailable("Task broker unreachable") from error
        if not answered:
            raise ServiceUnavailable("Task broker did not answer")


health = HealthCheckView.as_view(checks=[Database, Cache, Storage, TaskBroker])
