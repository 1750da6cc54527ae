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

/// Why [`in_order_on_threads`] gave no results.
#[derive(Debug, PartialEq)]
pub(crate) enum PoolFailure {
    /// No thread could be started.
    NoThread,
    /// `work` panicked on one of them.
    Panicked,
}

/// `work(index)` for every index in `order`, taken in that order by up to
/// `threads` threads with [`DEEP_STACK`] (at least one), each index once;
/// the results sorted by index, so they do not depend on the thread count.
pub(crate) fn in_order_on_threads<T: Send>(
    order: &[usize],
    threads: usize,
    work: impl Fn(usize) -> T + Sync,
) -> std::result::Result<Vec<(usize, T)>, PoolFailure> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let worker = || {
        let mut done = Vec::new();
        while let Some(&index) = order.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
        {
            done.push((index, work(index)));
        }
        done
    };
    let mut done = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.clamp(1, order.len().max(1)))
            .filter_map(|_| {
                std::thread::Builder::new()
                    .name("openapi-clientgen".into())
                    .stack_size(DEEP_STACK)
                    .spawn_scoped(scope, worker)
                    .ok()
            })
            .collect();
        if handles.is_empty() {
            return Err(PoolFailure::NoThread);
        }
        let mut done = Vec::with_capacity(order.len());
        for handle in handles {
            done.extend(handle.join().map_err(|_| PoolFailure::Panicked)?);
        }
        Ok(done)
    })?;
    done.sort_by_key(|(index, _)| *index);
    Ok(done)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_pool_does_each_index_once_in_index_order_on_any_thread_count() {
        let order = [3, 0, 2, 1];
        for threads in [0, 1, 2, 8] {
            let done = super::in_order_on_threads(&order, threads, |i| i * 10);
            assert_eq!(done, Ok(vec![(0, 0), (1, 10), (2, 20), (3, 30)]));
        }
        let panicked = super::in_order_on_threads(&order, 2, |i| {
            assert!(i != 2, "index 2");
            i
        });
        assert_eq!(panicked, Err(super::PoolFailure::Panicked));
    }
}
