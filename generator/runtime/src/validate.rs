//! Checks of the spec's constraints, run before a request is sent.
//!
//! An operation's `validate` names each constrained parameter once:
//! `check("limit", &self.limit, &[Minimum(1.0), Maximum(100.0)])?`. The
//! value's type says which checks apply and whether it is set at all.
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

/// Without the `regex` crate no pattern is checked: the spec has none.
#[cfg(not(feature = "pattern"))]
pub(crate) fn pattern(_: &str, _: &str, _: &str) -> Result<(), ValidationError> {
    Ok(())
}

/// One constraint of the spec on a parameter.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Check {
    MinLength(u64),
    MaxLength(u64),
    Pattern(&'static str),
    MinItems(u64),
    MaxItems(u64),
    Minimum(f64),
    ExclusiveMinimum(f64),
    Maximum(f64),
    ExclusiveMaximum(f64),
}

/// A parameter's value as its constraints see it: text, a number, a list,
/// or one that may be unset (checked only when set).
pub(crate) trait Checked {
    fn check(&self, field: &str, checks: &[Check]) -> Result<(), ValidationError>;
}

/// Checks `value` against each of `checks` in turn; the first that fails
/// is the error.
pub(crate) fn check<T: Checked + ?Sized>(
    field: &str,
    value: &T,
    checks: &[Check],
) -> Result<(), ValidationError> {
    value.check(field, checks)
}

impl<T: Checked> Checked for Option<T> {
    fn check(&self, field: &str, checks: &[Check]) -> Result<(), ValidationError> {
        match self {
            Some(value) => value.check(field, checks),
            None => Ok(()),
        }
    }
}

impl Checked for String {
    fn check(&self, field: &str, checks: &[Check]) -> Result<(), ValidationError> {
        for check in checks {
            match *check {
                Check::MinLength(min) => min_length(field, self, min)?,
                Check::MaxLength(max) => max_length(field, self, max)?,
                Check::Pattern(expected) => pattern(field, self, expected)?,
                _ => {}
            }
        }
        Ok(())
    }
}

impl<T> Checked for Vec<T> {
    fn check(&self, field: &str, checks: &[Check]) -> Result<(), ValidationError> {
        for check in checks {
            match *check {
                Check::MinItems(min) => min_items(field, self.len(), min)?,
                Check::MaxItems(max) => max_items(field, self.len(), max)?,
                _ => {}
            }
        }
        Ok(())
    }
}

fn number(field: &str, value: f64, checks: &[Check]) -> Result<(), ValidationError> {
    for check in checks {
        match *check {
            Check::Minimum(bound) => minimum(field, value, bound, false)?,
            Check::ExclusiveMinimum(bound) => minimum(field, value, bound, true)?,
            Check::Maximum(bound) => maximum(field, value, bound, false)?,
            Check::ExclusiveMaximum(bound) => maximum(field, value, bound, true)?,
            _ => {}
        }
    }
    Ok(())
}

macro_rules! numbers {
    ($($ty:ty),+) => {
        $(impl Checked for $ty {
            fn check(&self, field: &str, checks: &[Check]) -> Result<(), ValidationError> {
                number(field, *self as f64, checks)
            }
        })+
    };
}

numbers!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);
