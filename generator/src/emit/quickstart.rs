//! The call a crate's page opens with: a compiled doctest that works as it
//! stands, laid out as rustfmt lays it out.
//!
//! The profile may name the call (Seam's page creates a client session, as
//! Seam's own quickstart does). Otherwise it is a read: the first `GET`
//! (else any operation) with a typed response and the fewest required
//! arguments, each filled from the spec's example or with a value its
//! constraints accept. An operation with an argument no value can be
//! found for (a `pattern` without an example, a date, an object) is passed
//! over; with none left, the page builds the client alone.

use crate::ir::{Api, Field, HttpMethod, NamedType, Operation, TypeKind, TypeRef};
use crate::naming;

/// rustfmt's `chain_width`: a longer chain is written one call a line.
const CHAIN_WIDTH: usize = 60;

/// The quickstart doctest, hidden lines included.
pub(crate) fn quickstart(api: &Api) -> String {
    let krate = api.client.crate_name.replace('-', "_");
    let var = naming::snake(&api.client.name);
    let mut lines = vec![
        format!("# async fn example() -> Result<(), {krate}::Error> {{"),
        format!("let {var} = {krate}::{}::from_env()?;", api.client.name),
    ];
    if let Some((op, calls)) = chosen(api, &krate) {
        let result = result_name(op);
        let mut chain: Vec<String> = op.group.iter().map(|g| format!("{g}()")).collect();
        chain.push(format!("{}({})", op.name, calls.arguments.join(", ")));
        chain.extend(calls.setters);
        chain.push("send()".into());
        let one_line = format!("{var}.{}.await?", chain.join("."));
        if one_line.len() <= CHAIN_WIDTH {
            lines.push(format!("let {result} = {one_line};"));
        } else {
            lines.push(format!("let {result} = {var}"));
            lines.extend(chain.iter().map(|call| format!("    .{call}")));
            lines.push("    .await?;".into());
        }
        lines.push(format!("println!(\"{{{result}:?}}\");"));
    }
    lines.push("# Ok(())".into());
    lines.push("# }".into());
    lines.join("\n")
}

/// What the chosen call is given: its arguments and setter calls, as Rust.
struct Calls {
    arguments: Vec<String>,
    setters: Vec<String>,
}

fn chosen<'a>(api: &'a Api, krate: &str) -> Option<(&'a Operation, Calls)> {
    let shown = |op: &&Operation| {
        op.docs.deprecated.is_none() && op.docs.undocumented.is_none() && op.docs.draft.is_none()
    };
    if let Some(quickstart) = &api.conventions.quickstart {
        let named = api
            .operations
            .iter()
            .filter(shown)
            .find(|op| op.path == quickstart.path && op.arguments.is_empty());
        if let Some(op) = named {
            let setters = quickstart
                .setters
                .iter()
                .filter(|(name, _)| {
                    op.params
                        .iter()
                        .any(|f| f.rust_name == **name && !f.required)
                })
                .map(|(name, value)| format!("{name}({value:?})"))
                .collect();
            let calls = Calls {
                arguments: Vec::new(),
                setters,
            };
            return Some((op, calls));
        }
    }
    api.operations
        .iter()
        .filter(shown)
        .filter(|op| op.response.ty.is_some())
        .filter_map(|op| {
            let arguments = op
                .argument_fields()
                .map(|f| value(f, api, krate))
                .collect::<Option<Vec<_>>>()?;
            Some((op, arguments))
        })
        .enumerate()
        .min_by_key(|(index, (op, arguments))| {
            (op.http_method != HttpMethod::Get, arguments.len(), *index)
        })
        .map(|(_, (op, arguments))| {
            let calls = Calls {
                arguments,
                setters: Vec::new(),
            };
            (op, calls)
        })
}

/// What the result is called: its type's name when that is short, else
/// `result`.
fn result_name(op: &Operation) -> String {
    match &op.response.ty {
        Some(TypeRef::Named(name)) if name.len() <= 24 => naming::snake(name),
        Some(TypeRef::Array(_)) => "items".into(),
        _ => "result".into(),
    }
}

