//! Cargo features of the emitted crate, and which items they gate.
//!
//! Every top-level route group is a feature (all on by default); operations
//! marked `x-undocumented` or `x-draft` also need the `undocumented` or
//! `draft` feature. A type is compiled when any operation that uses it,
//! directly or through other types, is; a type no operation uses, and a
//! webhook payload, is always compiled.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Operation, TypeKind, TypeRef};

pub(crate) const UNDOCUMENTED: &str = "undocumented";
pub(crate) const DRAFT: &str = "draft";
/// The feature of the module that verifies signed webhooks.
pub(crate) const WEBHOOK_FEATURE: &str = "webhook";

/// The features one operation needs: its top-level group, and the
/// `undocumented`/`draft` features when it is marked so.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Need {
    pub group: Option<String>,
    pub undocumented: bool,
    pub draft: bool,
}

impl Need {
    /// What an operation needs. `group` is the feature of its top-level
    /// group, or `None` inside the group's module, where it is in force.
    pub fn of(op: &Operation, group: Option<&str>) -> Need {
        Need {
            group: group.map(str::to_string),
            undocumented: op.docs.undocumented.is_some(),
            draft: op.docs.draft.is_some(),
        }
    }

    fn features(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.group.iter().map(String::as_str).collect();
        if self.undocumented {
            out.push(UNDOCUMENTED);
        }
        if self.draft {
            out.push(DRAFT);
        }
        out
    }

    /// Whether this need is met whenever `other` is.
    fn implied_by(&self, other: &Need) -> bool {
        (self.group.is_none() || self.group == other.group)
            && (!self.undocumented || other.undocumented)
            && (!self.draft || other.draft)
    }
}

/// `#[cfg(...)]` for an item needed when any of `needs` is met; nothing when
/// one of them needs no feature at all.
pub(crate) fn cfg_attr(needs: &BTreeSet<Need>) -> TokenStream {
    match cfg_predicate(needs) {
        Some(predicate) => quote!(#[cfg(#predicate)]),
        None => quote!(),
    }
}

/// The condition under which any of `needs` is met (`feature = "a"`,
/// `any(…)`); `None` when one of them needs no feature at all.
pub(crate) fn cfg_predicate(needs: &BTreeSet<Need>) -> Option<TokenStream> {
    // Drop needs that a weaker one makes redundant.
    let minimal: Vec<&Need> = needs
        .iter()
        .filter(|n| !needs.iter().any(|m| m != *n && m.implied_by(n)))
        .collect();
    if minimal.is_empty() || minimal.iter().any(|n| n.features().is_empty()) {
        return None;
    }
    let alternatives: Vec<TokenStream> = minimal
        .iter()
        .map(|n| {
            let features = n.features();
            if features.len() == 1 {
                quote!(feature = #(#features)*)
            } else {
                quote!(all(#(feature = #features),*))
            }
        })
        .collect();
    Some(if alternatives.len() == 1 {
        quote!(#(#alternatives)*)
    } else {
        quote!(any(#(#alternatives),*))
    })
}

/// For each named type that some operation uses, every need under which it
/// is used.
/// `features` maps a top-level group segment to its feature name.
pub(crate) fn type_needs(
    api: &Api,
    features: &HashMap<String, String>,
) -> BTreeMap<String, BTreeSet<Need>> {
    let mut needs: BTreeMap<String, BTreeSet<Need>> = BTreeMap::new();
    for op in &api.operations {
        let group = op
            .group
            .first()
            .and_then(|g| features.get(g))
            .map(String::as_str);
        let need = Need::of(op, group);
        let roots = op
            .params
            .iter()
            .map(|f| &f.ty)
            .chain(op.response.ty.iter())
            .chain(op.errors.iter().map(|e| &e.ty));
        for name in reachable(api, roots) {
            needs.entry(name).or_default().insert(need.clone());
        }
    }
    // A type no operation uses is always compiled, and so is every type it
    // holds, whatever the operations that also use those need; so are
    // webhook payloads, which a server decodes whatever it calls.
    let unused: Vec<TypeRef> = api
        .types
        .iter()
        .filter(|t| !needs.contains_key(&t.name))
        .map(|t| TypeRef::Named(t.name.clone()))
        .chain(api.webhooks.iter().filter_map(|w| w.payload.clone()))
        .collect();
    for name in reachable(api, unused.iter()) {
        needs.remove(&name);
    }
    // The event that signed webhooks carry is needed by the `webhook`
    // feature too.
    let event = api.client.webhook_event.clone().map(TypeRef::Named);
    for name in reachable(api, event.iter()) {
        if let Some(set) = needs.get_mut(&name) {
            set.insert(Need {
                group: Some(WEBHOOK_FEATURE.to_string()),
                undocumented: false,
                draft: false,
            });
        }
    }
    needs
}

/// Names of the types that `roots` use, directly or through other types.
pub(crate) fn reachable<'a>(
    api: &'a Api,
    roots: impl Iterator<Item = &'a TypeRef>,
) -> BTreeSet<String> {
    let index: HashMap<&str, usize> = api
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    let mut stack: Vec<&TypeRef> = roots.collect();
    let mut seen = BTreeSet::new();
    while let Some(ty) = stack.pop() {
        stack.extend(ty.members());
        let TypeRef::Named(name) = ty else {
            continue;
        };
        if !seen.insert(name.clone()) {
            continue;
        }
        let Some(&i) = index.get(name.as_str()) else {
            continue;
        };
        match &api.types[i].kind {
            TypeKind::Struct { fields } => stack.extend(fields.iter().map(|f| &f.ty)),
            TypeKind::Union { variants, .. } => stack.extend(variants.iter().map(|v| &v.ty)),
            TypeKind::Alias { ty } => stack.push(ty),
            TypeKind::Enum { .. } => {}
        }
    }
    seen
}

/// Whether any operation is marked undocumented / draft.
pub(crate) fn uses_flags(api: &Api) -> (bool, bool) {
    (
        api.operations
            .iter()
            .any(|op| op.docs.undocumented.is_some()),
        api.operations.iter().any(|op| op.docs.draft.is_some()),
    )
}
