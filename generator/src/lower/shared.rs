//! Names of shared inline types.
//!
//! Identical inline schemas become one type (fewer items to compile, and
//! values that move between operations without conversion). While lowering,
//! such a type carries the name of the first place it was met; once every
//! user is known, a type with several users is named for what they have in
//! common, never after one of them:
//!
//! - the words their names share at the start and at the end
//!   (`ActionAttemptLockDoorErrorError` and
//!   `ActionAttemptUnlockDoorErrorError` hold an `ActionAttemptErrorError`;
//!   `DeleteTaskResponse` and `GetTaskResponse` a `TaskResponse`);
//! - when those are only words the generator itself adds (`Item`,
//!   `Response`, …), what the type holds: `EmptyResponse` for an object
//!   without fields, `TaskResponse` for an object that only wraps a `Task`;
//! - when several shared types would get one name, the one with the most
//!   users keeps it and the others fall back on the user whose name is
//!   shortest (the schema's own place, such as `AcsCredentialErrorsItem`
//!   for the errors of an ACS credential that action attempts repeat).
//!
//! So a shared type keeps its name while users that share those words come
//! and go, and a release of the spec that adds a user renames nothing.
//! A type defined by a component keeps the component's name.

use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

use crate::ir::{NamedType, Operation, TypeKind, TypeRef, Webhook};
use crate::naming::{self, Scope};

/// Inline types by their kind's key (see `kind_key`), with the names of
/// everything that used them.
#[derive(Default)]
pub(super) struct SharedTypes {
    by_kind: HashMap<Vec<u8>, usize>,
    groups: Vec<Group>,
}

struct Group {
    /// The name the type has now.
    name: String,
    /// Defined by a component: its name stays.
    fixed: bool,
    /// The names each user would have given the type, without the numeric
    /// suffixes that keep names unique.
    users: BTreeSet<String>,
    /// The modules of the users.
    modules: Vec<Vec<String>>,
}

impl SharedTypes {
    /// The name of the type already defined with this kind.
    pub fn get(&self, key: &[u8]) -> Option<&str> {
        self.by_kind.get(key).map(|&g| self.groups[g].name.as_str())
    }

    /// The name of the component's type defined with this kind, if a
    /// component defined it (not an inline type).
    pub fn component(&self, key: &[u8]) -> Option<&str> {
        let group = &self.groups[*self.by_kind.get(key)?];
        group.fixed.then_some(group.name.as_str())
    }

    /// A component's type: later identical inline types reuse its name.
    pub fn add_component(&mut self, key: Vec<u8>, name: &str) {
        if self.by_kind.contains_key(&key) {
            return;
        }
        self.by_kind.insert(key, self.groups.len());
        self.groups.push(Group {
            name: name.to_string(),
            fixed: true,
            users: BTreeSet::new(),
            modules: Vec::new(),
        });
    }

    /// Records a use of the inline type with this kind, defining it as
    /// `name` if it is new.
    pub fn add_use(&mut self, key: Vec<u8>, name: &str, wanted: String, module: &[String]) {
        let next = self.groups.len();
        let index = *self.by_kind.entry(key).or_insert(next);
        if index == next {
            self.groups.push(Group {
                name: name.to_string(),
                fixed: false,
                users: BTreeSet::new(),
                modules: Vec::new(),
            });
        }
        let group = &mut self.groups[index];
        group.users.insert(wanted);
        group.modules.push(module.to_vec());
    }

