"""Structured logs: with LOG_FORMAT=json each record is one JSON object a log collector can read."""

import json
import logging

from django.conf import settings
from django.utils.log import configure_logging


def test_json_log_format_writes_one_object_per_record(capsys):
    config = json.loads(json.dumps(settings.LOGGING))  # a copy
    config["handlers"]["console"]["formatter"] = "json"
    try:
        configure_logging(settings.LOGGING_CONFIG, config)
        logging.getLogger("mentoring.test").warning("outbox delivery failed for %s", "message 12")
        line = capsys.readouterr().err.strip().splitlines()[-1]
    finally:
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)

    record = json.loads(line)
    assert record["level"] == "WARNING"
    assert record["logger"] == "mentoring.test"
    assert record["message"] == "outbox delivery failed for message 12"
    assert {"time", "process"} <= set(record)
