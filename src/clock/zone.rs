//! Time zones without a date crate. Viet Nam has kept UTC+7 with no daylight saving since
//! 1975, so the default zone is a fixed offset and needs no file. Other zones (and `local`,
//! the system's) are read from the system's TZif files: the transition table, then the POSIX
//! rule at the file's end for later times (RFC 8536).

use super::{civil_from_days, days_from_civil, days_in_month};

/// A time zone: its name and how far local time is from UTC at any instant.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    pub name: String,
    /// Offset before the first transition.
    initial: i64,
    /// (UTC seconds, offset from then on), in time order.
    transitions: Vec<(i64, i64)>,
    /// The rule after the last transition.
    rule: Option<Rule>,
}

/// A POSIX `TZ` rule: standard offset, and daylight saving between two yearly dates.
#[derive(Debug, Clone, PartialEq)]
struct Rule {
    std: i64,
    dst: Option<Dst>,
}

#[derive(Debug, Clone, PartialEq)]
struct Dst {
    offset: i64,
    /// Local (standard) time when it starts, local (daylight) time when it ends.
    start: (Date, i64),
    end: (Date, i64),
}

/// `Mm.w.d`: day `d` (0 = Sunday) of week `w` (5 = last) of month `m`; `Jn` / `n`: day of year.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Date {
    MonthWeekDay(u32, u32, u32),
    Julian1(u32),
    Julian0(u32),
}

impl Zone {
    /// `Asia/Ho_Chi_Minh`: UTC+7 all year.
    pub fn viet_nam() -> Zone {
        Zone::fixed("Asia/Ho_Chi_Minh", 7 * 3600)
    }

    pub fn utc() -> Zone {
        Zone::fixed("UTC", 0)
    }

    fn fixed(name: &str, offset: i64) -> Zone {
        Zone {
            name: name.into(),
            initial: offset,
            transitions: Vec::new(),
            rule: None,
        }
    }

    /// The zone named in `[ui] timezone`: `local` (the system's: `TZ`, else /etc/localtime),
    /// an IANA name (`Asia/Bangkok`, read from the system's zone files), `UTC`, or an offset
    /// (`+07:00`). Errors say how to fix the setting.
    pub fn from_config(name: &str) -> Result<Zone, crate::lang::Said> {
        let name = name.trim();
        match name {
            "" | "Asia/Ho_Chi_Minh" | "Asia/Saigon" => return Ok(Zone::viet_nam()),
            "UTC" | "Etc/UTC" | "GMT" | "Z" => return Ok(Zone::utc()),
            "local" => return Ok(Zone::local()),
            _ => {}
        }
        if let Some(offset) = parse_offset(name) {
            return Ok(Zone::fixed(name, offset));
        }
        let safe = name
            .split('/')
            .all(|part| !part.is_empty() && part != ".." && part != ".")
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'));
        let bytes = safe
            .then(|| std::fs::read(format!("{ZONEINFO}/{name}")).ok())
            .flatten();
        bytes
            .and_then(|b| Zone::from_tzif(name, &b))
            .ok_or_else(|| crate::messages::said(|t| crate::say!(t.zone_unknown, name = name)))
    }

    /// The system's zone: `TZ` if set (a zone name, a file or a POSIX rule), else
    /// /etc/localtime; UTC when neither can be read.
    pub fn local() -> Zone {
        if let Some(tz) = std::env::var("TZ").ok().filter(|t| !t.is_empty()) {
            let tz = tz.strip_prefix(':').unwrap_or(&tz);
            let path = if tz.starts_with('/') {
                tz.to_string()
            } else {
                format!("{ZONEINFO}/{tz}")
            };
            if let Some(z) = std::fs::read(&path)
                .ok()
                .and_then(|b| Zone::from_tzif(tz, &b))
            {
                return z;
            }
            if let Some(rule) = Rule::parse(tz) {
                return Zone {
                    name: tz.into(),
                    initial: rule.std,
                    transitions: Vec::new(),
                    rule: Some(rule),
                };
            }
        }
        std::fs::read("/etc/localtime")
            .ok()
            .and_then(|b| Zone::from_tzif("local", &b))
            .unwrap_or_else(Zone::utc)
    }

