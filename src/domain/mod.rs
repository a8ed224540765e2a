//! Pure types and rules: no I/O, no SQL, no terminal.

pub mod model;
pub mod portfolio;
pub mod reference;
pub mod sme;

pub use model::*;
pub use reference::Reference;
pub use sme::*;
