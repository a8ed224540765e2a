use clap::Parser;

fn main() {
    let cli = goglobal::cli::Cli::parse();
    let ctx = goglobal::cli::Ctx::new(&cli);
    // Messages in the reader's language; before the config is read, `--lang` or Vietnamese.
    let lang = match &ctx {
        Ok(ctx) => ctx.lang(),
        Err(_) => goglobal::lang::Lang::parse(cli.lang.as_deref().unwrap_or("vi")),
    };
    let code = match ctx.and_then(|ctx| match &cli.command {
        Some(command) => goglobal::cli::run(&ctx, command),
        None => goglobal::tui::run(&ctx.config, &ctx.db_path),
    }) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("goglobal: {}", goglobal::error::message(&err, lang));
            goglobal::error::exit_code(&err)
        }
    };
    std::process::exit(code);
}
