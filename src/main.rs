use clap::Parser;

fn main() {
    let cli = goglobal::cli::Cli::parse();
    let code = match goglobal::cli::Ctx::new(&cli).and_then(|ctx| match &cli.command {
        Some(command) => goglobal::cli::run(&ctx, command),
        None => goglobal::tui::run(&ctx.config, &ctx.db_path),
    }) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("goglobal: {err:#}");
            goglobal::error::exit_code(&err)
        }
    };
    std::process::exit(code);
}
