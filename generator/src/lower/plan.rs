//! Planning: the decisions about the Rust a crate will be that need the
//! whole model, made once lowering is done and recorded in it, so the
//! emitters only print and `--dump-ir` shows everything:
//!
//! - the route groups' modules, accessors and structs, and every
//!   operation's method, request, params and error names, and setters;
//! - which operations declare the same error responses, and so share one
//!   enum of them;
//! - which fields and variants are boxed (large types, and cycles);
//! - which types are sent in requests, and which hold floats (not `Eq`);
//! - the features under which each type is compiled.

use rustc_hash::FxHashMap as HashMap;
use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{
    Api, ErrorStatus, Group, Need, Operation, OperationNames, SharedErrors, TypeKind, TypeRef,
};
use crate::naming::{self, Scope};

/// Names an optional parameter's setter cannot take: the request's own
/// methods.
const REQUEST_METHODS: &[&str] = &["send", "params", "paginate", "send_streaming"];

/// Plans `api`, whose route groups must not take the names in `taken`
/// (the runtime's root modules and the client's methods).
pub(crate) fn plan(api: &mut Api, taken: &BTreeSet<String>) {
    api.groups = groups(&api.operations, taken);
    name_operations(api);
    share_errors(api);
    plan_types(api);
}

/// Operations that declare the same error responses (statuses, body types
/// and descriptions) share one enum of them: a crate of many operations
/// with one error shape would otherwise repeat the same enum, its
/// `Display` and its decoding for each, which is much of what it costs to
/// compile. An error set of one operation keeps its own enum.
fn share_errors(api: &mut Api) {
    // Operations by error set, in order of first appearance.
    let mut sets: Vec<Vec<usize>> = Vec::new();
    let mut index_of: HashMap<String, usize> = HashMap::default();
    for (index, op) in api.operations.iter().enumerate() {
        if op.errors.is_empty() {
            continue;
        }
        // The serialized list is the set's identity; it cannot fail for
        // plain data, and an operation whose key fails keeps its own enum.
        let Ok(key) = serde_json::to_string(&op.errors) else {
            continue;
        };
        match index_of.get(&key) {
            Some(&set) => sets[set].push(index),
            None => {
                index_of.insert(key, sets.len());
                sets.push(vec![index]);
            }
        }
    }
    // Each shared set with the features its operations compile under.
    let shared: Vec<(Vec<usize>, BTreeSet<Need>)> = {
        let features = top_group_features(api);
        sets.into_iter()
            .filter(|ops| ops.len() > 1)
            .map(|ops| {
                let needs = ops
                    .iter()
                    .map(|&i| need_of(&api.operations[i], &features))
                    .collect();
                (ops, needs)
            })
            .collect()
    };
    let mut names = Scope::new();
    for (operations, needs) in shared {
        let errors = api.operations[operations[0]].errors.clone();
        let index = api.shared_errors.len();
        for &op in &operations {
            api.operations[op].shared_errors = Some(index);
        }
        api.shared_errors.push(SharedErrors {
            name: names.claim(shared_errors_name(&errors)),
            errors,
            operations,
            needs: minimal(&needs),
        });
    }
}

/// The name of a shared error enum, from the statuses it covers:
/// `Status404`, `Status4xxOr5xx`, `Status400Or404OrOther` (`default` is
/// every other status), `AnyStatus` for `default` alone.
fn shared_errors_name(errors: &[crate::ir::ErrorResponse]) -> String {
    let parts: Vec<String> = errors
        .iter()
        .map(|e| match e.status {
            ErrorStatus::Code(code) => code.to_string(),
            ErrorStatus::Range(digit) => format!("{digit}xx"),
            ErrorStatus::Default => "Other".to_string(),
        })
        .collect();
    match parts.as_slice() {
        [only] if only == "Other" => "AnyStatus".to_string(),
        _ => format!("Status{}", parts.join("Or")),
    }
}

/// Each top-level group's segment, and the feature (its module) that
/// compiles it.
fn top_group_features(api: &Api) -> HashMap<&str, &str> {
    api.groups
        .iter()
        .map(|g| (g.segment.as_str(), g.module.as_str()))
        .collect()
}

