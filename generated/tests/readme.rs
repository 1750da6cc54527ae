//! The project README's quickstart is the example that `cargo test` compiles.

#[test]
fn readme_quickstart_is_the_compiled_example() {
    let readme = include_str!("../../README.md");
    let example = include_str!("../examples/quickstart.rs");
    let block = readme
        .split("```rust\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .unwrap_or_else(|| panic!("README.md has no ```rust block"));
    assert_eq!(
        block.trim(),
        example.trim(),
        "README.md's quickstart differs from generated/examples/quickstart.rs"
    );
}
