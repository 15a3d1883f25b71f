//! The report's date range: local calendar days in an IANA timezone, turned into the UTC
//! instants and rollup spans that cover them.
//!
//! Rollups are kept per UTC hour and day. A range is read as whole UTC days in the
//! middle and hours at the edges, so a 30-day report reads ~30 day rows and at most 46
//! hour rows per assistant and model. Local midnights fall on UTC hour boundaries in
//! every zone with a whole-hour offset; in the few with a 30/45-minute offset (India,
//! Nepal, parts of Australia) a day's edges are rounded down to the UTC hour.

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use kremna_shared::repo::usage::{Span, start_of_day, start_of_hour};

use crate::error::ApiError;

/// Longest range one report covers.
pub const MAX_DAYS: u64 = 366;
/// Days covered when the request names no `from` (the original's 7-day chart).
pub const DEFAULT_DAYS: u64 = 7;

#[derive(Debug, Clone)]
pub struct ReportRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub tz: Tz,
    /// First instant of `from` in `tz` (hour-aligned).
    pub start: DateTime<Utc>,
    /// First instant after `to` in `tz` (hour-aligned).
    pub end: DateTime<Utc>,
}

impl ReportRange {
    /// `to` defaults to today in `timezone`, `from` to the 7 days ending on `to`.
    pub fn parse(
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        timezone: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Self, ApiError> {
        let tz: Tz = match timezone {
            None => Tz::UTC,
            Some(name) => name.parse().map_err(|_| {
                ApiError::validation(
                    "timezone",
                    "must be an IANA timezone name, such as `Europe/Paris` or `UTC`",
                )
            })?,
        };
        let to = to.unwrap_or_else(|| now.with_timezone(&tz).date_naive());
        let from = match from {
            Some(from) => from,
            None => to
                .checked_sub_days(Days::new(DEFAULT_DAYS - 1))
                .ok_or_else(|| ApiError::validation("to", "is out of range"))?,
        };
        if from > to {
            return Err(ApiError::validation("from", "must not be after `to`"));
        }
        let span = u64::try_from((to - from).num_days()).unwrap_or(u64::MAX) + 1;
        if span > MAX_DAYS {
            return Err(ApiError::validation(
                "from",
                format!("a report covers at most {MAX_DAYS} days"),
            ));
        }
        let after = to
            .checked_add_days(Days::new(1))
            .ok_or_else(|| ApiError::validation("to", "is out of range"))?;
        let start = local_midnight(tz, from)
            .ok_or_else(|| ApiError::validation("from", "is out of range"))?;
        let end = local_midnight(tz, after)
            .ok_or_else(|| ApiError::validation("to", "is out of range"))?;
        Ok(Self {
            from,
            to,
            tz,
            start,
            end,
        })
    }

    /// Non-overlapping rollup spans that cover `[start, end)`: whole UTC days in the
    /// middle, hours at the edges.
    pub fn spans(&self) -> Vec<Span> {
        let first_day = if start_of_day(self.start) == self.start {
            self.start
        } else {
            start_of_day(self.start) + chrono::Duration::days(1)
        };
        let last_day = start_of_day(self.end);
        if first_day >= last_day {
            return vec![self.hours(self.start, self.end)];
        }
        vec![
            self.hours(self.start, first_day),
            Span {
                day: true,
                from: first_day,
                to: last_day,
            },
            self.hours(last_day, self.end),
        ]
    }

    fn hours(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Span {
        Span {
            day: false,
            from,
            to,
        }
    }

    /// Whether every local midnight in the range is a UTC midnight, so UTC day rollups
    /// are exactly the local days (UTC itself, or a zone at +00:00 all range long).
    pub fn days_are_utc_days(&self) -> bool {
        self.days()
            .chain(self.to.checked_add_days(Days::new(1)))
            .all(|day| {
                local_midnight(self.tz, day) == Some(day.and_time(chrono::NaiveTime::MIN).and_utc())
            })
    }

    /// Every local day of the range, in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        self.from.iter_days().take_while({
            let to = self.to;
            move |d| *d <= to
        })
    }

    /// The local day an instant (a rollup bucket's start) belongs to.
    pub fn local_day(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.tz).date_naive()
    }
}

