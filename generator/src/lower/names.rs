//! Names a person would write for route groups and operations, chosen
//! once every operation is lowered (a name depends on its neighbours).
//!
//! - A prefix of API or version words that every top-level group shares is
//!   left out: Twilio's tags give `api20100401_message`, `api20100401_call`,
//!   …, and a person writes `client.message()`.
//! - An operation whose name starts with its group's name loses that
//!   prefix: GitHub's `repos/get` in the `repos` group is
//!   `client.repos().get()`, not `client.repos().repos_get()`. When the
//!   shorter name would be another operation's of the group, both keep
//!   their names as they were, so the rule does not depend on order.
//! - A top-level group named like one of the runtime's modules or the
//!   client's methods (`http`, `multipart`, `endpoint`) gets a suffix
//!   (`http_2`), here rather than when printing, so that the model names
//!   what the crate offers.

use rustc_hash::FxHashMap as HashMap;

use crate::ir::Operation;

pub(super) fn tidy(operations: &mut [Operation]) {
    drop_shared_group_prefix(operations);
    drop_group_prefix_from_names(operations);
}

/// Words that say which API or version a group belongs to, not what it
/// holds: `api`, `v2`, `2010`, `api20100401`.
fn is_version_word(word: &str) -> bool {
    let rest = word
        .strip_prefix("api")
        .or_else(|| word.strip_prefix('v'))
        .unwrap_or(word);
    word == "api"
        || word == "apis"
        || (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
}

fn drop_shared_group_prefix(operations: &mut [Operation]) {
    let mut groups: Vec<&str> = Vec::new();
    for op in operations.iter() {
        if let Some(first) = op.group.first() {
            if !groups.contains(&first.as_str()) {
                groups.push(first);
            }
        }
    }
    if groups.len() < 2 {
        return;
    }
    let words: Vec<Vec<&str>> = groups.iter().map(|g| g.split('_').collect()).collect();
    let shared = (0..)
        .take_while(|&i| {
            let word = words[0].get(i);
            word.is_some_and(|w| is_version_word(w))
                && words.iter().all(|w| w.get(i) == word && w.len() > i + 1)
        })
        .count();
    if shared == 0 {
        return;
    }
    // What is left must still be a name of its own.
    let renamed: HashMap<String, String> = words
        .iter()
        .map(|w| (w.join("_"), w[shared..].join("_")))
        .collect();
    if renamed
        .values()
        .any(|name| name.starts_with(|c: char| c.is_ascii_digit()))
    {
        return;
    }
    for op in operations.iter_mut() {
        if let Some(first) = op.group.first_mut() {
            if let Some(name) = renamed.get(first.as_str()) {
                *first = name.clone();
            }
        }
    }
}

fn drop_group_prefix_from_names(operations: &mut [Operation]) {
    let shorter: Vec<Option<String>> = operations
        .iter()
        .map(|op| {
            let group = op.group.last()?;
            let rest = op.name.strip_prefix(group.as_str())?.strip_prefix('_')?;
            (!rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit()))
                .then(|| rest.to_string())
        })
        .collect();
    // How many operations of each group would be called each name.
    let mut count: HashMap<(&[String], &str), usize> = HashMap::default();
    for (op, short) in operations.iter().zip(&shorter) {
        *count.entry((&op.group, &op.name)).or_default() += 1;
        if let Some(short) = short {
            *count.entry((&op.group, short)).or_default() += 1;
        }
    }
    let unique: Vec<bool> = operations
        .iter()
        .zip(&shorter)
        .map(|(op, short)| {
            short
                .as_deref()
                .is_some_and(|short| count.get(&(op.group.as_slice(), short)) == Some(&1))
        })
        .collect();
    for ((op, short), unique) in operations.iter_mut().zip(shorter).zip(unique) {
        if let (Some(short), true) = (short, unique) {
            op.name = short;
        }
    }
}

/// Renames top-level groups that `taken` (the runtime's names) holds,
/// as the emitter's scope would: the first free numeric suffix.
pub(super) fn avoid_runtime_names(
    operations: &mut [Operation],
    taken: &std::collections::BTreeSet<String>,
) {
    if !operations
        .iter()
        .any(|op| op.group.first().is_some_and(|g| taken.contains(g)))
    {
        return;
    }
    let mut scope = crate::naming::Scope::new();
    for name in taken {
        scope.reserve(name);
    }
    let mut renamed: HashMap<String, String> = HashMap::default();
    for op in operations.iter() {
        if let Some(first) = op.group.first() {
            if !renamed.contains_key(first) {
                renamed.insert(first.clone(), scope.claim(first.clone()));
            }
        }
    }
    for op in operations.iter_mut() {
        if let Some(first) = op.group.first_mut() {
            if let Some(name) = renamed.get(first.as_str()) {
                *first = name.clone();
            }
        }
    }
}
