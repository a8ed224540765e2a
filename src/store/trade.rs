//! BACI 2024 product-level trade: seeded as one row per product code (its gzip member, as
//! shipped in `data/trade_hs6.tsv.gz`), read back one code at a time by primary key.

use std::io::Read;

use anyhow::Context;
use flate2::read::GzDecoder;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::schema::{TRADE_HS6_GZ, TRADE_HS6_INDEX};
use crate::domain::Reference;
use crate::domain::trade::{CodeTrade, codes_for};

/// Replace the table with the embedded members (no inflating: each row keeps its member).
pub(super) fn seed(tx: &Transaction) -> anyhow::Result<()> {
    tx.execute("DELETE FROM trade_hs", [])?;
    let mut insert =
        tx.prepare("INSERT INTO trade_hs (code, markets, member) VALUES (?1, ?2, ?3)")?;
    for (i, line) in TRADE_HS6_INDEX.lines().enumerate().skip(1) {
        let bad = || anyhow::anyhow!("data/trade_hs6_index.csv:{}: bad line `{line}`", i + 1);
        let mut f = line.split(',');
        let code = f.next().ok_or_else(bad)?;
        let offset: usize = f.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?;
        let length: usize = f.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?;
        let markets: i64 = f.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?;
        let member = offset
            .checked_add(length)
            .and_then(|end| TRADE_HS6_GZ.get(offset..end))
            .ok_or_else(bad)?;
        insert.execute(params![code, markets, member])?;
    }
    Ok(())
}

/// Inflate one stored member into the code's figures.
fn decode(code: &str, member: &[u8]) -> anyhow::Result<CodeTrade> {
    let mut text = String::new();
    GzDecoder::new(member)
        .read_to_string(&mut text)
        .with_context(|| format!("trade table: code {code} does not inflate"))?;
    let body = text
        .trim_end()
        .split_once('\t')
        .filter(|(c, _)| *c == code)
        .map(|(_, b)| b)
        .with_context(|| format!("trade table: the row of code {code} holds another code"))?;
    CodeTrade::parse(code, body).map_err(|e| anyhow::anyhow!("trade table: {e}"))
}

/// Load the trade figures of products `hs` (and their headings) into `reference.trade`, one
/// indexed read per code not yet loaded. Codes without a row are simply absent.
pub fn load_trade<'a>(
    conn: &Connection,
    reference: &mut Reference,
    hs: impl IntoIterator<Item = &'a str>,
) -> anyhow::Result<()> {
    let mut get = conn.prepare_cached("SELECT member FROM trade_hs WHERE code = ?1")?;
    for product in hs {
        for code in codes_for(product) {
            if reference.trade.contains(&code) {
                continue;
            }
            let member: Option<Vec<u8>> = get.query_row([&code], |r| r.get(0)).optional()?;
            if let Some(member) = member {
                reference.trade.insert(decode(&code, &member)?);
            }
        }
    }
    Ok(())
}

/// The product codes of every SME in the database (what a ranking will ask for).
pub(super) fn sme_products(conn: &Connection) -> anyhow::Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT hs FROM sme_product ORDER BY hs")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn every_code_of_the_index_is_stored_and_decodes() {
        let s = Store::open_in_memory().unwrap();
        let n: i64 = s
            .conn
            .query_row("SELECT count(*) FROM trade_hs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n as usize, TRADE_HS6_INDEX.lines().count() - 1);
        let mut r = Reference::default();
        load_trade(&s.conn, &mut r, ["030617", "08", "999999"]).unwrap();
        let shrimp = r.trade.get("030617").expect("shrimp");
        assert!(shrimp.markets.len() > 150);
        assert!(r.trade.contains("0306") && r.trade.contains("08"));
        assert!(!r.trade.contains("999999"));
    }
}
