//! Codegen phases on the full committed Seam spec:
//! `cargo bench -p openapi-clientgen --bench codegen`.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use divan::Bencher;
use openapi_clientgen::config::Config;
use openapi_clientgen::emit;
use openapi_clientgen::{load, lower, targets};

fn spec() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/seam-connect.json")
}

/// The Seam target's configuration, from `xtask/targets.toml`.
fn config() -> Config {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    targets::default_targets(&root)
        .unwrap()
        .into_iter()
        .find(|t| t.config.crate_name == "seam")
        .unwrap()
        .config
}

// The allocator `cargo xtask codegen` uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn load(bencher: Bencher) {
    let path = spec();
    bencher.bench(|| load::load(&path).unwrap());
}

#[divan::bench(sample_count = 10)]
fn lower(bencher: Bencher) {
    let spec = load::load(&spec()).unwrap();
    bencher.bench(|| lower::lower(&spec, &config()).unwrap());
}

/// Building every file's tokens, one after another (in `codegen` this runs
/// on all cores, interleaved with formatting).
#[divan::bench(sample_count = 10)]
fn emit(bencher: Bencher) {
    let api = openapi_clientgen::lower_file(&spec(), &config()).unwrap();
    let plan = emit::Plan::new(&api).unwrap();
    bencher.bench(|| {
        plan.files()
            .unwrap()
            .iter()
            .map(|file| match file {
                emit::Unformatted::Rust { build, .. } => build().into_iter().count(),
                emit::Unformatted::Text(file) => file.contents.len(),
            })
            .sum::<usize>()
    });
}

/// Building and formatting every file on all cores: what `codegen` does
/// between lowering and writing.
#[divan::bench(sample_count = 10)]
fn emit_and_format(bencher: Bencher) {
    let api = openapi_clientgen::lower_file(&spec(), &config()).unwrap();
    bencher.bench(|| emit::emit(&api).unwrap());
}

#[divan::bench(sample_count = 10)]
fn write(bencher: Bencher) {
    let api = openapi_clientgen::lower_file(&spec(), &config()).unwrap();
    let files = emit::emit(&api).unwrap();
    let base = std::env::temp_dir().join(format!("openapi-clientgen-bench-{}", std::process::id()));
    let run = AtomicUsize::new(0);
    bencher
        .with_inputs(|| base.join(run.fetch_add(1, Ordering::Relaxed).to_string()))
        .bench_values(|out| targets::write(&out, &files).unwrap());
    let _ = std::fs::remove_dir_all(&base);
}
