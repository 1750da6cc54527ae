//! Diffs of small specs, one kind of change at a time.

use super::*;

fn api(body: &str) -> Api {
    crate::lower::lower_body(crate::profile::Profile::Generic, body)
}

/// The changes as `impact: what item (detail)` lines.
fn changes(old: &str, new: &str) -> (Impact, Vec<String>) {
    let diff = diff(&api(old), &api(new));
    let lines = diff
        .groups
        .iter()
        .flat_map(|g| &g.changes)
        .map(|c| {
            let detail = c
                .detail
                .as_ref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default();
            format!("{}: {} {}{detail}", c.impact.as_str(), c.what, c.item)
        })
        .collect();
    (diff.impact, lines)
}

fn op(params: &str, response: &str) -> String {
    format!(
        "paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      parameters: [{params}]
      responses:
        '200':
          description: ok
          content: {{application/json: {{schema: {response}}}}}
"
    )
}

#[test]
fn the_same_spec_has_no_change() {
    let spec = op(
        "{name: limit, in: query, schema: {type: integer}}",
        "{type: string}",
    );
    assert_eq!(changes(&spec, &spec), (Impact::None, vec![]));
}

#[test]
fn operations_added_removed_and_deprecated() {
    let old = op("", "{type: string}");
    let new = "paths:
  /pets:
    get:
      operationId: listPets
      deprecated: true
      tags: [pets]
      responses: {'200': {description: ok, content: {application/json: {schema: {type: string}}}}}
  /owners:
    get:
      operationId: listOwners
      tags: [owners]
      responses: {'204': {description: ok}}
";
    assert_eq!(
        changes(&old, new),
        (
            Impact::Additive,
            vec![
                "additive: operation added owners().list_owners()".to_string(),
                "additive: operation deprecated pets().list_pets()".to_string(),
            ]
        )
    );
    let (impact, lines) = changes(new, &old);
    assert_eq!(impact, Impact::Breaking);
    assert_eq!(
        lines[0],
        "breaking: operation removed owners().list_owners()"
    );
}

#[test]
fn parameters_added_removed_made_required_or_optional_and_retyped() {
    let old = op(
        "{name: limit, in: query, schema: {type: integer}}, {name: q, in: query, required: true, schema: {type: string}}, {name: gone, in: query, schema: {type: string}}",
        "{type: string}",
    );
    let new = op(
        "{name: limit, in: query, required: true, schema: {type: string}}, {name: q, in: query, schema: {type: string}}, {name: extra, in: query, schema: {type: boolean}}",
        "{type: string}",
    );
    assert_eq!(
        changes(&old, &new),
        (
            Impact::Breaking,
            vec![
                "breaking: parameter removed pets().list_pets().gone".to_string(),
                "additive: optional parameter added pets().list_pets().extra (bool)".to_string(),
                "breaking: parameter made required pets().list_pets().limit (now an argument)"
                    .to_string(),
                "breaking: parameter type changed pets().list_pets().limit (i64 → String)"
                    .to_string(),
                "breaking: parameter made optional pets().list_pets().q (now a setter, no longer an argument)"
                    .to_string(),
            ]
        )
    );
}

#[test]
fn required_parameters_in_another_order_are_breaking() {
    let old = op(
        "{name: a, in: query, required: true, schema: {type: string}}, {name: b, in: query, required: true, schema: {type: string}}",
        "{type: string}",
    );
    let new = op(
        "{name: b, in: query, required: true, schema: {type: string}}, {name: a, in: query, required: true, schema: {type: string}}",
        "{type: string}",
    );
    assert_eq!(
        changes(&old, &new),
        (
            Impact::Breaking,
            vec!["breaking: arguments reordered pets().list_pets() (a, b → b, a)".to_string()]
        )
    );
    // A new optional parameter between them moves no argument.
    let between = op(
        "{name: a, in: query, required: true, schema: {type: string}}, {name: c, in: query, schema: {type: string}}, {name: b, in: query, required: true, schema: {type: string}}",
        "{type: string}",
    );
    assert_eq!(changes(&old, &between).0, Impact::Additive);
}

