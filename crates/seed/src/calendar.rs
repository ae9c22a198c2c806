//! Time arithmetic on seeded times, on the UTC calendar, for every generator (the factories, the
//! tenant generator and the `dev` modules).

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveTime, Timelike};

type Time = DateTime<FixedOffset>;

const DAY_MS: f64 = 86_400_000.0;

/// `t` plus `ms` milliseconds.
pub fn plus_ms(t: Time, ms: i64) -> Time {
    t + Duration::milliseconds(ms)
}

/// `t` plus `days` days (fractional, to the millisecond).
pub fn plus_days(t: Time, days: f64) -> Time {
    plus_ms(t, (days * DAY_MS) as i64)
}

/// Days (fractional) from `a` to `b`.
pub fn days(a: Time, b: Time) -> f64 {
    (b - a).num_milliseconds() as f64 / DAY_MS
}

/// Midnight at the start of `t`'s day.
pub fn day_start(t: Time) -> Time {
    t.to_utc()
        .date_naive()
        .and_time(NaiveTime::MIN)
        .and_utc()
        .fixed_offset()
}

/// The start of `t`'s hour.
pub fn hour_start(t: Time) -> Time {
    day_start(t) + Duration::hours(i64::from(t.to_utc().hour()))
}

/// Midnight at the start of `t`'s month.
pub fn month_start(t: Time) -> Time {
    day_start(t) - Duration::days(i64::from(t.to_utc().day0()))
}

/// Midnight at the start of the month after `t`'s.
pub fn next_month(t: Time) -> Time {
    month_start(month_start(t) + Duration::days(32))
}
