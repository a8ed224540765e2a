use std::io::Write;

use clap::Parser;

fn main() {
    let cli = goglobal::cli::Cli::parse();
    let ctx = goglobal::cli::Ctx::new(&cli);
    let lang = goglobal::cli::message_lang(cli.lang.as_deref(), ctx.as_ref().ok());
    let result = ctx
        .and_then(|ctx| match &cli.command {
            Some(command) => goglobal::cli::run(&ctx, command),
            None => goglobal::tui::run(&ctx.config, &ctx.db_path),
        })
        // What is still buffered counts: a full disk may only show at the last write.
        .and_then(|code| goglobal::output::flush().map(|()| code));
    let code = match result {
        Ok(code) => code,
        Err(err) => {
            let code = goglobal::error::exit_code(&err);
            // A closed output pipe is the reader's normal end: no message.
            if err.downcast_ref::<goglobal::error::ClosedPipe>().is_none() {
                // Not eprintln!: it panics when standard error cannot be written either.
                let message = goglobal::error::message(&err, lang);
                let _ = writeln!(std::io::stderr(), "goglobal: {message}");
            }
            code
        }
    };
    std::process::exit(code);
}
