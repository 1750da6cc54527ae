//! Webhooks (OpenAPI 3.1): requests the API sends to its users' servers.
//! The client sends none of them; what it offers is each payload's type,
//! so a server can decode what it receives.

use openapiv3::{ReferenceOr, RequestBody};

use super::messages::is_json_media;
use super::{deprecation, http_method, Lowerer, SchemaRef};
use crate::error::{pointer_push, Error, Result};
use crate::ir::{Docs, TypeRef, Webhook};
use crate::naming;

impl Lowerer<'_> {
    /// The webhooks of the document, with their payload types defined in
    /// the `webhooks` types module.
    pub(super) fn webhooks(&mut self, errors: &mut Vec<Error>) -> Vec<Webhook> {
        let mut out = Vec::new();
        for (name, item) in self.webhooks_of {
            let at = pointer_push("#/webhooks", name);
            let operations: Vec<_> = item.iter().collect();
            for &(method, op) in &operations {
                let pointer = pointer_push(&at, method);
                // One type name per webhook; the method joins it only when
                // the webhook has several operations.
                let hint = match operations.len() {
                    1 => format!("{name}_payload"),
                    _ => format!("{name}_{method}_payload"),
                };
                self.module = vec!["webhooks".to_string()];
                let payload = match &op.request_body {
                    Some(body) => self.payload(body, &hint, &pointer_push(&pointer, "requestBody")),
                    None => Ok(None),
                };
                self.module = Vec::new();
                let payload = match payload {
                    Ok(payload) => payload,
                    Err(e) => {
                        errors.push(e);
                        continue;
                    }
                };
                out.push(Webhook {
                    name: name.clone(),
                    method: http_method(method),
                    pointer,
                    docs: Docs {
                        title: None,
                        summary: op.summary.clone(),
                        description: op.description.clone(),
                        deprecated: deprecation(op.deprecated, &op.extensions),
                        undocumented: None,
                        draft: None,
                    },
                    payload,
                });
            }
        }
        out
    }

    /// The type of a webhook's JSON body, if it has one.
    fn payload(
        &mut self,
        body: &ReferenceOr<RequestBody>,
        hint: &str,
        pointer: &str,
    ) -> Result<Option<TypeRef>> {
        let body = self.request_body(body, pointer)?;
        let json = body.content.iter().find(|(media, _)| is_json_media(media));
        let Some((media, schema)) = json.and_then(|(m, c)| Some((m, c.schema.as_ref()?))) else {
            return Ok(None);
        };
        let at = pointer_push(
            &pointer_push(&pointer_push(pointer, "content"), media),
            "schema",
        );
        let hint = naming::snake(hint);
        self.type_of(SchemaRef::of(schema), &hint, &at).map(Some)
    }
}
