//! Profiles: the presets of conventions a target can name.
//!
//! The generic profile reads OpenAPI as it is written; the Seam profile is
//! the conventions file `generator/presets/seam.toml` (see
//! [`crate::conventions`]). Seam's credentials live in the runtime file
//! `generator/runtime/src/seam_auth.rs`.

use serde::{Deserialize, Serialize};

use crate::conventions::Conventions;

/// Which conventions a spec follows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// OpenAPI as written: names from tags and `operationId`, credentials
    /// from the security schemes, the response body returned whole.
    #[default]
    Generic,
    /// Seam Connect's conventions (`generator/presets/seam.toml`).
    Seam,
}

impl std::str::FromStr for Profile {
    type Err = String;

    /// `generic` or `seam`, as the command line and targets file name them.
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "generic" => Ok(Profile::Generic),
            "seam" => Ok(Profile::Seam),
            other => Err(format!(
                "unknown profile `{other}`: expected `generic` or `seam`"
            )),
        }
    }
}

impl Profile {
    /// The preset's name.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Generic => "generic",
            Profile::Seam => "seam",
        }
    }

    /// The conventions of this profile.
    pub fn conventions(self) -> Conventions {
        // The presets are built in and parsed by a test, so this cannot
        // fail on anyone's input.
        Conventions::preset(self.name()).unwrap_or_else(|e| panic!("built-in preset: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_is_a_preset_that_parses() {
        for profile in [Profile::Generic, Profile::Seam] {
            assert_eq!(profile.name().parse::<Profile>(), Ok(profile));
            assert!(Conventions::preset(profile.name()).is_ok());
        }
        assert_eq!(Profile::Generic.conventions(), Conventions::default());
    }
}
