//! Multipart request bodies: the [`Upload`] type for file parts, the parts
//! an operation's parameters give, and the form sent for each attempt.

use serde::Serialize;

use crate::error::Error;

/// A file sent as one part of a multipart request body: its bytes,
/// and optionally a file name and media type (by default the
/// parameter's name and `application/octet-stream`).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Upload {
    bytes: Vec<u8>,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl Upload {
    /// A file with these contents.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Upload {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// The file name the server sees.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// The part's media type, such as `image/png`.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file's contents.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl From<Vec<u8>> for Upload {
    fn from(bytes: Vec<u8>) -> Self {
        Upload::new(bytes)
    }
}

impl From<&[u8]> for Upload {
    fn from(bytes: &[u8]) -> Self {
        Upload::new(bytes)
    }
}

/// Shows the size, not the contents.
impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("len", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// One part of a multipart body.
#[allow(dead_code)]
#[derive(Debug)]
pub(crate) enum Part {
    Text {
        name: &'static str,
        text: String,
        json: bool,
    },
    File {
        name: &'static str,
        upload: Upload,
    },
}

#[allow(dead_code)]
impl Part {
    pub(crate) fn file(name: &'static str, upload: &Upload) -> Part {
        Part::File {
            name,
            upload: upload.clone(),
        }
    }
}

/// The parts of one property: a list gives a part per item, an
/// object a JSON part, anything else its text; `null` gives none.
#[allow(dead_code)]
pub(crate) fn push_part<T: Serialize + ?Sized>(
    parts: &mut Vec<Part>,
    name: &'static str,
    value: &T,
) {
    fn push(parts: &mut Vec<Part>, name: &'static str, value: &serde_json::Value) {
        match value {
            serde_json::Value::Null => {}
            serde_json::Value::Array(items) => {
                for item in items {
                    push(parts, name, item);
                }
            }
            serde_json::Value::Object(_) => parts.push(Part::Text {
                name,
                text: value.to_string(),
                json: true,
            }),
            other => parts.push(Part::Text {
                name,
                text: crate::http::text_of(other),
                json: false,
            }),
        }
    }
    if let Ok(value) = serde_json::to_value(value) {
        push(parts, name, &value);
    }
}

/// A fresh form for one attempt (a form is used up by sending it).
pub(crate) fn multipart_form(parts: &[Part]) -> Result<reqwest::multipart::Form, Error> {
    let mut form = reqwest::multipart::Form::new();
    for part in parts {
        form = match part {
            Part::Text {
                name,
                text,
                json: false,
            } => form.text(*name, text.clone()),
            Part::Text {
                name,
                text,
                json: true,
            } => form.part(
                *name,
                reqwest::multipart::Part::text(text.clone()).mime_str("application/json")?,
            ),
            Part::File { name, upload } => {
                let content_type = upload
                    .content_type
                    .as_deref()
                    .unwrap_or("application/octet-stream");
                let file_name = upload.file_name.clone().unwrap_or_else(|| name.to_string());
                let part = reqwest::multipart::Part::bytes(upload.bytes.clone())
                    .file_name(file_name)
                    .mime_str(content_type)?;
                form.part(*name, part)
            }
        };
    }
    Ok(form)
}
