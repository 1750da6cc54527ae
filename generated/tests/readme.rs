//! Every code block of the project README is compiled: the quickstart is
//! `examples/quickstart.rs`, and the others are in `examples/readme.rs`.

const README: &str = include_str!("../../README.md");

/// The README's ```rust blocks, in order.
fn blocks() -> Vec<&'static str> {
    README
        .split("```rust\n")
        .skip(1)
        .filter_map(|rest| rest.split("\n```").next())
        .collect()
}

/// `text` with each line's indentation dropped.
fn unindented(text: &str) -> String {
    text.lines()
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn readme_quickstart_is_the_compiled_example() {
    let example = include_str!("../examples/quickstart.rs");
    let quickstart = blocks()
        .first()
        .copied()
        .unwrap_or_else(|| panic!("README.md has no ```rust block"));
    assert_eq!(
        quickstart.trim(),
        example.trim(),
        "README.md's quickstart differs from generated/examples/quickstart.rs"
    );
}

#[test]
fn every_other_readme_block_is_in_the_compiled_examples() {
    let example = unindented(include_str!("../examples/readme.rs"));
    let others = &blocks()[1..];
    assert!(others.len() >= 7, "the README's blocks: {others:?}");
    for block in others {
        assert!(
            example.contains(&unindented(block.trim())),
            "this README block is not in generated/examples/readme.rs:\n{block}"
        );
    }
    assert!(
        !README.contains("```rust,"),
        "README code blocks are compiled: no `ignore` or `no_run`"
    );
}
