//! `goglobal match --all`: every SME × product × market of the portfolio, streamed as CSV.
//! Reference data is prepared once (markets, then each distinct product); SMEs are scored in
//! chunks on all cores, and the chunks are written in order, so the output is deterministic and
//! memory stays bounded by a few chunks.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::Path;

use super::{Ctx, band, scheme_for};
use crate::domain::Sme;
use crate::domain::matching::{Matcher, ProductFacts, Row, Scheme};
use crate::error::PathError;
use crate::output;
use crate::store;

pub const HEADER: &str =
    "sme_id,sme_name,hs,rank,iso3,score,base,coverage,existing_market,alerts,unmet_mandatory\n";

/// SMEs per chunk: small enough to keep a few chunks in memory, large enough to amortise the
/// thread hand-over.
const CHUNK: usize = 48;

/// What a portfolio run needs: prepared reference data, the SMEs and the weights of each.
pub struct PortfolioRun<'a> {
    pub matcher: &'a Matcher<'a>,
    pub smes: &'a [Sme],
    /// Weights of each SME (index into `schemes`), aligned with `smes`.
    pub scheme_of: Vec<usize>,
    pub schemes: Vec<Scheme>,
    pub products: HashMap<String, ProductFacts>,
}

impl<'a> PortfolioRun<'a> {
    /// Prepare every distinct product of `smes` once.
    pub fn new(
        matcher: &'a Matcher<'a>,
        smes: &'a [Sme],
        schemes: Vec<Scheme>,
        scheme_of: Vec<usize>,
    ) -> PortfolioRun<'a> {
        let mut products = HashMap::new();
        for p in smes.iter().flat_map(|s| &s.products) {
            if !products.contains_key(&p.hs) {
                products.insert(p.hs.clone(), matcher.product(&p.hs));
            }
        }
        PortfolioRun {
            matcher,
            smes,
            scheme_of,
            schemes,
            products,
        }
    }

    /// CSV rows of SMEs `range` into `buf`; returns the number of rows.
    fn chunk(&self, range: std::ops::Range<usize>, buf: &mut Vec<u8>) -> usize {
        let m = self.matcher;
        let markets = &m.reference.markets;
        let mut rows: Vec<Row> = Vec::with_capacity(markets.len());
        let mut n = 0;
        for i in range {
            let sme = &self.smes[i];
            let facts = m.sme(sme);
            let scheme = &self.schemes[self.scheme_of[i]];
            let name = csv_field(&sme.name);
            let mut seen: Vec<&str> = Vec::new();
            for product in &sme.products {
                if seen.contains(&product.hs.as_str()) {
                    continue;
                }
                seen.push(&product.hs);
                let p = &self.products[&product.hs];
                m.score_into(p, &facts, scheme, &mut rows);
                for (rank, row) in rows.iter().enumerate() {
                    let mi = row.market as usize;
                    let _ = write!(
                        buf,
                        "{},{name},{},{},{},",
                        sme.id,
                        p.hs,
                        rank + 1,
                        markets[mi].iso3
                    );
                    fixed(buf, row.score, 100);
                    buf.push(b',');
                    fixed(buf, row.base, 100);
                    buf.push(b',');
                    fixed(buf, Some(row.coverage), 1000);
                    buf.extend_from_slice(if row.existing_market {
                        b",true,"
                    } else {
                        b",false,"
                    });
                    for (k, t) in m.remedies_in(p, mi).enumerate() {
                        if k > 0 {
                            buf.push(b';');
                        }
                        let _ = write!(buf, "{}:{}", t.measure, t.status);
                    }
                    buf.push(b',');
                    for (k, q) in m.unmet_mandatory_in(p, &facts, mi).enumerate() {
                        if k > 0 {
                            buf.push(b';');
                        }
                        buf.extend_from_slice(q.code.as_bytes());
                    }
                    buf.push(b'\n');
                    n += 1;
                }
            }
        }
        n
    }
}

/// A non-negative number with a fixed number of decimals (`scale` 100 → 2, 1000 → 3); empty
/// for None. Integer formatting is several times faster than `{:.2}` on a million rows.
fn fixed(buf: &mut Vec<u8>, v: Option<f64>, scale: u64) {
    let Some(v) = v else { return };
    let units = (v.max(0.0) * scale as f64).round() as u64;
    let _ = match scale {
        100 => write!(buf, "{}.{:02}", units / 100, units % 100),
        _ => write!(buf, "{}.{:03}", units / 1000, units % 1000),
    };
}

