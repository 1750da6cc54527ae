//! Planning: the decisions about the Rust a crate will be that need the
//! whole model, made once lowering is done and recorded in it, so the
//! emitters only print and `--dump-ir` shows everything:
//!
//! - the route groups' modules, accessors and structs, and every
//!   operation's method, request, params and error names, and setters;
//! - which fields and variants are boxed (large types, and cycles);
//! - which types are sent in requests, and which hold floats (not `Eq`);
//! - the features under which each type is compiled.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::ir::{Api, Group, Need, Operation, OperationNames, TypeKind, TypeRef};
use crate::naming::{self, Scope};

/// Names an optional parameter's setter cannot take: the request's own
/// methods.
const REQUEST_METHODS: &[&str] = &["send", "params", "paginate", "send_streaming"];

/// Plans `api`, whose route groups must not take the names in `taken`
/// (the runtime's root modules and the client's methods).
pub(crate) fn plan(api: &mut Api, taken: &BTreeSet<String>) {
    api.groups = groups(&api.operations, taken);
    name_operations(api);
    plan_types(api);
}

/// Arranges operations into nested groups, in order of first appearance;
/// root modules do not shadow the runtime's, nor accessors the client's
/// own methods.
fn groups(operations: &[Operation], taken: &BTreeSet<String>) -> Vec<Group> {
    let mut roots: Vec<Group> = Vec::new();
    for (index, op) in operations.iter().enumerate() {
        insert(&mut roots, &op.group, index);
    }
    let mut scope = Scope::new();
    for name in taken {
        scope.reserve(name);
    }
    for group in &mut roots {
        group.module = scope.claim(group.module.clone());
        group.accessor = group.module.clone();
    }
    roots
}

fn insert(level: &mut Vec<Group>, path: &[String], op: usize) {
    let Some((segment, rest)) = path.split_first() else {
        return;
    };
    let index = match level.iter().position(|g| &g.segment == segment) {
        Some(index) => index,
        None => {
            level.push(Group {
                segment: segment.clone(),
                module: segment.clone(),
                accessor: segment.clone(),
                struct_name: naming::camel(segment),
                operations: Vec::new(),
                children: Vec::new(),
            });
            level.len() - 1
        }
    };
    if rest.is_empty() {
        level[index].operations.push(op);
    } else {
        insert(&mut level[index].children, rest, op);
    }
}

/// Each operation's names, unique in its group: methods beside the nested
/// groups' accessors, types beside the group's struct; and the setters of
/// its optional parameters, beside the request's own methods.
fn name_operations(api: &mut Api) {
    let mut groups = std::mem::take(&mut api.groups);
    for group in &mut groups {
        name_group(group, &mut api.operations, api.client.polling.as_ref());
    }
    api.groups = groups;
}

fn name_group(
    group: &mut Group,
    operations: &mut [Operation],
    polling: Option<&crate::ir::PollingModel>,
) {
    let mut methods = Scope::new();
    let mut types = Scope::new();
    types.reserve(&group.struct_name);
    for &index in &group.operations {
        let op = &mut operations[index];
        let method = methods.claim(op.name.clone());
        let method_with = methods.claim(format!("{method}_with"));
        let camel = naming::camel(&op.name);
        op.rust = OperationNames {
            method,
            method_with,
            request: types.claim(format!("{camel}Request")),
            params: types.claim(format!("{camel}Params")),
            error: (!op.errors.is_empty()).then(|| types.claim(format!("{camel}Error"))),
        };
        let mut setters = Scope::new();
        for name in REQUEST_METHODS {
            setters.reserve(name);
        }
        if let Some(polling) = polling.filter(|_| op.waits || op.waits_on_request) {
            setters.reserve(&polling.wait_switch);
            setters.reserve(&polling.wait_setting);
        }
        for field in op.params.iter_mut().filter(|f| !f.required) {
            field.setter = Some(setters.claim(field.rust_name.clone()));
        }
    }
    for child in &mut group.children {
        child.accessor = methods.claim(child.module.clone());
        name_group(child, operations, polling);
    }
}

/// Boxing, sending, exactness and features of every type.
fn plan_types(api: &mut Api) {
    let large = super::size::large_types(api);
    let cyclic = cyclic_edges(api);
    let sent = reachable(
        api,
        api.operations
            .iter()
            .flat_map(|op| op.params.iter().map(|f| &f.ty)),
    );
    let inexact = inexact_types(api);
    let needs = type_needs(api);
    for ty in &mut api.types {
        ty.sent = sent.contains(&ty.name);
        ty.inexact = inexact.contains(&ty.name);
        ty.needs = needs.get(&ty.name).map(minimal);
        let owner = ty.name.clone();
        let boxed = |held: &TypeRef| {
            let boxed_name = |to: &TypeRef| match to {
                TypeRef::Named(to) => {
                    large.contains(to) || cyclic.contains(&(owner.clone(), to.clone()))
                }
                _ => false,
            };
            // A tuple holds its items in place too: it is boxed whole.
            match held {
                TypeRef::Tuple(items) => items.iter().any(boxed_name),
                other => boxed_name(other),
            }
        };
        match &mut ty.kind {
            TypeKind::Struct { fields } => {
                for field in fields {
                    field.boxed = boxed(&field.ty);
                }
            }
            TypeKind::Union { variants, .. } => {
                for variant in variants {
                    variant.boxed = boxed(&variant.ty);
                }
            }
            TypeKind::Alias { .. } | TypeKind::Enum { .. } => {}
        }
    }
}

