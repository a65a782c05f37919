"""Five-field cron expressions: parsing, matching and the next run time."""

from cronlite.fields import CronError
from cronlite.schedule import CronSchedule

__all__ = ["CronError", "CronSchedule"]
