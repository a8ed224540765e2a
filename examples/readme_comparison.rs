//! Prints the README's comparison (issue 10): for Viet Nam's main SME export products, how the
//! top 15 of `goglobal match` compares with where Viet Nam really exports the product (BACI
//! 2024) and with a ranking by total merchandise imports alone; also the ranking before issue 10
//! (size and growth from a chapter share of total imports). Run:
//!
//!     cargo run --example readme_comparison
//!
//! Viet Nam's exports to the six importers missing from BACI's bilateral table (USA, DEU, ESP,
//! FRA, GBR, NLD) are unknown, so those six are left out of every list compared.
//!
//! The SME holds every certification in the reference (so `fit` is 100 everywhere and the
//! comparison is about demand and the market factors); default weights, no preset.

use std::collections::BTreeSet;

use goglobal::config::Config;
use goglobal::domain::matching::{Matcher, choose_scheme};
use goglobal::domain::trade::{NOT_BILATERAL, TradeTable};
use goglobal::domain::{Reference, Sme};
use goglobal::store::{self, Store};

const TOP: usize = 15;
const PRODUCTS: [(&str, &str); 12] = [
    ("030617", "frozen shrimp"),
    ("030462", "pangasius fillets"),
    ("080132", "cashew nuts, shelled"),
    ("090111", "coffee, not roasted"),
    ("090411", "pepper"),
    ("081060", "durian"),
    ("100630", "rice"),
    ("640399", "leather footwear"),
    ("940360", "wooden furniture"),
    ("620462", "women's cotton trousers"),
    ("691110", "porcelain tableware"),
    ("081090", "dragon fruit and other fresh fruit"),
];

/// Markets in a list, best first, without the six whose Viet Nam figures are unknown.
fn comparable(list: impl IntoIterator<Item = String>) -> Vec<String> {
    list.into_iter()
        .filter(|m| !NOT_BILATERAL.contains(&m.as_str()))
        .collect()
}

fn top(list: &[String]) -> String {
    list.iter().take(5).cloned().collect::<Vec<_>>().join(" ")
}

fn overlap(a: &[String], b: &[String]) -> usize {
    let a: BTreeSet<&String> = a.iter().take(TOP).collect();
    b.iter().take(TOP).filter(|x| a.contains(x)).count()
}

fn ranking(r: &Reference, config: &Config, sme: &Sme, hs: &str) -> Vec<String> {
    let scheme = choose_scheme(&config.matching, None, &[], None).expect("default weights");
    let matcher = Matcher::new(r, config);
    let product = matcher.product(hs);
    let facts = matcher.sme(sme);
    let mut rows = Vec::new();
    matcher.score_into(&product, &facts, &scheme, &mut rows);
    comparable(
        rows.iter()
            .map(|row| r.markets[row.market as usize].iso3.clone()),
    )
}

fn main() -> anyhow::Result<()> {
    let s = Store::open_in_memory()?;
    let mut r = store::load_reference(&s.conn)?;
    store::load_trade(&s.conn, &mut r, PRODUCTS.iter().map(|(hs, _)| *hs))?;
    let mut before = r.clone();
    before.trade = TradeTable::default();
    let config = Config::default();
    let sme = Sme {
        certifications: r.certifications.iter().map(|c| c.code.clone()).collect(),
        ..Default::default()
    };
    let mut by_imports: Vec<(f64, String)> = r
        .markets
        .iter()
        .filter_map(|m| m.latest_imports().map(|f| (f.value, m.iso3.clone())))
        .collect();
    by_imports.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let by_imports = comparable(by_imports.into_iter().map(|(_, m)| m));

    println!(
        "| Product (HS) | goglobal top 5 | Viet Nam's top 5 destinations (BACI 2024) | \
         overlap of top {TOP} with Viet Nam's: goglobal / before issue 10 / total imports / \
         product imports |"
    );
    println!("|---|---|---|---|");
    let (mut sum_new, mut sum_old, mut sum_imp, mut sum_own) = (0, 0, 0, 0);
    for (hs, name) in PRODUCTS {
        let now = ranking(&r, &config, &sme, hs);
        let old = ranking(&before, &config, &sme, hs);
        let code = r.trade.get(hs);
        let mut vn: Vec<(f64, String)> = code
            .map(|c| {
                c.markets
                    .iter()
                    .filter_map(|m| m.vn.map(|v| (v, m.iso3.clone())))
                    .collect()
            })
            .unwrap_or_default();
        vn.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let vn = comparable(vn.into_iter().map(|(_, m)| m));
        // The product's own imports alone (BACI 2024, gross).
        let mut own: Vec<(f64, String)> = code
            .map(|c| {
                c.markets
                    .iter()
                    .map(|m| (m.imports, m.iso3.clone()))
                    .collect()
            })
            .unwrap_or_default();
        own.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let own = comparable(own.into_iter().map(|(_, m)| m));
        let (n, o, i, p) = (
            overlap(&vn, &now),
            overlap(&vn, &old),
            overlap(&vn, &by_imports),
            overlap(&vn, &own),
        );
        sum_own += p;
        sum_new += n;
        sum_old += o;
        sum_imp += i;
        println!(
            "| {name} ({hs}) | {} | {} | {n} / {o} / {i} / {p} |",
            top(&now),
            top(&vn)
        );
    }
    let k = PRODUCTS.len();
    println!(
        "| **all {k} products** | | | **{sum_new} / {sum_old} / {sum_imp} / {sum_own}** of {} |",
        k * TOP
    );
    println!();
    println!(
        "Total merchandise imports alone, top 5 (same for every product): {}",
        top(&by_imports)
    );
    Ok(())
}
