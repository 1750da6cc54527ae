//! Checks of the spec's constraints, run before a request is sent.
#![allow(dead_code)]

use crate::error::{Rule, ValidationError};

/// Lengths count characters, as JSON Schema does.
pub(crate) fn min_length(field: &str, value: &str, min: u64) -> Result<(), ValidationError> {
    if (value.chars().count() as u64) < min {
        return Err(ValidationError::new(field, Rule::MinLength(min)));
    }
    Ok(())
}

pub(crate) fn max_length(field: &str, value: &str, max: u64) -> Result<(), ValidationError> {
    if (value.chars().count() as u64) > max {
        return Err(ValidationError::new(field, Rule::MaxLength(max)));
    }
    Ok(())
}

pub(crate) fn min_items(field: &str, len: usize, min: u64) -> Result<(), ValidationError> {
    if (len as u64) < min {
        return Err(ValidationError::new(field, Rule::MinItems(min)));
    }
    Ok(())
}

pub(crate) fn max_items(field: &str, len: usize, max: u64) -> Result<(), ValidationError> {
    if (len as u64) > max {
        return Err(ValidationError::new(field, Rule::MaxItems(max)));
    }
    Ok(())
}

pub(crate) fn minimum(
    field: &str,
    value: f64,
    bound: f64,
    exclusive: bool,
) -> Result<(), ValidationError> {
    if value < bound || (exclusive && value == bound) {
        return Err(ValidationError::new(
            field,
            Rule::Minimum { bound, exclusive },
        ));
    }
    Ok(())
}

pub(crate) fn maximum(
    field: &str,
    value: f64,
    bound: f64,
    exclusive: bool,
) -> Result<(), ValidationError> {
    if value > bound || (exclusive && value == bound) {
        return Err(ValidationError::new(
            field,
            Rule::Maximum { bound, exclusive },
        ));
    }
    Ok(())
}

/// A pattern the `regex` crate cannot compile is not checked.
#[cfg(feature = "pattern")]
pub(crate) fn pattern(field: &str, value: &str, pattern: &str) -> Result<(), ValidationError> {
    match regex::Regex::new(pattern) {
        Ok(re) if !re.is_match(value) => Err(ValidationError::new(
            field,
            Rule::Pattern(pattern.to_string()),
        )),
        _ => Ok(()),
    }
}