/// Quote a CSV field when it needs it.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Score the portfolio and write the CSV (header included) to `out`. `progress` is told how
/// many SMEs are done after each round. Returns the number of rows.
pub fn write_portfolio(
    run: &PortfolioRun,
    out: &mut dyn Write,
    mut progress: impl FnMut(usize, usize),
) -> std::io::Result<usize> {
    out.write_all(HEADER.as_bytes())?;
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let total = run.smes.len();
    let chunks: Vec<std::ops::Range<usize>> = (0..total)
        .step_by(CHUNK)
        .map(|a| a..(a + CHUNK).min(total))
        .collect();
    let mut rows = 0;
    let mut pending: Vec<Vec<u8>> = Vec::new();
    let mut spare: Vec<Vec<u8>> = Vec::new();
    for round in chunks.chunks(workers) {
        // Workers score this round while this thread writes the previous one.
        let (done, written) = std::thread::scope(|s| -> std::io::Result<_> {
            let handles: Vec<_> = round
                .iter()
                .cloned()
                .map(|range| {
                    let mut buf = spare.pop().unwrap_or_default();
                    buf.clear();
                    s.spawn(move || {
                        let n = run.chunk(range, &mut buf);
                        (buf, n)
                    })
                })
                .collect();
            for buf in pending.drain(..) {
                out.write_all(&buf)?;
                spare.push(buf);
            }
            let done: Vec<(Vec<u8>, usize)> = handles
                .into_iter()
                .map(|h| h.join().expect("a scoring thread panicked"))
                .collect();
            Ok((done, round.last().map_or(0, |r| r.end)))
        })?;
        for (buf, n) in done {
            rows += n;
            pending.push(buf);
        }
        progress(written, total);
    }
    for buf in pending {
        out.write_all(&buf)?;
    }
    out.flush()?;
    Ok(rows)
}

/// A progress bar on standard error, redrawn in place.
fn draw(done: usize, total: usize) {
    let width = 30;
    let filled = (done * width).checked_div(total).unwrap_or(width);
    eprint!(
        "\r[{}{}] {:>3}% {done}/{total} SMEs",
        "#".repeat(filled),
        " ".repeat(width - filled),
        (done * 100).checked_div(total).unwrap_or(100)
    );
}

pub(super) fn run(
    ctx: &Ctx,
    preset: Option<&str>,
    overrides: &[(usize, f64)],
    out: Option<&Path>,
) -> anyhow::Result<i32> {
    let store = ctx.open()?;
    let reference = store::load_reference_for_matching(&store.conn)?;
    let smes = store.smes()?;
    let readiness = store::portfolio::latest_readiness_all(&store.conn)?;
    // One scheme per distinct preset choice, shared by the SMEs that get it.
    let mut schemes: Vec<Scheme> = Vec::new();
    let mut scheme_of = Vec::with_capacity(smes.len());
    for sme in &smes {
        let b = readiness
            .get(&sme.id)
            .and_then(|l| band(l, &ctx.config.readiness));
        let scheme = scheme_for(ctx, preset, overrides, b.as_deref())?;
        let i = match schemes.iter().position(|s| {
            s.weights == scheme.weights && s.priority_region_bonus == scheme.priority_region_bonus
        }) {
            Some(i) => i,
            None => {
                schemes.push(scheme);
                schemes.len() - 1
            }
        };
        scheme_of.push(i);
    }
    // The file names SMEs by the short handles people type here.
    let handles = store.sme_handles()?;
    let mut smes = smes;
    for sme in &mut smes {
        sme.id = handles.get(&sme.id).copied().unwrap_or(sme.id);
    }
    let matcher = Matcher::new(&reference, &ctx.config);
    let started = std::time::Instant::now();
    let run = PortfolioRun::new(&matcher, &smes, schemes, scheme_of);
    let terminal = std::io::stderr().is_terminal();
    let progress = |done: usize, total: usize| {
        if terminal {
            draw(done, total);
        }
    };
    // Both outputs fail the same way: a closed pipe ends quietly, any other write error names
    // the file (or standard output) and exits 2.
    let rows = match out {
        Some(path) => {
            let name = path.display().to_string();
            let file =
                std::fs::File::create(path).map_err(|e| PathError::io(path, "cannot write", &e))?;
            let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
            write_portfolio(&run, &mut w, progress)
                .and_then(|n| w.flush().map(|()| n))
                .map_err(|e| output::write_error(e, &name))?
        }
        None => {
            let mut w = output::stdout_writer();
            write_portfolio(&run, &mut w, progress)
                .and_then(|n| w.flush().map(|()| n))
                .map_err(|e| output::write_error(e, output::STDOUT))?
        }
    };
    if terminal {
        crate::errln!();
    }
    let lang = ctx.lang();
    let t = crate::cli::strings::get(lang);
    let written = out
        .map(|p| crate::say!(t.written_to, path = p.display()))
        .unwrap_or_default();
    let seconds = crate::lang::number(lang, started.elapsed().as_secs_f64(), 2);
    crate::errln!(
        "{}",
        crate::say!(
            t.ranked,
            n = smes.len(),
            rows = rows,
            written = written,
            seconds = seconds
        )
    );
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_decimals_and_quoting() {
        let mut b = Vec::new();
        fixed(&mut b, Some(72.456), 100);
        b.push(b' ');
        fixed(&mut b, Some(0.8), 1000);
        b.push(b' ');
        fixed(&mut b, None, 100);
        fixed(&mut b, Some(100.0), 100);
        assert_eq!(String::from_utf8(b).unwrap(), "72.46 0.800 100.00");
        assert_eq!(csv_field("A, B"), "\"A, B\"");
        assert_eq!(csv_field("Say \"hi\""), "\"Say \"\"hi\"\"\"");
        assert_eq!(csv_field("Công ty"), "Công ty");
    }
}