    /// Renames every type with several users (see the module docs), moving
    /// it to the module its users share. `scope` holds every type name.
    pub fn name_shared(
        &self,
        scope: &mut Scope,
        types: &mut [NamedType],
        operations: &mut [Operation],
        webhooks: &mut [Webhook],
    ) {
        let shared: Vec<&Group> = self
            .groups
            .iter()
            .filter(|g| !g.fixed && g.users.len() > 1)
            .collect();
        if shared.is_empty() {
            return;
        }
        for group in &shared {
            scope.release(&group.name);
        }
        let index: HashMap<&str, usize> = types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.as_str(), i))
            .collect();
        // Most users first; then in the order the types were met.
        let mut order: Vec<&Group> = shared;
        order.sort_by_key(|g| std::cmp::Reverse(g.users.len()));
        let mut renames: HashMap<String, String> = HashMap::default();
        let mut modules: HashMap<String, Vec<String>> = HashMap::default();
        for group in order {
            let Some(&slot) = index.get(group.name.as_str()) else {
                continue;
            };
            let users: Vec<&str> = group.users.iter().map(String::as_str).collect();
            let candidates = candidates(&users, &types[slot].kind);
            let name = match candidates.iter().find(|c| !scope.contains(c)) {
                Some(free) => scope.claim(free.clone()),
                None => scope.claim(candidates.last().cloned().unwrap_or_default()),
            };
            modules.insert(name.clone(), common_prefix(&group.modules));
            if name != group.name {
                renames.insert(group.name.clone(), name);
            }
        }
        for ty in types.iter_mut() {
            if let Some(new) = renames.get(&ty.name) {
                ty.name = new.clone();
            }
            if let Some(module) = modules.get(&ty.name) {
                ty.module = module.clone();
            }
            rename_in_kind(&mut ty.kind, &renames);
        }
        for op in operations {
            for field in &mut op.params {
                rename_in(&mut field.ty, &renames);
            }
            if let Some(ty) = &mut op.response.ty {
                rename_in(ty, &renames);
            }
            for error in &mut op.errors {
                rename_in(&mut error.ty, &renames);
            }
            if let Some(pagination) = &mut op.pagination {
                rename_in(&mut pagination.item, &renames);
            }
        }
        for webhook in webhooks {
            if let Some(ty) = &mut webhook.payload {
                rename_in(ty, &renames);
            }
        }
    }
}

/// Words the generator adds to the names of inline types, which say where
/// a type sits rather than what it holds.
const POSITIONAL: &[&str] = &[
    "Item", "Value", "Response", "Request", "Body", "Object", "Variant",
];

/// Words that say nothing on their own (`ExcludeIfItem` and
/// `IncludeIfItem` share only `IfItem`).
const FUNCTION_WORDS: &[&str] = &[
    "A", "An", "And", "At", "By", "For", "From", "If", "In", "Of", "On", "Or", "The", "To", "With",
];

fn says_something(words: &[Word]) -> bool {
    words.iter().any(|w| {
        let letters = w.compared.trim_end_matches(|c: char| c.is_ascii_digit());
        !letters.is_empty() && !POSITIONAL.contains(&letters) && !FUNCTION_WORDS.contains(&letters)
    })
}

/// Words too vague to name a type alone (`Type`, `Status`).
const VAGUE: &[&str] = &[
    "Config",
    "Data",
    "Id",
    "Info",
    "Kind",
    "Metadata",
    "Mode",
    "Name",
    "Options",
    "Properties",
    "Result",
    "Settings",
    "State",
    "Status",
    "Type",
];

/// A word of a user's name: as compared with other users', and as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Word<'a> {
    compared: &'a str,
    written: &'a str,
}

/// The names a shared type could have, best first; the last is always a
/// name of its own.
fn candidates(users: &[&str], kind: &TypeKind) -> Vec<String> {
    let singulars: Vec<Vec<(String, &str)>> = users.iter().map(|u| comparable_words(u)).collect();
    let words: Vec<Vec<Word>> = singulars
        .iter()
        .map(|w| {
            w.iter()
                .map(|(compared, written)| Word { compared, written })
                .collect()
        })
        .collect();
    let ends = |w: &[Word<'_>], k: usize| -> Vec<String> {
        w[w.len() - k..]
            .iter()
            .map(|w| w.compared.to_string())
            .collect()
    };
    // The longest ending that most users share.
    let mut ending: Vec<String> = Vec::new();
    for k in 1.. {
        let mut counts: std::collections::BTreeMap<Vec<String>, usize> = Default::default();
        for w in words.iter().filter(|w| w.len() >= k) {
            *counts.entry(ends(w, k)).or_default() += 1;
        }
        let best = counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
        match best {
            Some((end, count)) if count * 2 > users.len() => ending = end,
            _ => break,
        }
    }
    let k = ending.len();
    let sharing: Vec<&Vec<Word>> = words
        .iter()
        .filter(|w| w.len() >= k && ends(w, k) == ending)
        .collect();
    // The ending as the user that writes it shortest writes it.
    let tail: &[Word] = sharing
        .iter()
        .map(|w| &w[w.len() - k..])
        .min_by_key(|t| {
            let written: String = t.iter().map(|w| w.written).collect();
            (written.len(), written)
        })
        .unwrap_or(&[]);
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let prefix = (0..shortest.saturating_sub(k))
        .take_while(|&i| words.iter().all(|w| w[i].compared == words[0][i].compared))
        .count();
    let head = &words[0][..prefix];
    // A word said twice in a row is said once (`PetPetType` → `PetType`).
    let mut tail = tail.to_vec();
    tail.dedup_by(|a, b| a.written == b.written);
    let written = |w: &[Word]| w.iter().map(|w| w.written).collect::<String>();
    let mut out = Vec::new();
    if says_something(&tail) {
        // An ending of one vague word (`Type`) or of a name the crate
        // itself uses (`Error`) needs the users' shared start.
        let alone = written(&tail);
        let vague = tail.len() == 1 && VAGUE.contains(&tail[0].written);
        if !vague && naming::type_name(&alone) == alone {
            out.push(alone);
        }
        if says_something(head) {
            let mut both = head.to_vec();
            both.extend(&tail);
            both.dedup_by(|a, b| a.written == b.written);
            out.push(written(&both));
        }
    } else if let Some(name) = by_content(kind, &written(&tail)) {
        out.push(name);
    }
    // The user whose name is shortest: the schema's own place.
    let own = users
        .iter()
        .min_by_key(|u| (split_words(u).len(), u.len(), **u))
        .map(|u| u.to_string())
        .unwrap_or_default();
    out.push(own);
    out.into_iter()
        .map(|name| naming::type_name(&name))
        .collect()
}

