//! Each committed crate's page opens with its quickstart, which its
//! doctests compile; here it is also held to rustfmt's layout.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

/// The first ```rust,no_run block of a README, its hidden lines shown.
fn quickstart(readme: &str) -> Option<String> {
    let block = readme
        .split("```rust,no_run\n")
        .nth(1)?
        .split("\n```")
        .next()?;
    let lines: Vec<&str> = block
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(hidden) => hidden,
            None => line,
        })
        .collect();
    Some(lines.join("\n") + "\n")
}

/// `source` as rustfmt writes it; `None` without rustfmt on the machine.
fn rustfmt(source: &str) -> Option<String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(source.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    assert!(
        out.status.success(),
        "rustfmt refused:\n{source}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The quickstart's body indented into its function, as rustfmt would.
fn indented(code: &str) -> String {
    let mut lines = code.lines();
    let (Some(first), rest) = (lines.next(), lines.collect::<Vec<_>>()) else {
        return String::new();
    };
    let (last, body) = rest.split_last().unwrap_or((&"", &[]));
    let body: Vec<String> = body.iter().map(|line| format!("    {line}")).collect();
    format!("{first}\n{}\n{last}\n", body.join("\n"))
}

#[test]
fn every_crate_page_opens_with_a_call_laid_out_as_rustfmt_would() {
    if std::env::var_os("CI").is_none()
        && Command::new("rustfmt").arg("--version").output().is_err()
    {
        eprintln!("SKIPPED: rustfmt is not installed");
        return;
    }
    for target in common::targets() {
        let path = target.out.join("README.md");
        let readme = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let code = quickstart(&readme).unwrap_or_else(|| panic!("{path:?} has no quickstart"));
        assert!(
            code.contains(".send()"),
            "{path:?}'s quickstart calls nothing:\n{code}"
        );
        let written = indented(&code);
        let formatted = rustfmt(&written).unwrap_or_else(|| panic!("rustfmt did not run"));
        assert_eq!(
            written, formatted,
            "{path:?}'s quickstart is not as rustfmt lays it out"
        );
    }
}
