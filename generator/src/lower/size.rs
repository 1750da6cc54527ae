//! Which types are too large to hold in place. A struct field or union
//! variant of such a type is a `Box`: a value passes through several
//! places while it is decoded, and copying a type of kilobytes each time
//! costs more than parsing its JSON. Seam's `DeviceProperties` is about
//! 5 KB; boxed, decoding a list of devices takes a third less time.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Api, TypeKind, TypeRef};

/// A type whose value is estimated to take more bytes than this is
/// boxed where another type holds it.
pub(crate) const BOX_ABOVE: usize = 1024;

/// The types whose estimated size is above [`BOX_ABOVE`].
pub(crate) fn large_types(api: &Api) -> BTreeSet<String> {
    let kinds: BTreeMap<&str, &TypeKind> = api
        .types
        .iter()
        .map(|t| (t.name.as_str(), &t.kind))
        .collect();
    let mut sizes = Sizes {
        kinds,
        known: BTreeMap::new(),
    };
    api.types
        .iter()
        .filter(|t| sizes.named(&t.name) > BOX_ABOVE)
        .map(|t| t.name.clone())
        .collect()
}

/// Estimated sizes in bytes, on a 64-bit target, as each type would be
/// without boxing for size. They need only be right within a factor of
/// two or so.
struct Sizes<'a> {
    kinds: BTreeMap<&'a str, &'a TypeKind>,
    /// Sizes worked out, and `None` for types being worked out: a type
    /// that holds itself is boxed there, a pointer.
    known: BTreeMap<String, Option<usize>>,
}

/// An `Option` or an enum's tag, at most.
const TAG: usize = 8;
/// A pointer: a box, or a type reached again through itself.
const POINTER: usize = 8;

impl Sizes<'_> {
    fn named(&mut self, name: &str) -> usize {
        if let Some(known) = self.known.get(name) {
            return known.unwrap_or(POINTER);
        }
        self.known.insert(name.to_string(), None);
        let size = match self.kinds.get(name).copied() {
            Some(TypeKind::Struct { fields }) => fields
                .iter()
                .map(|f| {
                    let optional = !f.required || f.nullable;
                    self.of(&f.ty) + if optional { TAG } else { 0 }
                })
                .sum(),
            // The unknown value is kept as a string.
            Some(TypeKind::Enum { .. }) => 24,
            Some(TypeKind::Union { variants, .. }) => {
                // The unknown arm holds JSON and a reason.
                let unknown = 56;
                let largest = variants.iter().map(|v| self.of(&v.ty)).max();
                largest.unwrap_or(0).max(unknown) + TAG
            }
            Some(TypeKind::Alias { ty }) => self.of(ty),
            None => POINTER,
        };
        self.known.insert(name.to_string(), Some(size));
        size
    }

    fn of(&mut self, ty: &TypeRef) -> usize {
        match ty {
            TypeRef::Named(name) => match self.named(name) {
                // Held in a box where it is used.
                size if size > BOX_ABOVE => POINTER,
                size => size,
            },
            TypeRef::Tuple(items) => items.iter().map(|t| self.of(t)).sum(),
            TypeRef::Bool | TypeRef::Const(_) => 1,
            TypeRef::Date => 4,
            TypeRef::DateTime => 12,
            TypeRef::Uuid => 16,
            TypeRef::Json => 32,
            TypeRef::String
            | TypeRef::Array(_)
            | TypeRef::Map(_)
            | TypeRef::Base64
            | TypeRef::Binary
            | TypeRef::Bytes => 24,
            _ => 8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower_spec(body: &str) -> Api {
        crate::lower::lower_body(crate::profile::Profile::Generic, body)
    }

    /// A spec whose `Big` has `n` string fields, held by `Holder` directly,
    /// in a list and through a union.
    fn spec(n: usize) -> String {
        let fields: String = (0..n)
            .map(|i| format!("            f{i}: {{type: string}}\n"))
            .collect();
        format!(
            "paths: {{}}
components:
  schemas:
    Big:
      type: object
      properties:
{fields}    Holder:
      type: object
      required: [big]
      properties:
        big: {{$ref: '#/components/schemas/Big'}}
        bigs: {{type: array, items: {{$ref: '#/components/schemas/Big'}}}}
        either:
          oneOf:
            - {{$ref: '#/components/schemas/Big'}}
            - {{type: string}}
"
        )
    }

    #[test]
    fn only_types_above_the_limit_are_large() {
        // 32 bytes per optional string: `Big` is just small enough, and
        // what holds it in place with more beside it is large.
        let small = lower_spec(&spec(BOX_ABOVE / 32));
        assert_eq!(
            large_types(&small),
            BTreeSet::from(["Holder".to_string(), "HolderEither".to_string()])
        );
        // `Big` boxed, `Holder` holds two pointers.
        let big = lower_spec(&spec(BOX_ABOVE / 32 + 1));
        assert_eq!(large_types(&big), BTreeSet::from(["Big".to_string()]));
    }

    #[test]
    fn a_type_that_holds_itself_is_sized_without_end() {
        let api = lower_spec(
            "paths: {}
components:
  schemas:
    Node:
      type: object
      properties:
        name: {type: string}
        next: {$ref: '#/components/schemas/Node'}
",
        );
        assert!(large_types(&api).is_empty());
    }
}