#[test]
fn a_changed_return_type_is_breaking() {
    let old = op("", "{type: string}");
    let new = op("", "{type: array, items: {type: string}}");
    assert_eq!(
        changes(&old, &new),
        (
            Impact::Breaking,
            vec![
                "breaking: return type changed pets().list_pets() (String → Vec<String>)"
                    .to_string()
            ]
        )
    );
}

fn types(schemas: &str) -> String {
    format!("paths: {{}}\ncomponents:\n  schemas:\n{schemas}")
}

#[test]
fn fields_and_enum_values() {
    let old = types(
        "    Pet:
      type: object
      required: [id]
      properties:
        id: {type: string}
        name: {type: string}
        gone: {type: string}
    Kind: {type: string, enum: [cat, dog]}
",
    );
    let new = types(
        "    Pet:
      type: object
      required: [id, name]
      properties:
        id: {type: integer}
        name: {type: string, description: The name.}
        tag: {type: string, deprecated: true}
    Kind: {type: string, enum: [cat, bird]}
    Owner: {type: object, properties: {name: {type: string}}}
",
    );
    assert_eq!(
        changes(&old, &new),
        (
            Impact::Breaking,
            vec![
                "breaking: enum value removed Kind (`dog`)".to_string(),
                "additive: enum value added Kind (`bird`)".to_string(),
                "additive: type added Owner".to_string(),
                "breaking: field removed Pet.gone".to_string(),
                "breaking: field type changed Pet.id (String → i64)".to_string(),
                "breaking: field made required Pet.name (Option<String> → String)".to_string(),
                "docs only: documentation changed Pet.name".to_string(),
                "additive: field added Pet.tag (Option<String>)".to_string(),
            ]
        )
    );
}

#[test]
fn only_documentation() {
    let old = types("    Pet: {type: object, properties: {name: {type: string}}}\n");
    let new =
        types("    Pet: {type: object, description: A pet., properties: {name: {type: string}}}\n");
    let diff = diff(&api(&old), &api(&new));
    assert_eq!(diff.impact, Impact::DocsOnly);
    assert_eq!(
        diff.markdown("T"),
        "## T\n\nSemver: **docs only**. 0 breaking, 0 additive and 1 documentation changes.\n\n\
         ### Shared types\n\n- 1 documentation change\n"
    );
}

#[test]
fn a_field_whose_rust_type_stays_is_not_broken_by_being_made_optional() {
    let old = types("    Pet: {type: object, required: [a, b], properties: {a: {type: string, nullable: true}, b: {type: string}}}\n");
    let new = types("    Pet: {type: object, properties: {a: {type: string, nullable: true}, b: {type: string}}}\n");
    assert_eq!(
        changes(&old, &new),
        (
            Impact::Breaking,
            vec![
                "additive: field made optional Pet.a (Option<String> → Option<String>)".to_string(),
                "breaking: field made optional Pet.b (String → Option<String>)".to_string(),
            ]
        )
    );
}

#[test]
fn a_diff_too_long_for_a_pull_request_is_summed_up_per_group() {
    let params = |n: usize| {
        (0..n)
            .map(|i| format!("{{name: p{i}, in: query, schema: {{type: string}}}}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (old, new) = (
        api(&op("", "{type: string}")),
        api(&op(&params(200), "{type: string}")),
    );
    let diff = super::diff(&old, &new);
    let full = diff.markdown("T 2");
    assert!(full.len() > 4_000, "{}", full.len());
    // Short enough: the whole diff.
    assert_eq!(
        diff.markdown_within("T 2", full.len(), "CHANGELOG.md"),
        full
    );
    // Too long: the summary, the counts per group, and where the rest is.
    let summary = diff.markdown_within("T 2", 1_000, "`generated/CHANGELOG.md`");
    assert!(summary.len() <= 1_000, "{}", summary.len());
    assert!(
        summary.starts_with("## T 2\n\nSemver: **additive**. 0 breaking, 200 additive"),
        "{summary}"
    );
    assert!(
        summary.contains("the whole of it is in `generated/CHANGELOG.md`"),
        "{summary}"
    );
    assert!(summary.contains("| `pets` | 0 | 200 | 0 |"), "{summary}");
}