/// The needs of `needs` that no weaker one makes redundant, in order.
fn minimal(needs: &BTreeSet<Need>) -> Vec<Need> {
    needs
        .iter()
        .filter(|n| !needs.iter().any(|m| m != *n && m.implied_by(n)))
        .cloned()
        .collect()
}

/// For each named type that some operation uses, every need under which it
/// is used. A type no operation uses is always compiled, and so is every
/// type it holds; so are webhook payloads, which a server decodes whatever
/// it calls. The event that signed webhooks carry is needed by the
/// `webhook` feature too.
fn type_needs(api: &Api) -> BTreeMap<String, BTreeSet<Need>> {
    let features: HashMap<&str, &str> = api
        .groups
        .iter()
        .map(|g| (g.segment.as_str(), g.module.as_str()))
        .collect();
    let mut needs: BTreeMap<String, BTreeSet<Need>> = BTreeMap::new();
    for op in &api.operations {
        let group = op
            .group
            .first()
            .and_then(|g| features.get(g.as_str()).copied());
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
    let event = api.client.webhook_event.clone().map(TypeRef::Named);
    for name in reachable(api, event.iter()) {
        if let Some(set) = needs.get_mut(&name) {
            set.insert(Need {
                group: Some(Need::WEBHOOK.to_string()),
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

/// The types that hold an `f32` or `f64`, directly or through others:
/// their equality is not an equivalence, so they are not `Eq`.
fn inexact_types(api: &Api) -> BTreeSet<String> {
    fn floats(ty: &TypeRef, inexact: &BTreeSet<String>) -> bool {
        match ty {
            TypeRef::F32 | TypeRef::F64 => true,
            TypeRef::Named(name) => inexact.contains(name),
            other => other.members().iter().any(|m| floats(m, inexact)),
        }
    }
    let mut inexact = BTreeSet::new();
    loop {
        let before = inexact.len();
        for ty in &api.types {
            let holds = match &ty.kind {
                TypeKind::Struct { fields } => fields.iter().any(|f| floats(&f.ty, &inexact)),
                TypeKind::Union { variants, .. } => {
                    variants.iter().any(|v| floats(&v.ty, &inexact))
                }
                TypeKind::Alias { ty } => floats(ty, &inexact),
                TypeKind::Enum { .. } => false,
            };
            if holds {
                inexact.insert(ty.name.clone());
            }
        }
        if inexact.len() == before {
            return inexact;
        }
    }
}

/// (type, type it holds in place) pairs on a cycle: those are boxed.
fn cyclic_edges(api: &Api) -> BTreeSet<(String, String)> {
    let direct = |kind: &TypeKind| -> Vec<String> {
        let refs: Vec<&TypeRef> = match kind {
            TypeKind::Struct { fields } => fields.iter().map(|f| &f.ty).collect(),
            TypeKind::Union { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias { ty } => vec![ty],
            TypeKind::Enum { .. } => Vec::new(),
        };
        refs.into_iter()
            .flat_map(|t| match t {
                TypeRef::Tuple(items) => items.iter().collect(),
                other => vec![other],
            })
            .filter_map(|t| match t {
                TypeRef::Named(name) => Some(name.clone()),
                _ => None,
            })
            .collect()
    };
    let edges: BTreeMap<&str, Vec<String>> = api
        .types
        .iter()
        .map(|t| (t.name.as_str(), direct(&t.kind)))
        .collect();
    let reaches = |from: &str, to: &str| {
        let mut stack = vec![from.to_string()];
        let mut seen = BTreeSet::new();
        while let Some(at) = stack.pop() {
            if at == to {
                return true;
            }
            if seen.insert(at.clone()) {
                stack.extend(edges.get(at.as_str()).into_iter().flatten().cloned());
            }
        }
        false
    };
    let mut out = BTreeSet::new();
    for (from, tos) in &edges {
        for to in tos {
            if reaches(to, from) {
                out.insert((from.to_string(), to.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;

    fn api(body: &str) -> Api {
        crate::lower::lower_body(Profile::Generic, body)
    }

    fn schemas(schemas: &str) -> Api {
        api(&format!("paths: {{}}\ncomponents:\n  schemas:\n{schemas}"))
    }

    fn ty<'a>(api: &'a Api, name: &str) -> &'a crate::ir::NamedType {
        api.types.iter().find(|t| t.name == name).unwrap()
    }

    #[test]
    fn a_type_holding_a_float_anywhere_is_not_eq() {
        let api = schemas("    Weight: {type: object, properties: {kg: {type: number}}}
    Pet: {type: object, properties: {weights: {type: array, items: {$ref: '#/components/schemas/Weight'}}}}
    Owner: {type: object, properties: {pets: {type: object, additionalProperties: {$ref: '#/components/schemas/Pet'}}}}
    Tag: {type: object, properties: {name: {type: string}, count: {type: integer}}}
    Node: {type: object, properties: {next: {$ref: '#/components/schemas/Node'}, tag: {$ref: '#/components/schemas/Tag'}}}
    Either: {oneOf: [{$ref: '#/components/schemas/Tag'}, {type: number}]}
");
        let inexact: Vec<&str> = api
            .types
            .iter()
            .filter(|t| t.inexact)
            .map(|t| t.name.as_str())
            .collect();
        // Through a list, a map and a union; a cycle without floats is exact.
        assert_eq!(inexact, ["Weight", "Pet", "Owner", "Either"]);
    }

    #[test]
    fn fields_on_a_cycle_are_boxed_and_others_not() {
        let api = schemas("    Node: {type: object, properties: {next: {$ref: '#/components/schemas/Node'}, tag: {$ref: '#/components/schemas/Tag'}, kids: {type: array, items: {$ref: '#/components/schemas/Node'}}}}
    Tag: {type: object, properties: {name: {type: string}}}
    A: {oneOf: [{$ref: '#/components/schemas/B'}, {type: string}]}
    B: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}}
");
        let TypeKind::Struct { fields } = &ty(&api, "Node").kind else {
            panic!()
        };
        let boxed: Vec<(&str, bool)> = fields
            .iter()
            .map(|f| (f.wire_name.as_str(), f.boxed))
            .collect();
        // A list already holds its items on the heap.
        assert_eq!(boxed, [("next", true), ("tag", false), ("kids", false)]);
        let TypeKind::Union { variants, .. } = &ty(&api, "A").kind else {
            panic!()
        };
        assert!(variants[0].boxed && !variants[1].boxed);
    }

    const SHOP: &str = "paths:
  /orders:
    post:
      tags: [orders]
      operationId: create
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                item: {$ref: '#/components/schemas/Item'}
                send: {type: boolean}
      responses:
        '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
        '404': {description: No, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
  /orders/{id}:
    get:
      tags: [orders]
      operationId: create_with
      x-draft: true
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
  /client:
    get:
      tags: [client]
      operationId: get
      responses:
        '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
components:
  schemas:
    Item: {type: object, properties: {sku: {type: string}}}
    Order: {type: object, properties: {item: {$ref: '#/components/schemas/Item'}}}
    Problem: {type: object, properties: {detail: {type: string}}}
    Unused: {type: object, properties: {n: {type: integer}}}
";

    #[test]
    fn operations_and_groups_get_unique_names() {
        let api = api(SHOP);
        let orders = &api.groups[0];
        assert_eq!(orders.module, "orders");
        let create = &api.operations[orders.operations[0]].rust;
        assert_eq!(create.method, "create");
        assert_eq!(create.method_with, "create_with");
        assert_eq!(create.error.as_deref(), Some("CreateError"));
        // The second operation's name is taken by the first's `_with`.
        let second = &api.operations[orders.operations[1]].rust;
        assert_eq!(second.method, "create_with_2");
        assert_eq!(second.request, "CreateWithRequest");
        assert_eq!(second.error, None);
        // A setter does not take the request's own `send`.
        let send = api.operations[orders.operations[0]]
            .params
            .iter()
            .find(|f| f.wire_name == "send")
            .unwrap();
        assert_eq!(send.setter.as_deref(), Some("send_2"));
        // `client` is a runtime module: the group's module is another.
        assert_eq!(api.groups[1].module, "client_2");
        assert_eq!(api.groups[1].accessor, "client_2");
    }

    #[test]
    fn types_record_where_they_are_sent_and_which_features_compile_them() {
        let api = api(SHOP);
        assert!(ty(&api, "Item").sent);
        assert!(!ty(&api, "Order").sent);
        let orders = || Need {
            group: Some("orders".into()),
            undocumented: false,
            draft: false,
        };
        // Used by a draft operation and an ordinary one: the ordinary
        // one's need is enough.
        assert_eq!(ty(&api, "Order").needs, Some(vec![orders()]));
        assert_eq!(ty(&api, "Problem").needs, Some(vec![orders()]));
        let item = ty(&api, "Item").needs.clone().unwrap();
        assert_eq!(item.len(), 2, "{item:?}");
        assert_eq!(ty(&api, "Unused").needs, None);
    }
}
