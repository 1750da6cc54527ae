//! Generates a Rust client crate from an OpenAPI 3.0 document.
//!
//! The pipeline is [`load`] (YAML/JSON → `openapiv3`), [`lower`] (→ the
//! intermediate model in [`ir`]) and [`emit`] (→ files of a crate).

pub mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod targets;

pub use error::{Error, Result};

/// Loads and lowers a spec file: the intermediate model `--dump-ir` prints.
pub fn lower_file(path: &std::path::Path) -> Result<ir::Api> {
    lower::lower(&load::load(path)?)
}