/// The words of a name as compared between users, each with the text it
/// stands for: an item of a list inside the name reads as one of the list
/// (`AccessGrantsItemErrorsItem` as `AccessGrantErrorsItem`), so that users
/// reached through a list and directly agree. The last word stays as it is.
fn comparable_words(name: &str) -> Vec<(String, &str)> {
    let words = split_words(name);
    let mut out = Vec::with_capacity(words.len());
    let mut at = 0;
    let mut i = 0;
    while i < words.len() {
        let inner_item = i + 2 < words.len() && words[i + 1] == "Item";
        match singular(words[i]).filter(|_| inner_item) {
            Some(one) => {
                let len = words[i].len() + words[i + 1].len();
                out.push((one, &name[at..at + len]));
                at += len;
                i += 2;
            }
            None => {
                out.push((words[i].to_string(), words[i]));
                at += words[i].len();
                i += 1;
            }
        }
    }
    out
}

/// The singular of a plural English word, `None` for a word that is not
/// plural.
fn singular(word: &str) -> Option<String> {
    if let Some(stem) = word.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    for ending in ["sses", "xes", "ches", "shes"] {
        if word.ends_with(ending) {
            return Some(word[..word.len() - 2].to_string());
        }
    }
    if word.ends_with("ss") {
        return None;
    }
    word.strip_suffix('s')
        .filter(|stem| !stem.is_empty())
        .map(str::to_string)
}

/// A name from what a type holds, for users that share no telling word:
/// `Empty` + `tail` for an object without fields, the wrapped type's name +
/// `tail` for an object of one field of a named type.
fn by_content(kind: &TypeKind, tail: &str) -> Option<String> {
    let TypeKind::Struct { fields } = kind else {
        return None;
    };
    match fields.as_slice() {
        [] => Some(format!(
            "Empty{}",
            if tail.is_empty() { "Object" } else { tail }
        )),
        [only] => match &only.ty {
            TypeRef::Named(name) if !tail.is_empty() => Some(format!("{name}{tail}")),
            _ => None,
        },
        _ => None,
    }
}

/// The words of an upper-camel name; digits stay with the word before.
fn split_words(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices() {
        if c.is_ascii_uppercase() && i > start {
            out.push(&name[start..i]);
            start = i;
        }
    }
    if start < name.len() {
        out.push(&name[start..]);
    }
    out
}

fn common_prefix(modules: &[Vec<String>]) -> Vec<String> {
    let Some(first) = modules.first() else {
        return Vec::new();
    };
    let len = (0..first.len())
        .take_while(|&i| modules.iter().all(|m| m.get(i) == first.get(i)))
        .count();
    first[..len].to_vec()
}

fn rename_in_kind(kind: &mut TypeKind, renames: &HashMap<String, String>) {
    match kind {
        TypeKind::Struct { fields } => {
            for field in fields {
                rename_in(&mut field.ty, renames);
            }
        }
        TypeKind::Union { variants, .. } => {
            for variant in variants {
                rename_in(&mut variant.ty, renames);
            }
        }
        TypeKind::Alias { ty } => rename_in(ty, renames),
        TypeKind::Enum { .. } => {}
    }
}

