//! Pure types and rules: no I/O, no SQL, no terminal.

pub mod audit;
pub mod model;
pub mod reference;
pub mod sme;
pub mod trademap;

pub use model::*;
pub use reference::Reference;
pub use sme::*;
