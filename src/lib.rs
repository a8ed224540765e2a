//! goglobal: an offline terminal dashboard that helps advisors take Vietnamese SMEs to new export
//! markets. Layers point one way: `ui → app → domain ← store`.

pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod error;
pub mod lang;
pub mod messages;
pub mod output;
pub mod report;
pub mod runtime;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
