//! Cargo features of the emitted crate, and the `#[cfg]` of the items they
//! gate.
//!
//! Every top-level route group is a feature (all on by default); operations
//! marked `x-undocumented` or `x-draft` also need the `undocumented` or
//! `draft` feature. Which features compile each type is planned in
//! lowering (`NamedType::needs`, see `lower/plan.rs`); this prints them.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;
pub(crate) use crate::ir::Need;

/// The feature of the module that verifies signed webhooks.
pub(crate) const WEBHOOK_FEATURE: &str = Need::WEBHOOK;

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

/// Whether any operation is marked undocumented / draft.
pub(crate) fn uses_flags(api: &Api) -> (bool, bool) {
    (
        api.operations
            .iter()
            .any(|op| op.docs.undocumented.is_some()),
        api.operations.iter().any(|op| op.docs.draft.is_some()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need(group: Option<&str>, undocumented: bool, draft: bool) -> Need {
        Need {
            group: group.map(str::to_string),
            undocumented,
            draft,
        }
    }

    fn predicate(needs: &[Need]) -> Option<String> {
        let set: BTreeSet<Need> = needs.iter().cloned().collect();
        cfg_predicate(&set).map(|p| p.to_string().replace(' ', ""))
    }

    #[test]
    fn one_group_is_its_feature_and_several_any_of_them() {
        assert_eq!(
            predicate(&[need(Some("pets"), false, false)]).as_deref(),
            Some("feature=\"pets\"")
        );
        assert_eq!(
            predicate(&[
                need(Some("pets"), false, false),
                need(Some("stores"), false, true)
            ])
            .as_deref(),
            Some("any(feature=\"pets\",all(feature=\"stores\",feature=\"draft\"))")
        );
    }

    #[test]
    fn a_weaker_need_makes_a_stronger_one_redundant() {
        assert_eq!(
            predicate(&[
                need(Some("pets"), true, false),
                need(Some("pets"), false, false)
            ])
            .as_deref(),
            Some("feature=\"pets\"")
        );
    }

    #[test]
    fn a_need_of_no_feature_is_no_cfg() {
        assert_eq!(predicate(&[need(None, false, false)]), None);
        assert_eq!(predicate(&[]), None);
        assert!(cfg_attr(&BTreeSet::new()).is_empty());
        // Inside a group's module its feature is in force: only the flag.
        assert_eq!(
            predicate(&[need(None, true, false)]).as_deref(),
            Some("feature=\"undocumented\"")
        );
    }
}