/// A Rust expression for a required argument that the spec accepts: its
/// example when it has one of the right type, else a value within its
/// constraints. `None` when no such value is known.
fn value(field: &Field, api: &Api, krate: &str) -> Option<String> {
    if field.nullable {
        return None;
    }
    let example = field.example.as_ref();
    let c = &field.constraints;
    match &field.ty {
        TypeRef::String => {
            let fits = |len: usize| {
                c.min_length.is_none_or(|min| len as u64 >= min)
                    && c.max_length.is_none_or(|max| len as u64 <= max)
            };
            match example.and_then(|e| e.as_str()) {
                Some(text) if fits(text.chars().count()) => Some(format!("{text:?}")),
                _ if c.pattern.is_some() => None,
                // "example", or as many of its letters as the bounds ask
                // for; an argument that must be long is passed over.
                _ => {
                    let len = c
                        .min_length
                        .unwrap_or(0)
                        .max(7)
                        .min(c.max_length.unwrap_or(u64::MAX));
                    (len > 0 && len <= 64 && fits(len as usize)).then(|| {
                        let text: String = "example".chars().cycle().take(len as usize).collect();
                        format!("{text:?}")
                    })
                }
            }
        }
        ty if ty.is_integer() => {
            let (lowest, highest) = integer_range(ty);
            let within = |n: f64| {
                c.minimum
                    .is_none_or(|min| n > min.value || (!min.exclusive && n == min.value))
                    && c.maximum
                        .is_none_or(|max| n < max.value || (!max.exclusive && n == max.value))
            };
            if let Some(n) = example.and_then(|e| e.as_i64()) {
                if (lowest..=highest).contains(&i128::from(n)) && within(n as f64) {
                    return Some(n.to_string());
                }
            }
            let mut n = 1.0_f64;
            if let Some(min) = c.minimum {
                n = n.max(if min.exclusive {
                    min.value.floor() + 1.0
                } else {
                    min.value.ceil()
                });
            }
            if let Some(max) = c.maximum {
                n = n.min(if max.exclusive {
                    max.value.ceil() - 1.0
                } else {
                    max.value.floor()
                });
            }
            let fits = n.is_finite()
                && n >= lowest as f64
                && n <= highest as f64
                && n.abs() < 1e15
                && within(n);
            fits.then(|| format!("{}", n as i64))
        }
        TypeRef::F32 | TypeRef::F64 => {
            let n = match example.and_then(|e| e.as_f64()) {
                Some(n) => n,
                None => {
                    let mut n = 1.0_f64;
                    if let Some(min) = c.minimum {
                        n = n.max(min.value + if min.exclusive { 1.0 } else { 0.0 });
                    }
                    if let Some(max) = c.maximum {
                        n = n.min(max.value - if max.exclusive { 1.0 } else { 0.0 });
                    }
                    n
                }
            };
            // A literal beyond `f32` does not compile.
            let limit = if field.ty == TypeRef::F32 {
                f64::from(f32::MAX)
            } else {
                f64::MAX
            };
            (n.is_finite() && n.abs() <= limit).then(|| format!("{n:?}"))
        }
        TypeRef::Bool => Some(
            example
                .and_then(|e| e.as_bool())
                .unwrap_or(true)
                .to_string(),
        ),
        TypeRef::Array(item) if **item == TypeRef::String && c.pattern.is_none() => {
            let count = c.min_items.unwrap_or(1).max(1);
            (c.max_items.is_none_or(|max| max >= count) && count <= 3).then(|| {
                let items = vec!["\"example\""; count as usize];
                format!("[{}]", items.join(", "))
            })
        }
        TypeRef::Named(name) => {
            let ty = api.types.iter().find(|t| &t.name == name)?;
            enum_value(ty, example.and_then(|e| e.as_str()), krate)
        }
        _ => None,
    }
}

/// The values an integer type holds.
fn integer_range(ty: &TypeRef) -> (i128, i128) {
    match ty {
        TypeRef::I8 => (i8::MIN.into(), i8::MAX.into()),
        TypeRef::I16 => (i16::MIN.into(), i16::MAX.into()),
        TypeRef::I32 => (i32::MIN.into(), i32::MAX.into()),
        TypeRef::U8 => (0, u8::MAX.into()),
        TypeRef::U16 => (0, u16::MAX.into()),
        TypeRef::U32 => (0, u32::MAX.into()),
        TypeRef::U64 => (0, u64::MAX.into()),
        _ => (i64::MIN.into(), i64::MAX.into()),
    }
}

