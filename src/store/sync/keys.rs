//! Keys of the rows people create, unique across sites without coordination: the seconds since
//! 2020 in the high bits and 21 random bits below, always above the largest key in the table (so
//! ordering by key stays the order of creation). They stay below 2^53 so JSON readers that hold
//! numbers as doubles keep them exact. Demo rows that `init` seeds keep small keys (1, 2, …),
//! identical at every site, so a demo SME never turns into two.

use std::cell::Cell;
use std::hash::{BuildHasher, Hasher};
use std::thread::LocalKey;
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::Connection;

/// Keys at or above this are global; below are demo rows (identical everywhere) and handles.
pub const GLOBAL_KEY_FLOOR: i64 = 1 << 32;
const EPOCH_2020: u64 = 1_577_836_800;
const RANDOM_BITS: u32 = 21;

thread_local! {
    static SEEDING: Cell<bool> = const { Cell::new(false) };
}

/// Run `f` as the demo seed: rows get SQLite's next small key and nothing is captured for sync
/// (every site seeds the same rows itself).
pub fn seeding<T>(f: impl FnOnce() -> T) -> T {
    with_flag(&SEEDING, f)
}

/// Run `f` with the thread-local `flag` set, restoring it afterwards (even on a panic).
pub(super) fn with_flag<T>(flag: &'static LocalKey<Cell<bool>>, f: impl FnOnce() -> T) -> T {
    struct Reset(&'static LocalKey<Cell<bool>>, bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            self.0.with(|s| s.set(self.1));
        }
    }
    let _reset = Reset(flag, flag.with(|s| s.replace(true)));
    f()
}

pub fn is_seeding() -> bool {
    SEEDING.with(Cell::get)
}

/// A random 64-bit number from the standard library's randomly seeded hasher.
pub fn random_u64() -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    h.finish()
}

/// The key for a new row of `table` (None while seeding: SQLite picks the next small one).
pub fn new_key(conn: &Connection, table: &str) -> rusqlite::Result<Option<i64>> {
    if is_seeding() {
        return Ok(None);
    }
    let max: Option<i64> = conn
        .prepare_cached(&format!("SELECT max(id) FROM {table}"))?
        .query_row([], |r| r.get(0))?;
    Ok(Some(next_after(max.unwrap_or(0), random_u64())))
}

/// The next key after `max` with randomness `r`: the time-based key, or a small random step
/// above `max` when the clock is behind it (rows from a site whose clock runs ahead).
pub fn next_after(max: i64, r: u64) -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
        .saturating_sub(EPOCH_2020);
    let low = r & ((1 << RANDOM_BITS) - 1);
    let timed = ((secs << RANDOM_BITS) | low) as i64;
    let stepped = max.saturating_add(1 + (r >> 54) as i64);
    timed.max(stepped).max(GLOBAL_KEY_FLOOR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_global_json_safe_and_increase() {
        let a = next_after(0, random_u64());
        assert!((GLOBAL_KEY_FLOOR..(1 << 53)).contains(&a), "{a}");
        let b = next_after(a, random_u64());
        assert!(b > a);
        let far = (1i64 << 52) + 5;
        assert!(next_after(far, 0) > far);
    }

    #[test]
    fn seeding_gives_no_key_and_resets() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY)")
            .unwrap();
        assert!(new_key(&conn, "t").unwrap().is_some());
        seeding(|| assert_eq!(new_key(&conn, "t").unwrap(), None));
        assert!(!is_seeding());
    }
}