    /// Read a TZif file (versions 1 to 4); `None` if it is not one.
    pub fn from_tzif(name: &str, bytes: &[u8]) -> Option<Zone> {
        let (header, v1) = TzifHeader::read(bytes)?;
        let (initial, transitions, rest) = if header.version >= b'2' {
            // The 64-bit block follows the 32-bit one.
            let (h2, data) = TzifHeader::read(v1.get(header.data_len(4)..)?)?;
            let (initial, transitions) = h2.transitions(data, 8)?;
            (initial, transitions, data.get(h2.data_len(8)..)?)
        } else {
            let (initial, transitions) = header.transitions(v1, 4)?;
            (initial, transitions, &[][..])
        };
        // Version 2+ ends with `\n<POSIX TZ rule>\n`.
        let footer = std::str::from_utf8(rest).ok().map(|f| f.trim_matches('\n'));
        let rule = footer.filter(|f| !f.is_empty()).and_then(Rule::parse);
        Some(Zone {
            name: name.into(),
            initial,
            transitions,
            rule,
        })
    }

    /// Seconds to add to UTC for local time at `secs` (UTC seconds since 1970).
    pub fn offset_at(&self, secs: i64) -> i64 {
        let after_last = self.transitions.last().is_none_or(|(at, _)| secs >= *at);
        if let (true, Some(rule)) = (after_last, &self.rule) {
            return rule.offset_at(secs);
        }
        match self.transitions.partition_point(|(at, _)| *at <= secs) {
            0 => self.initial,
            i => self.transitions[i - 1].1,
        }
    }
}

const ZONEINFO: &str = "/usr/share/zoneinfo";

struct TzifHeader {
    version: u8,
    isutcnt: usize,
    isstdcnt: usize,
    leapcnt: usize,
    timecnt: usize,
    typecnt: usize,
    charcnt: usize,
}

impl TzifHeader {
    /// The header at the start of `bytes`, and the bytes after it.
    fn read(bytes: &[u8]) -> Option<(TzifHeader, &[u8])> {
        if bytes.get(..4)? != b"TZif" {
            return None;
        }
        let count = |i: usize| -> Option<usize> {
            let b = bytes.get(20 + 4 * i..24 + 4 * i)?;
            usize::try_from(u32::from_be_bytes(b.try_into().ok()?)).ok()
        };
        let h = TzifHeader {
            version: *bytes.get(4)?,
            isutcnt: count(0)?,
            isstdcnt: count(1)?,
            leapcnt: count(2)?,
            timecnt: count(3)?,
            typecnt: count(4)?,
            charcnt: count(5)?,
        };
        Some((h, bytes.get(44..)?))
    }

    /// Length of the data block with `time_size`-byte times.
    fn data_len(&self, time_size: usize) -> usize {
        self.timecnt * (time_size + 1)
            + self.typecnt * 6
            + self.charcnt
            + self.leapcnt * (time_size + 4)
            + self.isstdcnt
            + self.isutcnt
    }

    /// (offset before the first transition, transitions) from the data block.
    fn transitions(&self, data: &[u8], time_size: usize) -> Option<(i64, Vec<(i64, i64)>)> {
        if data.len() < self.data_len(time_size) || self.typecnt == 0 {
            return None;
        }
        let times = &data[..self.timecnt * time_size];
        let indices = &data[self.timecnt * time_size..self.timecnt * (time_size + 1)];
        let types = &data[self.timecnt * (time_size + 1)..][..self.typecnt * 6];
        let offset_of = |i: usize| -> Option<i64> {
            let t = types.get(i * 6..i * 6 + 4)?;
            Some(i64::from(i32::from_be_bytes(t.try_into().ok()?)))
        };
        let mut out = Vec::with_capacity(self.timecnt);
        for (chunk, &index) in times.chunks_exact(time_size).zip(indices) {
            let at = if time_size == 8 {
                i64::from_be_bytes(chunk.try_into().ok()?)
            } else {
                i64::from(i32::from_be_bytes(chunk.try_into().ok()?))
            };
            out.push((at, offset_of(usize::from(index))?));
        }
        Some((offset_of(0)?, out))
    }
}

impl Rule {
    /// `<+07>-7`, `ICT-7`, `CET-1CEST,M3.5.0,M10.5.0/3`, `EST5EDT,M3.2.0,M11.1.0`.
    fn parse(s: &str) -> Option<Rule> {
        let mut p = Cursor(s);
        p.name()?;
        let std = -p.offset()?;
        if p.0.is_empty() {
            return Some(Rule { std, dst: None });
        }
        p.name()?;
        let offset = if p.0.starts_with(',') || p.0.is_empty() {
            std + 3600
        } else {
            -p.offset()?
        };
        if p.0.is_empty() {
            // No dates given: POSIX's default rule is US-specific; treat as standard time.
            return Some(Rule { std, dst: None });
        }
        p.expect(',')?;
        let start = p.date_time()?;
        p.expect(',')?;
        let end = p.date_time()?;
        p.0.is_empty().then_some(Rule {
            std,
            dst: Some(Dst { offset, start, end }),
        })
    }