/// The first instant of `day` in `tz`, rounded down to the UTC hour. Where clocks skip
/// midnight (a DST change at 00:00) the day starts at the first instant that exists.
fn local_midnight(tz: Tz, day: NaiveDate) -> Option<DateTime<Utc>> {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    let local = tz.from_local_datetime(&midnight).earliest().or_else(|| {
        (1..=3).find_map(|h| {
            tz.from_local_datetime(&(midnight + chrono::Duration::hours(h)))
                .earliest()
        })
    })?;
    Some(start_of_hour(local.with_timezone(&Utc)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn defaults_to_the_last_seven_local_days() {
        let now = at("2026-11-24T23:30:00Z");
        let utc = ReportRange::parse(None, None, None, now).unwrap();
        assert_eq!((utc.from, utc.to), (date("2026-11-18"), date("2026-11-24")));
        // Already the 25th in Tokyo.
        let tokyo = ReportRange::parse(None, None, Some("Asia/Tokyo"), now).unwrap();
        assert_eq!(tokyo.to, date("2026-11-25"));
        assert_eq!(tokyo.start, at("2026-11-18T15:00:00Z"));
        assert_eq!(tokyo.end, at("2026-11-25T15:00:00Z"));
    }

    #[test]
    fn utc_ranges_read_day_rollups_only() {
        let r = ReportRange::parse(
            Some(date("2026-11-01")),
            Some(date("2026-11-30")),
            None,
            Utc::now(),
        )
        .unwrap();
        let spans: Vec<_> = r.spans().into_iter().filter(|s| s.from < s.to).collect();
        assert_eq!(
            spans,
            vec![Span {
                day: true,
                from: at("2026-11-01T00:00:00Z"),
                to: at("2026-12-01T00:00:00Z")
            }]
        );
        assert!(r.days_are_utc_days());
        assert_eq!(r.days().count(), 30);
    }

    #[test]
    fn other_zones_read_hours_at_the_edges() {
        let r = ReportRange::parse(
            Some(date("2026-11-01")),
            Some(date("2026-11-30")),
            Some("America/New_York"),
            Utc::now(),
        )
        .unwrap();
        assert!(!r.days_are_utc_days());
        let spans = r.spans();
        assert_eq!(
            spans[0],
            Span {
                day: false,
                from: at("2026-11-01T04:00:00Z"),
                to: at("2026-11-02T00:00:00Z")
            }
        );
        assert_eq!(
            spans[1],
            Span {
                day: true,
                from: at("2026-11-02T00:00:00Z"),
                to: at("2026-12-01T00:00:00Z")
            }
        );
        assert_eq!(
            spans[2],
            Span {
                day: false,
                from: at("2026-12-01T00:00:00Z"),
                to: at("2026-12-01T05:00:00Z")
            }
        );
        // DST ended on Nov 1: that day is 25 hours long.
        assert_eq!(r.local_day(at("2026-11-02T04:30:00Z")), date("2026-11-01"));
    }

    #[test]
    fn half_hour_zones_round_to_the_hour() {
        let r = ReportRange::parse(
            Some(date("2026-11-02")),
            Some(date("2026-11-02")),
            Some("Asia/Kolkata"),
            Utc::now(),
        )
        .unwrap();
        assert_eq!(r.start, at("2026-11-01T18:00:00Z"));
        assert_eq!(r.end, at("2026-11-02T18:00:00Z"));
    }

    #[test]
    fn refuses_bad_ranges_naming_the_field() {
        let now = Utc::now();
        let field = |e: ApiError| match e {
            ApiError::Validation(f) => f.field,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(ReportRange::parse(None, None, Some("Mars/Olympus"), now).unwrap_err()),
            "timezone"
        );
        assert_eq!(
            field(
                ReportRange::parse(
                    Some(date("2026-11-02")),
                    Some(date("2026-11-01")),
                    None,
                    now
                )
                .unwrap_err()
            ),
            "from"
        );
        assert_eq!(
            field(
                ReportRange::parse(
                    Some(date("2024-01-01")),
                    Some(date("2026-11-01")),
                    None,
                    now
                )
                .unwrap_err()
            ),
            "from"
        );
    }
}
