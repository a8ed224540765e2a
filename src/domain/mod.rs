//! Pure types and rules: no I/O, no SQL, no terminal.

pub mod answers;
pub mod audit;
pub mod changes;
pub mod gaps;
pub mod generate;
pub mod hs;
pub mod matching;
pub mod model;
pub mod names;
pub mod pipeline;
pub mod portfolio;
pub mod readiness;
pub mod reference;
pub mod sme;
pub mod sync;
pub mod trade;
pub mod trademap;

pub use model::*;
pub use reference::Reference;
pub use sme::*;