    fn offset_at(&self, secs: i64) -> i64 {
        let Some(dst) = &self.dst else {
            return self.std;
        };
        let (year, _, _) = civil_from_days((secs + self.std).div_euclid(86_400));
        let start = dst.start.0.day(year) * 86_400 + dst.start.1 - self.std;
        let end = dst.end.0.day(year) * 86_400 + dst.end.1 - dst.offset;
        let in_dst = if start < end {
            secs >= start && secs < end
        } else {
            // Southern hemisphere: daylight time spans the new year.
            secs < end || secs >= start
        };
        if in_dst { dst.offset } else { self.std }
    }
}

impl Date {
    /// Day number (since 1970-01-01) of this date in `year`.
    fn day(self, year: i64) -> i64 {
        let jan1 = days_from_civil(year, 1, 1);
        match self {
            Date::Julian0(n) => jan1 + i64::from(n),
            Date::Julian1(n) => {
                // 1..=365, 29 February never counted.
                let leap = days_in_month(year, 2) == 29;
                jan1 + i64::from(n) - 1 + i64::from(leap && n >= 60)
            }
            Date::MonthWeekDay(m, w, d) => {
                let first = days_from_civil(year, m, 1);
                // 1970-01-01 was a Thursday (4).
                let weekday = (first + 4).rem_euclid(7);
                let mut day =
                    first + (i64::from(d) - weekday).rem_euclid(7) + 7 * (i64::from(w) - 1);
                while day >= first + i64::from(days_in_month(year, m)) {
                    day -= 7;
                }
                day
            }
        }
    }
}

/// `+07:00`, `-0330`, `+7`, `UTC+7`: seconds east of UTC.
pub(super) fn parse_offset(s: &str) -> Option<i64> {
    let s = s
        .strip_prefix("UTC")
        .or_else(|| s.strip_prefix("GMT"))
        .unwrap_or(s);
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let body = &s[1..];
    let (h, m) = match body.split_once(':') {
        Some((h, m)) => (h, m),
        None if body.len() == 4 => (body.get(..2)?, body.get(2..)?),
        None => (body, "0"),
    };
    let digits = |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !digits(m) {
        return None;
    }
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

/// A reader over a POSIX `TZ` string.
struct Cursor<'a>(&'a str);