/// The features an operation is compiled under: its top-level group's,
/// and `undocumented`/`draft` when it is marked so.
fn need_of(op: &Operation, features: &HashMap<&str, &str>) -> Need {
    let group = op.group.first().and_then(|g| features.get(g.as_str()));
    Need::of(op, group.copied())
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
    let (sent, inexact, needs) = {
        let graph = Graph::of(api, false);
        let sent = graph.reached(
            api.operations
                .iter()
                .flat_map(|op| op.params.iter().map(|f| &f.ty)),
        );
        (sent, inexact_types(api, &graph), type_needs(api, &graph))
    };
    for (index, ty) in api.types.iter_mut().enumerate() {
        ty.sent = sent[index];
        ty.inexact = inexact[index];
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
fn type_needs(api: &Api, graph: &Graph) -> BTreeMap<String, BTreeSet<Need>> {
    let features = top_group_features(api);
    // The types each need reaches, walked once per need (a handful: one
    // per group, and its undocumented and draft forms), not per operation.
    let mut roots: BTreeMap<Need, Vec<&TypeRef>> = BTreeMap::new();
    for op in &api.operations {
        roots.entry(need_of(op, &features)).or_default().extend(
            op.params
                .iter()
                .map(|f| &f.ty)
                .chain(op.response.ty.iter())
                .chain(op.errors.iter().map(|e| &e.ty)),
        );
    }
    let mut by_type: Vec<BTreeSet<&Need>> = vec![BTreeSet::new(); api.types.len()];
    for (need, roots) in &roots {
        for index in graph.reachable(roots.iter().copied()) {
            by_type[index].insert(need);
        }
    }
    let mut needs: BTreeMap<String, BTreeSet<Need>> = api
        .types
        .iter()
        .zip(by_type)
        .filter(|(_, set)| !set.is_empty())
        .map(|(t, set)| (t.name.clone(), set.into_iter().cloned().collect()))
        .collect();
    let unused: Vec<TypeRef> = api
        .types
        .iter()
        .filter(|t| !needs.contains_key(&t.name))
        .map(|t| TypeRef::Named(t.name.clone()))
        .chain(api.webhooks.iter().filter_map(|w| w.payload.clone()))
        .collect();
    for index in graph.reachable(unused.iter()) {
        needs.remove(&api.types[index].name);
    }
    let event = api.client.webhook_event.clone().map(TypeRef::Named);
    for index in graph.reachable(event.iter()) {
        if let Some(set) = needs.get_mut(&api.types[index].name) {
            set.insert(Need {
                group: Some(Need::WEBHOOK.to_string()),
                undocumented: false,
                draft: false,
            });
        }
    }
    needs
}

/// The types that hold an `f32` or `f64`, directly or through others:
/// their equality is not an equivalence, so they are not `Eq`. Found by
/// walking back from the types that hold one themselves, so each type and
/// reference is visited once.
fn inexact_types(api: &Api, graph: &Graph) -> Vec<bool> {
    fn floats(ty: &TypeRef) -> bool {
        match ty {
            TypeRef::F32 | TypeRef::F64 => true,
            other => other.members().iter().any(floats),
        }
    }
    let mut held_by: Vec<Vec<usize>> = vec![Vec::new(); api.types.len()];
    for (from, tos) in graph.edges.iter().enumerate() {
        for &to in tos {
            held_by[to].push(from);
        }
    }
    let mut inexact = vec![false; api.types.len()];
    let mut stack: Vec<usize> = api
        .types
        .iter()
        .enumerate()
        .filter(|(_, t)| held(&t.kind).any(floats))
        .map(|(i, _)| i)
        .collect();
    while let Some(at) = stack.pop() {
        if std::mem::replace(&mut inexact[at], true) {
            continue;
        }
        stack.extend(held_by[at].iter().copied().filter(|&i| !inexact[i]));
    }
    inexact
}

/// The types a type's fields, variants or alias hold.
fn held(kind: &TypeKind) -> Box<dyn Iterator<Item = &TypeRef> + '_> {
    match kind {
        TypeKind::Struct { fields } => Box::new(fields.iter().map(|f| &f.ty)),
        TypeKind::Union { variants, .. } => Box::new(variants.iter().map(|v| &v.ty)),
        TypeKind::Alias { ty } => Box::new(std::iter::once(ty)),
        TypeKind::Enum { .. } => Box::new(std::iter::empty()),
    }
}

/// The named types each type refers to, by index into `Api::types`.
struct Graph<'a> {
    index: HashMap<&'a str, usize>,
    edges: Vec<Vec<usize>>,
}

