"""Calendars: how a cost per active day becomes a month and a year.

Two explicit bases (DOMAIN.md section 3):

* ``business_days``: month = day x active days (22 by default; a workload's
  ``active_days_per_month`` overrides it); year = 12 months.
* ``calendar_days``: year = day x 365; month = year / 12.

A workload's ``active_days_per_month`` states how many days a month it really
runs, so it overrides the calendar in both bases: month = day x that number,
year = 12 months. Every cost figure reports which basis produced it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

BUSINESS_DAYS = "business_days"
CALENDAR_DAYS = "calendar_days"
CALENDARS = (BUSINESS_DAYS, CALENDAR_DAYS)
DEFAULT_ACTIVE_DAYS_PER_MONTH = 22
DAYS_PER_YEAR = 365
MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class CalendarBasis:
    calendar: str
    active_days_per_month: int | None  # None: calendar_days without an override
    overridden: bool

    def monthly(self, daily: Decimal) -> Decimal:
        if self.active_days_per_month is None:
            return daily * DAYS_PER_YEAR / MONTHS_PER_YEAR
        return daily * self.active_days_per_month

    def annual(self, daily: Decimal) -> Decimal:
        if self.active_days_per_month is None:
            return daily * DAYS_PER_YEAR
        return daily * self.active_days_per_month * MONTHS_PER_YEAR

    def daily_from_annual(self, annual: Decimal) -> Decimal:
        if self.active_days_per_month is None:
            return annual / DAYS_PER_YEAR
        return annual / (self.active_days_per_month * MONTHS_PER_YEAR)

    def describe(self) -> str:
        if self.active_days_per_month is None:
            return "calendar_days: year = day x 365, month = year / 12"
        source = "workload override" if self.overridden else "calendar default"
        return (
            f"{self.calendar}: month = day x {self.active_days_per_month} active days "
            f"({source}), year = 12 months"
        )


def calendar_basis(calendar: str, active_days_override: int | None = None) -> CalendarBasis:
    if calendar not in CALENDARS:
        raise ValueError(f"unknown calendar {calendar!r}")
    if active_days_override is not None:
        return CalendarBasis(calendar, int(active_days_override), True)
    if calendar == BUSINESS_DAYS:
        return CalendarBasis(calendar, DEFAULT_ACTIVE_DAYS_PER_MONTH, False)
    return CalendarBasis(calendar, None, False)