fn rename_in(ty: &mut TypeRef, renames: &HashMap<String, String>) {
    match ty {
        TypeRef::Named(name) => {
            if let Some(new) = renames.get(name) {
                *name = new.clone();
            }
        }
        TypeRef::Array(inner) | TypeRef::Map(inner) => rename_in(inner, renames),
        TypeRef::Tuple(items) => {
            for item in items {
                rename_in(item, renames);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Field;

    fn names(users: &[&str]) -> Vec<String> {
        candidates(users, &TypeKind::Enum { variants: vec![] })
    }

    #[test]
    fn users_are_named_for_the_ending_they_share() {
        assert_eq!(
            names(&["DeleteTaskResponse", "GetTaskResponse"]),
            ["TaskResponse", "GetTaskResponse"]
        );
        assert_eq!(
            names(&[
                "EventAccessCodeCreatedDeviceErrorsItem",
                "AcsEntranceErrorsItem",
                "ThermostatScheduleErrorsItem",
            ])[0],
            "ErrorsItem"
        );
    }

    #[test]
    fn the_ending_is_what_most_users_share() {
        // One user of three reaches the type under another name.
        assert_eq!(
            names(&[
                "DeviceCustomMetadataValue",
                "SpaceCustomMetadataValue",
                "FiltersItemValue"
            ])[0],
            "CustomMetadataValue"
        );
    }

    #[test]
    fn an_item_inside_a_name_reads_as_one_of_the_list() {
        assert_eq!(
            names(&["AccessGrantErrorsItem", "ListAccessGrantsItemErrorsItem"])[0],
            "AccessGrantErrorsItem"
        );
    }

    #[test]
    fn vague_or_repeated_endings_take_the_shared_start() {
        assert_eq!(
            names(&[
                "ActionAttemptLockDoorErrorError",
                "ActionAttemptSetFanModeErrorError"
            ]),
            ["ActionAttemptError", "ActionAttemptLockDoorErrorError"]
        );
        assert_eq!(
            names(&["ConnectorsCreateStatus", "ConnectorsGetStatus"]),
            ["ConnectorsStatus", "ConnectorsGetStatus"]
        );
        assert_eq!(names(&["NewPetPetType", "CreatePetPetType"])[0], "PetType");
    }

    #[test]
    fn endings_that_say_nothing_fall_back_on_the_shortest_user() {
        assert_eq!(
            names(&["DevicesListExcludeIfItem", "LocksListIncludeIfItem"]),
            ["LocksListIncludeIfItem"]
        );
    }

    #[test]
    fn content_names_what_users_do_not() {
        let wrapper = TypeKind::Struct {
            fields: vec![Field::plain(
                "task",
                "task",
                TypeRef::Named("Task".into()),
                true,
            )],
        };
        assert_eq!(
            candidates(&["DeleteTaskResponse", "GetUserResponse"], &wrapper)[0],
            "TaskResponse"
        );
        let empty = TypeKind::Struct { fields: vec![] };
        assert_eq!(
            candidates(&["DeleteTaskResponse", "DeleteUserResponse"], &empty)[0],
            "EmptyResponse"
        );
    }

    #[test]
    fn module_is_the_one_users_share() {
        let m = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            common_prefix(&[m(&["acs", "users"]), m(&["acs", "systems"])]),
            m(&["acs"])
        );
        assert_eq!(common_prefix(&[m(&["acs"]), m(&["devices"])]), m(&[]));
    }
}

#[cfg(test)]
mod lowering_tests {
    use crate::ir::TypeRef;
    use crate::profile::Profile;

    /// Two operations answer with the same inline object; a third with
    /// another one of its own.
    const SPEC: &str = r#"
paths:
  /tasks/{id}:
    get:
      operationId: getTask
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}, done: {type: boolean}}}
    delete:
      operationId: deleteTask
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}, done: {type: boolean}}}
  /users:
    get:
      operationId: getUser
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {name: {type: string}}}
"#;

    #[test]
    fn a_shared_inline_type_is_named_for_its_users_in_every_reference() {
        let api = crate::lower::lower_body(Profile::Generic, SPEC);
        let response = |name: &str| {
            let op = api.operations.iter().find(|o| o.name == name).unwrap();
            op.response.ty.clone()
        };
        let task = Some(TypeRef::Named("TaskResponse".into()));
        assert_eq!(response("get_task"), task);
        assert_eq!(response("delete_task"), task);
        assert_eq!(
            response("get_user"),
            Some(TypeRef::Named("UsersGetUserResponse".into()))
        );
        let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["TaskResponse", "UsersGetUserResponse"]);
    }
}