impl<'a> Graph<'a> {
    /// Every reference, or (`in_place`) only those held in place: the
    /// type itself, or a tuple of it, not a list or map of it.
    fn of(api: &'a Api, in_place: bool) -> Graph<'a> {
        let index: HashMap<&str, usize> = api
            .types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.as_str(), i))
            .collect();
        let edges = api
            .types
            .iter()
            .map(|t| {
                let mut out = Vec::new();
                let mut stack: Vec<&TypeRef> = held(&t.kind).collect();
                while let Some(ty) = stack.pop() {
                    match ty {
                        TypeRef::Named(name) => out.extend(index.get(name.as_str()).copied()),
                        TypeRef::Tuple(items) if in_place => stack.extend(items),
                        _ if in_place => {}
                        other => stack.extend(other.members()),
                    }
                }
                out
            })
            .collect();
        Graph { index, edges }
    }

    /// The types `roots` refer to, directly or through other types.
    fn reachable<'t>(&self, roots: impl Iterator<Item = &'t TypeRef>) -> Vec<usize> {
        let mut stack: Vec<usize> = Vec::new();
        let mut refs: Vec<&TypeRef> = roots.collect();
        while let Some(ty) = refs.pop() {
            match ty {
                TypeRef::Named(name) => stack.extend(self.index.get(name.as_str()).copied()),
                other => refs.extend(other.members()),
            }
        }
        let mut seen = vec![false; self.edges.len()];
        let mut out = Vec::new();
        while let Some(at) = stack.pop() {
            if std::mem::replace(&mut seen[at], true) {
                continue;
            }
            out.push(at);
            stack.extend(self.edges[at].iter().copied().filter(|&i| !seen[i]));
        }
        out
    }

    /// Whether `roots` refer to each type, directly or through others.
    fn reached<'t>(&self, roots: impl Iterator<Item = &'t TypeRef>) -> Vec<bool> {
        let mut reached = vec![false; self.edges.len()];
        for index in self.reachable(roots) {
            reached[index] = true;
        }
        reached
    }

    /// The strongly connected component of each type (Tarjan's algorithm,
    /// without recursion): two types are in one when each reaches the
    /// other.
    fn components(&self) -> Vec<usize> {
        const UNSEEN: usize = usize::MAX;
        let n = self.edges.len();
        let (mut order, mut low) = (vec![UNSEEN; n], vec![0; n]);
        let mut component = vec![UNSEEN; n];
        let (mut on_stack, mut stack) = (vec![false; n], Vec::new());
        let (mut next, mut components) = (0, 0);
        for root in 0..n {
            if order[root] != UNSEEN {
                continue;
            }
            // (node, index of its next edge)
            let mut walk = vec![(root, 0)];
            order[root] = next;
            low[root] = next;
            next += 1;
            stack.push(root);
            on_stack[root] = true;
            while let Some(&mut (at, ref mut edge)) = walk.last_mut() {
                if let Some(&to) = self.edges[at].get(*edge) {
                    *edge += 1;
                    if order[to] == UNSEEN {
                        order[to] = next;
                        low[to] = next;
                        next += 1;
                        stack.push(to);
                        on_stack[to] = true;
                        walk.push((to, 0));
                    } else if on_stack[to] {
                        low[at] = low[at].min(order[to]);
                    }
                    continue;
                }
                walk.pop();
                if let Some(&(parent, _)) = walk.last() {
                    low[parent] = low[parent].min(low[at]);
                }
                if low[at] == order[at] {
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        component[member] = components;
                        if member == at {
                            break;
                        }
                    }
                    components += 1;
                }
            }
        }
        component
    }
}

