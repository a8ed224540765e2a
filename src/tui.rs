//! Terminal set-up and restore, and the event loop of the dashboard: crossterm events become
//! [`Msg`]s, `update` changes the app, `ui::draw` paints it.

use std::io::{self, Stdout, Write};
use std::path::Path;
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::app::{self, App, Effect, Keymap, Mouse, MouseKind, Msg, ThemeKind};
use crate::config::Config;
use crate::error::bad_input;

/// Open the dashboard on the database at `db_path` (created and seeded on first use); returns
/// the exit code.
pub fn run(config: &Config, db_path: &Path) -> anyhow::Result<i32> {
    // Everything that can fail on bad input fails here, before the terminal changes mode.
    let keymap = Keymap::new(&config.ui.keys).map_err(bad_input)?;
    let lang = crate::lang::Lang::parse(&config.ui.language);
    let mut store = crate::store::open_or_create_in(db_path, true, lang)?;
    let portfolio = crate::store::load_portfolio_for_first_frame(&store.conn)?;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = ThemeKind::from_config(&config.ui.theme, no_color);
    let mut app = App::new(portfolio, config, keymap, &crate::clock::today(), theme);
    crate::runtime::read(&store, &mut app, &Effect::LoadSync);
    let mut terminal = TerminalGuard::enter()?;
    let env = crate::runtime::Env::new(&config.advisor_name(), config.clone(), db_path);
    let mut session = Session {
        store: &mut store,
        env,
    };
    event_loop(&mut terminal.terminal, &mut app, &mut session)?;
    Ok(0)
}

/// The database behind the dashboard, the advisor writing to it and the configuration.
struct Session<'a> {
    store: &'a mut crate::store::Store,
    env: crate::runtime::Env,
}

impl Session<'_> {
    /// Carry out what an update asked for (`runtime::perform`: writes, then a reload of the
    /// portfolio, reads).
    fn perform(&mut self, app: &mut App, effects: &[Effect]) {
        crate::runtime::perform(app, self.store, &self.env, effects);
    }

    /// The nomenclature, the decision logs and the trade rows, read once the first frame is
    /// on screen.
    fn load_after_first_frame(&mut self, app: &mut App) {
        crate::runtime::load_after_first_frame(app, self.store);
    }
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    session: &mut Session,
) -> io::Result<()> {
    let start = Instant::now();
    let mut dirty = true;
    let mut rest_loaded = false;
    loop {
        if dirty {
            let mut hits = app::Hits::default();
            terminal.draw(|frame| hits = crate::ui::draw(frame, app))?;
            app.set_hits(hits);
            dirty = false;
        }
        if !rest_loaded {
            // Before the first key is read, so that no key ever sees a product label or a
            // ranking without its data (keys typed meanwhile wait in the terminal).
            session.load_after_first_frame(app);
            rest_loaded = true;
            dirty = app.status.as_ref().is_some_and(|s| s.error);
        }
        let msg = match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => Msg::Key(k),
            Event::Paste(text) => Msg::Paste(text),
            Event::Resize(w, h) => Msg::Resize(w, h),
            Event::Mouse(m) => {
                let kind = match m.kind {
                    MouseEventKind::Down(MouseButton::Left) => MouseKind::Click,
                    MouseEventKind::ScrollUp => MouseKind::ScrollUp,
                    MouseEventKind::ScrollDown => MouseKind::ScrollDown,
                    _ => continue,
                };
                Msg::Mouse(Mouse {
                    kind,
                    col: m.column,
                    row: m.row,
                    at_ms: start.elapsed().as_millis() as u64,
                })
            }
            _ => continue,
        };
        let effects = app::update(app, msg);
        dirty = true;
        if effects.contains(&Effect::Quit) {
            return Ok(());
        }
        session.perform(app, &effects);
    }
}

/// Raw mode, alternate screen, mouse capture and bracketed paste for as long as it lives; the
/// terminal is put back on drop, and by the panic hook before a panic message is printed.
struct TerminalGuard {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalGuard {
    fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        // Cleared here rather than with `Terminal::clear`, which asks the terminal where the
        // cursor is and fails when the answer is slow (SSH) or never comes.
        if let Err(e) = execute!(
            stdout,
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste,
            Clear(ClearType::All)
        ) {
            restore();
            return Err(e);
        }
        let terminal = match Terminal::new(CrosstermBackend::new(stdout)) {
            Ok(terminal) => terminal,
            Err(e) => {
                restore();
                return Err(e);
            }
        };
        // From here the guard's drop restores the terminal on any early return.
        let mut guard = TerminalGuard { terminal };
        guard.terminal.hide_cursor()?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
        let _ = self.terminal.show_cursor();
    }
}

/// Put the terminal back as it was. Safe to call more than once.
fn restore() {
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = stdout.flush();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
