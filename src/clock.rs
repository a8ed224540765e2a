//! Wall-clock time and calendar dates, without a date crate. Timestamps are stored in UTC
//! (ISO-8601 text); "today" (due dates, overdue flags, the brief's date) is the advisor's local
//! day in the configured time zone ([`Zone`], `[ui] timezone`).

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

mod zone;

pub use zone::Zone;

static ZONE: OnceLock<Zone> = OnceLock::new();

/// Set the advisor's time zone once, at start-up (later calls are ignored).
pub fn set_zone(zone: Zone) {
    let _ = ZONE.set(zone);
}

/// The advisor's time zone: as set at start-up, else Viet Nam's.
pub fn zone() -> &'static Zone {
    ZONE.get_or_init(Zone::viet_nam)
}

/// Now as `YYYY-MM-DDTHH:MM:SSZ`. `GOGLOBAL_NOW` (same format or a date) fixes it for tests.
pub fn now_iso() -> String {
    if let Ok(fixed) = std::env::var("GOGLOBAL_NOW") {
        if fixed.len() == 10 {
            return format!("{fixed}T00:00:00Z");
        }
        return fixed;
    }
    iso_of(now_secs())
}

/// Now in seconds since 1970-01-01 UTC (`GOGLOBAL_NOW` too; a bad one counts as 1970).
pub fn now_secs() -> i64 {
    match std::env::var("GOGLOBAL_NOW") {
        Ok(fixed) => parse_iso(&fixed).unwrap_or(0),
        Err(_) => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    }
}

/// Today as `YYYY-MM-DD`: the local day in the advisor's time zone.
pub fn today() -> String {
    local_date(now_secs(), zone())
}

/// The local date at `secs` (UTC seconds) in `zone`.
pub fn local_date(secs: i64, zone: &Zone) -> String {
    format_date((secs + zone.offset_at(secs)).div_euclid(86_400))
}

/// A stored UTC timestamp as a reader wants it: local time with its offset,
/// `2026-11-23T09:00:00Z` → `2026-11-23 16:00 +07:00`. Text that is not a timestamp is kept.
pub fn local_stamp(at: &str) -> String {
    let Some(secs) = parse_iso(at) else {
        return at.to_string();
    };
    let offset = zone().offset_at(secs);
    let local = iso_of(secs + offset);
    format!(
        "{} {} {}",
        &local[..10],
        &local[11..16],
        offset_label(offset)
    )
}

/// The local day of a stored UTC timestamp (`2026-11-23T20:00:00Z` → `2026-11-24` in Viet
/// Nam); a bare date or other text is kept as written.
pub fn local_day(at: &str) -> String {
    match parse_iso(at) {
        Some(secs) if at.len() > 10 => local_date(secs, zone()),
        _ => crate::text::head(at, 10).to_string(),
    }
}

/// `+07:00`, `-03:30`, `+00:00`.
pub fn offset_label(offset_secs: i64) -> String {
    let sign = if offset_secs < 0 { '-' } else { '+' };
    let m = offset_secs.abs() / 60;
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

fn iso_of(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` with `Z` or `±HH:MM` (no suffix = UTC) → UTC seconds.
pub fn parse_iso(s: &str) -> Option<i64> {
    let day = parse_date(s.get(..10)?)?;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(day * 86_400);
    }
    let rest = rest.strip_prefix(['T', ' '])?;
    let num = |a: usize, b: usize| -> Option<i64> {
        let t = rest.get(a..b)?;
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    let (h, mi) = (num(0, 2)?, num(3, 5)?);
    if rest.as_bytes().get(2) != Some(&b':') || h > 23 || mi > 59 {
        return None;
    }
    let (sec, zone_at) = if rest.as_bytes().get(5) == Some(&b':') {
        (num(6, 8).filter(|s| *s <= 60)?, 8)
    } else {
        (0, 5)
    };
    let offset = match rest.get(zone_at..)? {
        "" | "Z" | "z" => 0,
        z => zone::parse_offset(z)?,
    };
    Some(day * 86_400 + h * 3600 + mi * 60 + sec - offset)
}

/// Parse `YYYY-MM-DD` into days since 1970-01-01; `None` if not a real date.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !s.is_ascii() {
        return None;
    }
    let y: i64 = s[0..4].parse().ok()?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..10].parse().ok()?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// `YYYY-MM-DD` of a day number.
pub fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The date `n` days after `date` (`YYYY-MM-DD`).
pub fn add_days(date: &str, n: i64) -> Option<String> {
    parse_date(date).map(|d| format_date(d + n))
}

pub(crate) fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's algorithms for the proleptic Gregorian calendar.
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for s in ["1970-01-01", "2000-02-29", "2026-11-23", "2028-12-31"] {
            assert_eq!(format_date(parse_date(s).unwrap()), s);
        }
        assert_eq!(add_days("2026-12-30", 3).unwrap(), "2027-01-02");
        assert!(parse_date("2026-02-29").is_none());
        assert!(parse_date("2026-13-01").is_none());
        assert!(parse_date("26-1-1").is_none());
        assert!(parse_date("2026-1ề-1").is_none());
    }

    #[test]
    fn viet_nam_day_starts_seven_hours_before_utc() {
        let vn = Zone::viet_nam();
        // 2026-12-01 23:30 UTC is 06:30 on 2 December in Viet Nam.
        let late = parse_iso("2026-12-01T23:30:00Z").unwrap();
        assert_eq!(local_date(late, &vn), "2026-12-02");
        assert_eq!(local_date(late, &Zone::utc()), "2026-12-01");
        // 16:59 UTC is still the same day there.
        let afternoon = parse_iso("2026-12-01T16:59:59Z").unwrap();
        assert_eq!(local_date(afternoon, &vn), "2026-12-01");
        assert_eq!(parse_iso("2026-12-02T06:30+07:00"), Some(late));
        assert_eq!(
            parse_iso("2026-12-02"),
            Some(parse_iso("2026-12-02T00:00:00Z").unwrap())
        );
        assert!(parse_iso("2026-12-02Tx").is_none());
        assert!(parse_iso("2026-12-02T25:00Z").is_none());
    }
}
