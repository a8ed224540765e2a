//! Terminal set-up and the event loop of the dashboard.

use crate::cli::Ctx;

pub fn run(ctx: &Ctx) -> anyhow::Result<i32> {
    let _store = ctx.open()?;
    anyhow::bail!("the dashboard is being built; use the subcommands (goglobal --help)")
}
