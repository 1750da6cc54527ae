//! Generates a Rust client crate from an OpenAPI 3.0 document.
//!
//! The pipeline is [`load`] (YAML/JSON → `openapiv3`), [`lower`] (→ the
//! intermediate model in [`ir`]) and [`emit`] (→ files of a crate).

pub mod config;
pub mod conventions;
pub mod diff;
pub mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod profile;
mod quotes;
pub mod targets;

pub use error::{Error, Result};

/// Loads and lowers a spec file: the intermediate model `--dump-ir` prints.
pub fn lower_file(path: &std::path::Path, config: &config::Config) -> Result<ir::Api> {
    lower::lower(&load::load(path)?, config)
}

/// Stack for the recursive phases (parsing, lowering, emitting), which go
/// one level deeper per nesting level of the spec. The parsers stop at 128
/// levels; this fits those on any thread, also on the 2 MiB threads of test
/// harnesses and async runtimes. Only the pages used are committed.
const DEEP_STACK: usize = 256 << 20;

/// Runs `f` on a thread with [`DEEP_STACK`]; a panic in `f` is resumed
/// here.
pub(crate) fn on_deep_stack<T: Send>(f: impl FnOnce() -> Result<T> + Send) -> Result<T> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("openapi-clientgen".into())
            .stack_size(DEEP_STACK)
            .spawn_scoped(scope, f)
            .map_err(|e| Error::Emit {
                file: "(generator thread)".into(),
                message: format!("cannot start a thread: {e}"),
            })?;
        handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}
