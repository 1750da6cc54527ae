//! What changes for a generated crate's users between two versions of an
//! API: the two intermediate models compared, grouped by route group, each
//! change with its semver impact (see `docs/design.md`, "API diffs").

use std::collections::BTreeMap;

use serde::Serialize;

use crate::ir::{Api, Field, NamedType, Operation, TypeKind, TypeRef};

/// How much a change matters to code written against the old crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Nothing changed.
    None,
    /// Only documentation changed.
    DocsOnly,
    /// Code that compiled still compiles and behaves the same.
    Additive,
    /// Code that compiled may not, or a call that worked may be refused.
    Breaking,
}

impl Impact {
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::DocsOnly => "docs only",
            Impact::Additive => "additive",
            Impact::Breaking => "breaking",
        }
    }
}

/// One change, such as an operation removed or a field made required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub impact: Impact,
    /// What changed, in a few words (`operation removed`).
    pub what: String,
    /// The item it concerns, as Rust names it (`client_sessions().create()`,
    /// `ClientSession.token`).
    pub item: String,
    /// The old and new form, where there is one (`String` → `i64`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The changes of one route group (or of the types outside any).
#[derive(Debug, Clone, Serialize)]
pub struct GroupChanges {
    /// The route group as a Rust path (`acs::users`); empty for types that
    /// belong to none.
    pub group: String,
    pub changes: Vec<Change>,
}

/// Every change between two models, and what they add up to.
#[derive(Debug, Clone, Serialize)]
pub struct ApiDiff {
    pub impact: Impact,
    pub groups: Vec<GroupChanges>,
}

/// Compares the model of the old version of an API with the new one's.
pub fn diff(old: &Api, new: &Api) -> ApiDiff {
    let mut groups: BTreeMap<String, Vec<Change>> = BTreeMap::new();
    operations(old, new, &mut groups);
    types(old, new, &mut groups);
    let groups: Vec<GroupChanges> = groups
        .into_iter()
        .filter(|(_, changes)| !changes.is_empty())
        .map(|(group, changes)| GroupChanges { group, changes })
        .collect();
    let impact = groups
        .iter()
        .flat_map(|g| &g.changes)
        .map(|c| c.impact)
        .max()
        .unwrap_or(Impact::None);
    ApiDiff { impact, groups }
}

fn change(impact: Impact, what: &str, item: String, detail: Option<String>) -> Change {
    Change {
        impact,
        what: what.to_string(),
        item,
        detail,
    }
}

/// `old → new`.
fn arrow(old: impl std::fmt::Display, new: impl std::fmt::Display) -> Option<String> {
    Some(format!("{old} → {new}"))
}

/// A type as the crate spells it inside `types`.
fn show(ty: &TypeRef) -> String {
    crate::emit::type_text(ty, true)
}

fn operations(old: &Api, new: &Api, groups: &mut BTreeMap<String, Vec<Change>>) {
    let key = |op: &Operation| (op.group.clone(), op.name.clone());
    let olds: BTreeMap<_, &Operation> = old.operations.iter().map(|op| (key(op), op)).collect();
    let news: BTreeMap<_, &Operation> = new.operations.iter().map(|op| (key(op), op)).collect();
    for (k, op) in &olds {
        if !news.contains_key(k) {
            let item = call(op);
            groups.entry(op.group.join("::")).or_default().push(change(
                Impact::Breaking,
                "operation removed",
                item,
                None,
            ));
        }
    }
    for (k, op) in &news {
        let out = groups.entry(op.group.join("::")).or_default();
        let Some(before) = olds.get(k) else {
            out.push(change(Impact::Additive, "operation added", call(op), None));
            continue;
        };
        operation(before, op, out);
    }
}

/// `client_sessions().create()`.
fn call(op: &Operation) -> String {
    let mut out: String = op.group.iter().map(|g| format!("{g}().")).collect();
    out.push_str(&op.name);
    out.push_str("()");
    out
}