/// A variant of a string enum: the example's, else the first.
fn enum_value(ty: &NamedType, example: Option<&str>, krate: &str) -> Option<String> {
    let TypeKind::Enum { variants } = &ty.kind else {
        return None;
    };
    let variant = variants
        .iter()
        .find(|v| Some(v.value.as_str()) == example)
        .or(variants.first())?;
    Some(format!("{krate}::types::{}::{}", ty.name, variant.name))
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::config::Config;
    use crate::profile::Profile;

    fn api(profile: Profile, paths: &str) -> Api {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n{paths}\ncomponents:\n  schemas:\n    Pet: {{type: object, properties: {{id: {{type: string}}}}}}\n"
        );
        let config = Config {
            conventions: profile.conventions(),
            ..Config::generic("pets")
        };
        crate::lower::lower_document(&text, &config)
    }

    const OK: &str = "responses: {'200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}";

    #[test]
    fn a_read_with_the_fewest_arguments_filled_from_examples_and_constraints() {
        let api = api(
            Profile::Generic,
            &format!(
                "  /pets:
    post:
      operationId: createPet
      {OK}
  /pets/{{petId}}/toys/{{toyId}}:
    get:
      tags: [pets]
      operationId: getToy
      parameters:
        - {{name: petId, in: path, required: true, example: '7', schema: {{type: string}}}}
        - {{name: toyId, in: path, required: true, schema: {{type: integer, minimum: 3}}}}
      {OK}
  /pets/{{petId}}/coded:
    get:
      tags: [pets]
      operationId: getCoded
      parameters:
        - {{name: petId, in: path, required: true, schema: {{type: string, pattern: '^\\d+$'}}}}
      {OK}
"
            ),
        );
        // The POST has no argument but is not a read; the pattern without
        // an example cannot be filled.
        assert_eq!(
            quickstart(&api),
            "# async fn example() -> Result<(), pets::Error> {
let client = pets::Client::from_env()?;
let pet = client.pets().get_toy(\"7\", 3).send().await?;
println!(\"{pet:?}\");
# Ok(())
# }"
        );
    }

    #[test]
    fn a_long_chain_is_one_call_a_line_and_a_named_call_comes_first() {
        let api = api(
            Profile::Seam,
            &format!(
                "  /client_sessions/create:
    post:
      x-fern-sdk-group-name: [client_sessions]
      x-fern-sdk-method-name: create
      requestBody:
        content:
          application/json:
            schema: {{type: object, properties: {{user_identifier_key: {{type: string}}}}}}
      {OK}
  /pets/list:
    get:
      operationId: list
      {OK}
"
            ),
        );
        assert_eq!(
            quickstart(&api),
            "# async fn example() -> Result<(), pets::Error> {
let client = pets::Client::from_env()?;
let pet = client
    .client_sessions()
    .create()
    .user_identifier_key(\"jane_doe\")
    .send()
    .await?;
println!(\"{pet:?}\");
# Ok(())
# }"
        );
    }

    #[test]
    fn with_nothing_to_call_the_page_builds_the_client() {
        let api = api(
            Profile::Generic,
            "  /pets/{petId}:
    get:
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string, format: date-time}}
      responses: {'200': {description: OK, content: {application/json: {schema: {type: string}}}}}
",
        );
        assert_eq!(
            quickstart(&api),
            "# async fn example() -> Result<(), pets::Error> {\nlet client = pets::Client::from_env()?;\n# Ok(())\n# }"
        );
    }

    #[test]
    fn values_that_would_not_compile_or_would_be_refused_are_not_written() {
        let api = api(
            Profile::Generic,
            &format!(
                "  /a/{{n}}/{{s}}:
    get:
      operationId: wide
      parameters:
        - {{name: n, in: path, required: true, schema: {{type: integer, format: int32, example: 1000000000000}}}}
        - {{name: s, in: path, required: true, schema: {{type: string, minLength: 10, example: short}}}}
      {OK}
  /b/{{n}}:
    get:
      operationId: tooBig
      parameters:
        - {{name: n, in: path, required: true, schema: {{type: integer, format: int32, minimum: 3000000000}}}}
      {OK}
  /c/{{s}}:
    get:
      operationId: tooLong
      parameters:
        - {{name: s, in: path, required: true, schema: {{type: string, minLength: 1000000000}}}}
      {OK}
"
            ),
        );
        // The `int32` example does not fit, nor "short" its minLength:
        // 1 and ten letters instead. An `int32` of at least 3e9 and a
        // string of a billion characters cannot be written at all.
        assert!(
            quickstart(&api).contains(".wide(1, \"exampleexa\")"),
            "{}",
            quickstart(&api)
        );
        let only_bad = api_without(&api, "wide");
        assert!(
            !quickstart(&only_bad).contains(".send()"),
            "{}",
            quickstart(&only_bad)
        );
    }

    fn api_without(api: &Api, name: &str) -> Api {
        let mut api = api.clone();
        api.operations.retain(|op| op.name != name);
        api
    }
}