impl Cursor<'_> {
    fn expect(&mut self, c: char) -> Option<()> {
        self.0 = self.0.strip_prefix(c)?;
        Some(())
    }

    /// `ICT` or `<+07>`.
    fn name(&mut self) -> Option<()> {
        if let Some(rest) = self.0.strip_prefix('<') {
            let end = rest.find('>')?;
            self.0 = &rest[end + 1..];
            return Some(());
        }
        let len = self
            .0
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(self.0.len());
        (len >= 3).then(|| self.0 = &self.0[len..])
    }

    /// `[+-]hh[:mm[:ss]]` as seconds (POSIX sign: west of UTC is positive).
    fn offset(&mut self) -> Option<i64> {
        let sign = match self.0.as_bytes().first() {
            Some(b'-') => {
                self.0 = &self.0[1..];
                -1
            }
            Some(b'+') => {
                self.0 = &self.0[1..];
                1
            }
            _ => 1,
        };
        let mut total = 0;
        for (i, scale) in [3600, 60, 1].into_iter().enumerate() {
            if i > 0 && self.expect(':').is_none() {
                break;
            }
            let len = self
                .0
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(self.0.len());
            if len == 0 || len > 3 {
                return None;
            }
            total += self.0[..len].parse::<i64>().ok()? * scale;
            self.0 = &self.0[len..];
        }
        Some(sign * total)
    }

    fn number(&mut self) -> Option<u32> {
        let len = self
            .0
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(self.0.len());
        let n = self.0.get(..len)?.parse().ok()?;
        self.0 = &self.0[len..];
        Some(n)
    }

    /// `M3.5.0/3`, `J60`, `59/-1` (the time defaults to 02:00).
    fn date_time(&mut self) -> Option<(Date, i64)> {
        let date = if let Some(rest) = self.0.strip_prefix('M') {
            self.0 = rest;
            let m = self.number()?;
            self.expect('.')?;
            let w = self.number()?;
            self.expect('.')?;
            let d = self.number()?;
            ((1..=12).contains(&m) && (1..=5).contains(&w) && d <= 6)
                .then_some(Date::MonthWeekDay(m, w, d))?
        } else if let Some(rest) = self.0.strip_prefix('J') {
            self.0 = rest;
            let n = self.number()?;
            (1..=365).contains(&n).then_some(Date::Julian1(n))?
        } else {
            let n = self.number()?;
            (n <= 365).then_some(Date::Julian0(n))?
        };
        let time = if self.0.starts_with('/') {
            self.0 = &self.0[1..];
            self.offset()?
        } else {
            2 * 3600
        };
        Some((date, time))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::parse_iso;

    fn at(s: &str) -> i64 {
        parse_iso(s).unwrap()
    }

    #[test]
    fn posix_rules() {
        let vn = Rule::parse("<+07>-7").unwrap();
        assert_eq!(vn.offset_at(at("2026-06-01T00:00:00Z")), 7 * 3600);
        let paris = Rule::parse("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(paris.offset_at(at("2026-03-29T00:59:59Z")), 3600);
        assert_eq!(paris.offset_at(at("2026-03-29T01:00:00Z")), 7200);
        assert_eq!(paris.offset_at(at("2026-10-25T00:59:59Z")), 7200);
        assert_eq!(paris.offset_at(at("2026-10-25T01:00:00Z")), 3600);
        let sydney = Rule::parse("AEST-10AEDT,M10.1.0,M4.1.0/3").unwrap();
        assert_eq!(sydney.offset_at(at("2026-01-15T00:00:00Z")), 11 * 3600);
        assert_eq!(sydney.offset_at(at("2026-07-15T00:00:00Z")), 10 * 3600);
        let ny = Rule::parse("EST5EDT,M3.2.0,M11.1.0").unwrap();
        assert_eq!(ny.offset_at(at("2026-07-04T12:00:00Z")), -4 * 3600);
        assert_eq!(ny.offset_at(at("2026-12-25T12:00:00Z")), -5 * 3600);
        for bad in [
            "",
            "X-7",
            "<+07",
            "CET-1CEST,M13.1.0,M10.5.0",
            "ICT-7,",
            "ICT-7ICT,M3",
        ] {
            assert!(Rule::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn offsets_and_config_names() {
        assert_eq!(parse_offset("+07:00"), Some(25_200));
        assert_eq!(parse_offset("-0330"), Some(-12_600));
        assert_eq!(parse_offset("UTC+7"), Some(25_200));
        assert_eq!(parse_offset("+7ề"), None);
        assert_eq!(
            Zone::from_config("Asia/Ho_Chi_Minh").unwrap().offset_at(0),
            25_200
        );
        assert_eq!(Zone::from_config("+05:30").unwrap().offset_at(0), 19_800);
        let err = Zone::from_config("Mars/Olympus").unwrap_err();
        assert!(
            err.en.contains("unknown time zone `Mars/Olympus`"),
            "{err:?}"
        );
        assert!(
            err.vi.contains("không có múi giờ `Mars/Olympus`"),
            "{err:?}"
        );
        assert!(Zone::from_config("../../etc/passwd").is_err());
    }

    #[test]
    fn tzif_files_are_read_when_the_system_has_them() {
        // A minimal version 2 file: no transitions, one type (+07), footer rule.
        let mut file = Vec::new();
        let header = |v: u8, typecnt: u32, charcnt: u32| {
            let mut h = b"TZif".to_vec();
            h.push(v);
            h.extend([0u8; 15]);
            for n in [0u32, 0, 0, 0, typecnt, charcnt] {
                h.extend(n.to_be_bytes());
            }
            h
        };
        for _ in 0..2 {
            file.extend(header(b'2', 1, 4));
            file.extend(25_200i32.to_be_bytes());
            file.extend([0u8, 0]);
            file.extend(b"+07\0");
        }
        file.extend(b"\n<+07>-7\n");
        let z = Zone::from_tzif("x", &file).unwrap();
        assert_eq!(z.offset_at(at("2030-01-01T00:00:00Z")), 25_200);
        assert!(Zone::from_tzif("x", &file[..50]).is_none());
        assert!(Zone::from_tzif("x", b"not a zone file").is_none());
    }
}