fn operation(old: &Operation, new: &Operation, out: &mut Vec<Change>) {
    let item = call(new);
    if old.docs.deprecated.is_none() && new.docs.deprecated.is_some() {
        let why = new.docs.deprecated.as_ref().and_then(|d| d.message.clone());
        out.push(change(
            Impact::Additive,
            "operation deprecated",
            item.clone(),
            why,
        ));
    }
    if old.response.ty != new.response.ty || old.response.body != new.response.body {
        let shown = |op: &Operation| match (&op.response.ty, op.response.body) {
            (Some(ty), _) => show(ty),
            (None, crate::ir::ResponseBody::Json) => "()".to_string(),
            (None, crate::ir::ResponseBody::Text) => "String".to_string(),
            (None, crate::ir::ResponseBody::Bytes) => "Vec<u8>".to_string(),
        };
        out.push(change(
            Impact::Breaking,
            "return type changed",
            item.clone(),
            arrow(shown(old), shown(new)),
        ));
    }
    if old.docs.summary != new.docs.summary || old.docs.description != new.docs.description {
        out.push(change(
            Impact::DocsOnly,
            "documentation changed",
            item.clone(),
            None,
        ));
    }
    let olds: BTreeMap<&str, &Field> = old
        .params
        .iter()
        .map(|f| (f.wire_name.as_str(), f))
        .collect();
    let news: BTreeMap<&str, &Field> = new
        .params
        .iter()
        .map(|f| (f.wire_name.as_str(), f))
        .collect();
    // Arguments that are required before and after, in another order.
    let kept = |op: &Operation, other: &Operation| -> Vec<String> {
        op.argument_fields()
            .filter(|f| other.argument_fields().any(|o| o.wire_name == f.wire_name))
            .map(|f| f.rust_name.clone())
            .collect()
    };
    let (before, after) = (kept(old, new), kept(new, old));
    if before != after {
        out.push(change(
            Impact::Breaking,
            "arguments reordered",
            item.clone(),
            arrow(before.join(", "), after.join(", ")),
        ));
    }
    for (name, field) in &olds {
        if !news.contains_key(name) {
            out.push(change(
                Impact::Breaking,
                "parameter removed",
                format!("{item}.{}", field.rust_name),
                None,
            ));
        }
    }
    for (name, field) in &news {
        let at = format!("{item}.{}", field.rust_name);
        let Some(before) = olds.get(name) else {
            let (impact, what) = match field.required {
                true => (Impact::Breaking, "required parameter added"),
                false => (Impact::Additive, "optional parameter added"),
            };
            out.push(change(impact, what, at, Some(show(&field.ty))));
            continue;
        };
        // A required parameter is an argument of the operation's method
        // and an optional one a setter: either way round, calls that
        // compiled no longer do.
        match (before.required, field.required) {
            (false, true) => out.push(change(
                Impact::Breaking,
                "parameter made required",
                at.clone(),
                Some("now an argument".into()),
            )),
            (true, false) => out.push(change(
                Impact::Breaking,
                "parameter made optional",
                at.clone(),
                Some("now a setter, no longer an argument".into()),
            )),
            _ => {}
        }
        if before.ty != field.ty || before.nullable != field.nullable {
            out.push(change(
                Impact::Breaking,
                "parameter type changed",
                at.clone(),
                arrow(param_type(before), param_type(field)),
            ));
        }
        field_docs(before, field, at, out);
    }
}

/// A parameter's setter type.
fn param_type(field: &Field) -> String {
    match field.nullable {
        true => format!("Option<{}>", show(&field.ty)),
        false => show(&field.ty),
    }
}

/// A struct field's type.
fn field_type(field: &Field) -> String {
    match (field.required, field.nullable) {
        (true, false) => show(&field.ty),
        _ => format!("Option<{}>", show(&field.ty)),
    }
}

fn field_docs(old: &Field, new: &Field, item: String, out: &mut Vec<Change>) {
    if old.docs.deprecated.is_none() && new.docs.deprecated.is_some() {
        let why = new.docs.deprecated.as_ref().and_then(|d| d.message.clone());
        out.push(change(Impact::Additive, "deprecated", item, why));
    } else if old.docs.description != new.docs.description || old.docs.summary != new.docs.summary {
        out.push(change(
            Impact::DocsOnly,
            "documentation changed",
            item,
            None,
        ));
    }
}

