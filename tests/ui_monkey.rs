//! The dashboard under random input: thousands of random keys, mouse clicks and scrolls,
//! resizes (down to 1×1) and pastes of long Vietnamese text go through `update`, the real
//! runtime (writes to an in-memory store) and a render, on the demo portfolio. Nothing may
//! panic. `GOGLOBAL_MONKEY_STEPS` raises the number of steps per seed.

mod ui_support;

use goglobal::app::{self, App, Keymap, Lang, Mouse, MouseKind, Msg, ThemeKind};
use goglobal::config::Config;
use goglobal::runtime::{self, Env};
use goglobal::store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A small deterministic generator (xorshift64*): a failing seed replays exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

const PASTE: &str = "Công ty TNHH Chế biến Nông sản Xuất khẩu Đồng Tháp – cà phê, hồ tiêu, hạt điều; \
    chứng nhận HACCP, ISO 22000; thị trường: Ả Rập Xê Út, Các Tiểu vương quốc Ả Rập Thống nhất. ";

fn random_msg(rng: &mut Rng, size: (u16, u16), at_ms: &mut u64) -> Msg {
    const CODES: [KeyCode; 16] = [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::F(1),
        KeyCode::Char(' '),
    ];
    const CHARS: &[char] = &[
        '1', '2', '3', '4', '/', '?', 'j', 'k', 'g', 'G', 'e', 'n', 'd', 'a', 's', 'm', 'p', 'b',
        'w', 'x', 'y', 'c', 'r', 'f', 'h', 'l', 'L', 't', 'o', 'u', '+', '-', '0', '9', 'ề', 'Đ',
    ];
    *at_ms += rng.below(400);
    match rng.below(100) {
        0..=44 => Msg::Key(KeyEvent::new(
            KeyCode::Char(rng.pick(CHARS)),
            KeyModifiers::NONE,
        )),
        45..=74 => Msg::Key(KeyEvent::new(rng.pick(&CODES), KeyModifiers::NONE)),
        75..=77 => Msg::Key(KeyEvent::new(
            KeyCode::Char(rng.pick(&['s', 'f', 'n', 'e'])),
            rng.pick(&[KeyModifiers::CONTROL, KeyModifiers::ALT]),
        )),
        78..=89 => Msg::Mouse(Mouse {
            kind: rng.pick(&[
                MouseKind::Click,
                MouseKind::Click,
                MouseKind::ScrollUp,
                MouseKind::ScrollDown,
            ]),
            col: rng.below(u64::from(size.0) + 2) as u16,
            row: rng.below(u64::from(size.1) + 2) as u16,
            at_ms: *at_ms,
        }),
        90..=95 => {
            let w = rng.pick(&[1, 2, 5, 20, 40, 80, 120, 200]);
            let h = rng.pick(&[1, 2, 3, 10, 24, 40, 60]);
            Msg::Resize(w, h)
        }
        _ => Msg::Paste(PASTE.repeat(1 + rng.below(40) as usize)),
    }
}

fn run_monkey(seed: u64, steps: usize, lang: Lang) {
    let mut store = ui_support::store();
    let portfolio = store::load_portfolio(&store.conn).unwrap();
    let mut config = Config::default();
    config.ui.language = if lang == Lang::En { "en" } else { "vi" }.into();
    let dir = tempfile::tempdir().unwrap();
    let env = Env::new("Lan", config.clone(), &dir.path().join("goglobal.db"));
    let mut app = App::new(
        portfolio,
        &config,
        Keymap::default(),
        ui_support::TODAY,
        ThemeKind::Dark,
    );
    let mut rng = Rng(seed);
    let mut size = (80u16, 24u16);
    let mut at_ms = 0;
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    for step in 0..steps {
        let msg = random_msg(&mut rng, size, &mut at_ms);
        if let Msg::Resize(w, h) = msg {
            size = (w, h);
            terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        }
        let effects = app::update(&mut app, msg.clone());
        // Quitting is the loop's business; the monkey keeps going.
        runtime::perform(&mut app, &mut store, &env, &effects);
        let mut hits = Default::default();
        terminal
            .draw(|f| hits = goglobal::ui::draw(f, &app))
            .unwrap_or_else(|e| panic!("seed {seed}, step {step} ({msg:?}): {e}"));
        app.set_hits(hits);
    }
}

fn steps() -> usize {
    std::env::var("GOGLOBAL_MONKEY_STEPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

#[test]
fn random_input_never_panics_vi() {
    for seed in [0x9E37_79B9_7F4A_7C15, 42] {
        run_monkey(seed, steps(), Lang::Vi);
    }
}

#[test]
fn random_input_never_panics_en() {
    run_monkey(0xDEAD_BEEF_CAFE_F00D, steps(), Lang::En);
}