/// (type, type it holds in place) pairs on a cycle: those are boxed. An
/// edge is on a cycle when both ends are in one strongly connected
/// component.
fn cyclic_edges(api: &Api) -> BTreeSet<(String, String)> {
    let graph = Graph::of(api, true);
    let component = graph.components();
    let mut out = BTreeSet::new();
    for (from, tos) in graph.edges.iter().enumerate() {
        for &to in tos {
            if component[from] == component[to] {
                out.insert((api.types[from].name.clone(), api.types[to].name.clone()));
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
    fn components_are_the_types_that_reach_each_other() {
        // 0 → 1 → 2 → 0 is one cycle; 3 → 3 holds itself; 4 → 0 and 5
        // are on none.
        let graph = Graph {
            index: HashMap::default(),
            edges: vec![vec![1], vec![2], vec![0, 3], vec![3], vec![0], vec![]],
        };
        let c = graph.components();
        assert!(c[0] == c[1] && c[1] == c[2]);
        let others = [c[3], c[4], c[5]];
        assert!(others.iter().all(|o| *o != c[0]));
        assert!(c[3] != c[4] && c[4] != c[5] && c[3] != c[5]);
        let mut reached = graph.reachable(std::iter::empty());
        assert!(reached.is_empty());
        reached = {
            let mut index = HashMap::default();
            index.insert("four", 4);
            let graph = Graph {
                index,
                edges: graph.edges.clone(),
            };
            let four = TypeRef::Array(Box::new(TypeRef::Named("four".into())));
            graph.reachable(std::iter::once(&four))
        };
        reached.sort();
        assert_eq!(reached, [0, 1, 2, 3, 4]);
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

    #[test]
    fn operations_declaring_the_same_errors_share_one_enum() {
        let api = api("paths:
  /a:
    get:
      tags: [a]
      responses:
        '200': {description: OK}
        '404': {$ref: '#/components/responses/Missing'}
        default: {$ref: '#/components/responses/Broken'}
  /b:
    get:
      tags: [b]
      responses:
        '200': {description: OK}
        '404': {$ref: '#/components/responses/Missing'}
        default: {$ref: '#/components/responses/Broken'}
  /c:
    get:
      tags: [a]
      responses:
        '200': {description: OK}
        '404': {description: Another text., content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
        default: {$ref: '#/components/responses/Broken'}
  /d:
    get:
      tags: [a]
      responses:
        '200': {description: OK}
        default: {$ref: '#/components/responses/Broken'}
  /e:
    get:
      tags: [a]
      x-draft: true
      responses:
        '200': {description: OK}
        default: {$ref: '#/components/responses/Broken'}
components:
  responses:
    Missing: {description: Not there., content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
    Broken: {description: Broken., content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
  schemas:
    Problem: {type: object, properties: {detail: {type: string}}}
");
        let shared: Vec<(&str, Vec<&str>)> = api
            .shared_errors
            .iter()
            .map(|s| {
                let paths = s
                    .operations
                    .iter()
                    .map(|&i| api.operations[i].path.as_str());
                (s.name.as_str(), paths.collect())
            })
            .collect();
        // `/c` describes its 404 in other words: it keeps its own enum.
        assert_eq!(
            shared,
            vec![
                ("Status404OrOther", vec!["/a", "/b"]),
                ("AnyStatus", vec!["/d", "/e"]),
            ]
        );
        let by_path = |p: &str| api.operations.iter().find(|op| op.path == p).unwrap();
        assert_eq!(by_path("/b").shared_errors, Some(0));
        assert_eq!(by_path("/c").shared_errors, None);
        assert!(by_path("/c").rust.error.is_some());
        // Compiled with either group's feature; the draft operation's need
        // is implied by its group's.
        let groups: Vec<Option<&str>> = api.shared_errors[0]
            .needs
            .iter()
            .map(|n| n.group.as_deref())
            .collect();
        assert_eq!(groups, vec![Some("a"), Some("b")]);
        assert_eq!(
            api.shared_errors[1].needs.len(),
            1,
            "{:?}",
            api.shared_errors[1].needs
        );
    }

    #[test]
    fn a_shared_error_enum_is_named_for_its_statuses() {
        let error = |status| crate::ir::ErrorResponse {
            status,
            description: None,
            ty: TypeRef::Named("Problem".into()),
        };
        let name = |statuses: Vec<ErrorStatus>| {
            shared_errors_name(&statuses.into_iter().map(error).collect::<Vec<_>>())
        };
        assert_eq!(name(vec![ErrorStatus::Code(404)]), "Status404");
        assert_eq!(
            name(vec![
                ErrorStatus::Code(400),
                ErrorStatus::Range(5),
                ErrorStatus::Default
            ]),
            "Status400Or5xxOrOther"
        );
        assert_eq!(name(vec![ErrorStatus::Default]), "AnyStatus");
    }
}