fn types(old: &Api, new: &Api, groups: &mut BTreeMap<String, Vec<Change>>) {
    let olds: BTreeMap<&str, &NamedType> = old.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let news: BTreeMap<&str, &NamedType> = new.types.iter().map(|t| (t.name.as_str(), t)).collect();
    for (name, ty) in &olds {
        if !news.contains_key(name) {
            groups.entry(ty.module.join("::")).or_default().push(change(
                Impact::Breaking,
                "type removed",
                name.to_string(),
                None,
            ));
        }
    }
    for (name, ty) in &news {
        let out = groups.entry(ty.module.join("::")).or_default();
        let Some(before) = olds.get(name) else {
            out.push(change(
                Impact::Additive,
                "type added",
                name.to_string(),
                None,
            ));
            continue;
        };
        named_type(before, ty, out);
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct { .. } => "struct",
        TypeKind::Enum { .. } => "enum",
        TypeKind::Union { .. } => "union",
        TypeKind::Alias { .. } => "alias",
    }
}

fn named_type(old: &NamedType, new: &NamedType, out: &mut Vec<Change>) {
    let name = &new.name;
    if old.docs.deprecated.is_none() && new.docs.deprecated.is_some() {
        let why = new.docs.deprecated.as_ref().and_then(|d| d.message.clone());
        out.push(change(
            Impact::Additive,
            "type deprecated",
            name.clone(),
            why,
        ));
    } else if old.docs.description != new.docs.description {
        out.push(change(
            Impact::DocsOnly,
            "documentation changed",
            name.clone(),
            None,
        ));
    }
    match (&old.kind, &new.kind) {
        (TypeKind::Struct { fields: a }, TypeKind::Struct { fields: b }) => fields(name, a, b, out),
        (TypeKind::Enum { variants: a }, TypeKind::Enum { variants: b }) => {
            let values = |v: &[crate::ir::EnumVariant]| -> Vec<String> {
                v.iter().map(|v| v.value.clone()).collect()
            };
            let (a, b) = (values(a), values(b));
            for gone in a.iter().filter(|v| !b.contains(v)) {
                out.push(change(
                    Impact::Breaking,
                    "enum value removed",
                    name.clone(),
                    Some(format!("`{gone}`")),
                ));
            }
            for added in b.iter().filter(|v| !a.contains(v)) {
                out.push(change(
                    Impact::Additive,
                    "enum value added",
                    name.clone(),
                    Some(format!("`{added}`")),
                ));
            }
        }
        (TypeKind::Union { variants: a, .. }, TypeKind::Union { variants: b, .. }) => {
            let names = |v: &[crate::ir::UnionVariant]| -> Vec<String> {
                v.iter().map(|v| v.name.clone()).collect()
            };
            let (a, b) = (names(a), names(b));
            for gone in a.iter().filter(|v| !b.contains(v)) {
                out.push(change(
                    Impact::Breaking,
                    "variant removed",
                    format!("{name}::{gone}"),
                    None,
                ));
            }
            for added in b.iter().filter(|v| !a.contains(v)) {
                out.push(change(
                    Impact::Additive,
                    "variant added",
                    format!("{name}::{added}"),
                    None,
                ));
            }
        }
        (TypeKind::Alias { ty: a }, TypeKind::Alias { ty: b }) if a != b => {
            out.push(change(
                Impact::Breaking,
                "type changed",
                name.clone(),
                arrow(show(a), show(b)),
            ));
        }
        (a, b) if kind_name(a) != kind_name(b) => {
            out.push(change(
                Impact::Breaking,
                "type changed",
                name.clone(),
                arrow(kind_name(a), kind_name(b)),
            ));
        }
        _ => {}
    }
}

fn fields(owner: &str, old: &[Field], new: &[Field], out: &mut Vec<Change>) {
    let olds: BTreeMap<&str, &Field> = old.iter().map(|f| (f.wire_name.as_str(), f)).collect();
    let news: BTreeMap<&str, &Field> = new.iter().map(|f| (f.wire_name.as_str(), f)).collect();
    for (name, field) in &olds {
        if !news.contains_key(name) {
            out.push(change(
                Impact::Breaking,
                "field removed",
                format!("{owner}.{}", field.rust_name),
                None,
            ));
        }
    }
    for (name, field) in &news {
        let at = format!("{owner}.{}", field.rust_name);
        let Some(before) = olds.get(name) else {
            // Types describe the API's data, which grows: a new field is
            // additive even when the API always sends it.
            out.push(change(
                Impact::Additive,
                "field added",
                at,
                Some(field_type(field)),
            ));
            continue;
        };
        let what = match (before.required, field.required) {
            (false, true) => Some("field made required"),
            (true, false) => Some("field made optional"),
            _ => None,
        };
        let (was, is) = (field_type(before), field_type(field));
        if let Some(what) = what {
            // Breaking when the field's Rust type changes with it.
            let impact = match was == is {
                true => Impact::Additive,
                false => Impact::Breaking,
            };
            out.push(change(impact, what, at.clone(), arrow(was, is)));
        } else if before.ty != field.ty || before.nullable != field.nullable {
            out.push(change(
                Impact::Breaking,
                "field type changed",
                at.clone(),
                arrow(field_type(before), field_type(field)),
            ));
        }
        field_docs(before, field, at, out);
    }
}

impl ApiDiff {
    /// The diff as Markdown, fit for a pull request: a `##` title, a
    /// summary line, then one section per route group.
    pub fn markdown(&self, title: &str) -> String {
        format!("## {title}\n\n{}", self.markdown_body())
    }

    /// [`markdown`](Self::markdown) when it is at most `limit` bytes long
    /// (a pull request's body holds 65,536 characters); else the summary
    /// line and the number of changes of each kind per route group, with
    /// `whole_diff_in` saying where the whole diff can be read.
    pub fn markdown_within(&self, title: &str, limit: usize, whole_diff_in: &str) -> String {
        let full = self.markdown(title);
        if full.len() <= limit {
            return full;
        }
        let mut out = format!(
            "## {title}\n\n{}\nThe diff is too long for this page; the whole of it is in {whole_diff_in}.\n\n\
             | route group | breaking | additive | documentation |\n| --- | --- | --- | --- |\n",
            self.markdown_body().lines().next().unwrap_or_default()
        );
        for group in &self.groups {
            let count =
                |impact: Impact| group.changes.iter().filter(|c| c.impact == impact).count();
            let name = match group.group.as_str() {
                "" => "shared types".to_string(),
                g => format!("`{g}`"),
            };
            let row = format!(
                "| {name} | {} | {} | {} |\n",
                count(Impact::Breaking),
                count(Impact::Additive),
                count(Impact::DocsOnly)
            );
            if out.len() + row.len() > limit.saturating_sub(40) {
                out.push_str("| … | | | |\n");
                break;
            }
            out.push_str(&row);
        }
        out
    }

    /// [`markdown`](Self::markdown) without the title, its route groups
    /// under `###` headings (as a changelog's version section holds it);
    /// documentation changes are counted, not listed.
    pub fn markdown_body(&self) -> String {
        if self.groups.is_empty() {
            return "No change to the crate's API.\n".to_string();
        }
        let count = |impact: Impact| {
            self.groups
                .iter()
                .flat_map(|g| &g.changes)
                .filter(|c| c.impact == impact)
                .count()
        };
        let mut out = format!(
            "Semver: **{}**. {} breaking, {} additive and {} documentation changes.\n",
            self.impact.as_str(),
            count(Impact::Breaking),
            count(Impact::Additive),
            count(Impact::DocsOnly),
        );
        for group in &self.groups {
            let heading = match group.group.as_str() {
                "" => "Shared types".to_string(),
                g => format!("`{g}`"),
            };
            out.push_str(&format!("\n### {heading}\n\n"));
            let mut docs = 0;
            for c in &group.changes {
                if c.impact == Impact::DocsOnly {
                    docs += 1;
                    continue;
                }
                let detail = c
                    .detail
                    .as_ref()
                    .map(|d| format!(": {d}"))
                    .unwrap_or_default();
                let mark = match c.impact {
                    Impact::Breaking => "**breaking** ",
                    _ => "",
                };
                out.push_str(&format!("- {mark}{} `{}`{detail}\n", c.what, c.item));
            }
            if docs > 0 {
                let s = if docs == 1 { "" } else { "s" };
                out.push_str(&format!("- {docs} documentation change{s}\n"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
