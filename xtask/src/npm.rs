//! Seam's published OpenAPI document, from the npm registry: the default
//! export of `lib/seam/connect/openapi.js` in the `@seamapi/types` package.
//! npm fetches the package and node evaluates the module; `NPM` and `NODE`
//! in the environment name other programs to run instead.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Output};

/// The npm package that carries Seam's OpenAPI document.
pub const PACKAGE: &str = "@seamapi/types";

/// The document's module inside the package's tarball.
const MODULE: &str = "package/lib/seam/connect/openapi.js";

/// Prints the module's default export as JSON.
const PRINT_DEFAULT_EXPORT: &str = "import { pathToFileURL } from 'node:url'; \
    const module = await import(pathToFileURL(process.argv[1])); \
    process.stdout.write(JSON.stringify(module.default));";

/// The programs that fetch and read the package.
pub struct Tools {
    npm: OsString,
    node: OsString,
}

impl Tools {
    /// `npm` and `node` from `PATH`, or what `NPM` and `NODE` name.
    pub fn from_env() -> Self {
        Tools {
            npm: std::env::var_os("NPM").unwrap_or_else(|| "npm".into()),
            node: std::env::var_os("NODE").unwrap_or_else(|| "node".into()),
        }
    }

    /// These programs instead of `npm` and `node`.
    #[cfg(test)]
    pub fn with(npm: impl Into<OsString>, node: impl Into<OsString>) -> Self {
        Tools {
            npm: npm.into(),
            node: node.into(),
        }
    }

    fn run(
        &self,
        program: &OsString,
        args: &[&str],
        dir: &Path,
        why: &str,
    ) -> Result<Output, String> {
        Command::new(program)
            .args(args)
            .current_dir(dir)
            .output()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => format!(
                    "`{}` is not installed (or not on PATH); it is needed to {why}",
                    program.to_string_lossy()
                ),
                _ => format!("cannot run `{}`: {e}", program.to_string_lossy()),
            })
    }

    /// The newest version of the package on the registry.
    pub fn latest_version(&self) -> Result<String, String> {
        let dir = std::env::temp_dir();
        let why = format!("ask the npm registry for {PACKAGE}");
        let output = self.run(&self.npm, &["view", PACKAGE, "version"], &dir, &why)?;
        let version = String::from_utf8_lossy(&output.stdout).trim().to_string();
        if !output.status.success() || !openapi_clientgen::config::is_version(&version) {
            return Err(format!(
                "`npm view {PACKAGE} version` failed: {}",
                first_line(&output)
            ));
        }
        Ok(version)
    }

    /// The document as published in `version` of the package, as JSON
    /// text; `scratch` is an empty folder to work in.
    pub fn fetch(&self, version: &str, scratch: &Path) -> Result<String, String> {
        if !openapi_clientgen::config::is_version(version) {
            return Err(format!(
                "`{version}` is not a version of the form MAJOR.MINOR.PATCH"
            ));
        }
        let spec = format!("{PACKAGE}@{version}");
        let output = self.run(
            &self.npm,
            &["pack", &spec],
            scratch,
            &format!("fetch {spec} from the npm registry"),
        )?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            if stderr.contains("E404")
                || stderr.contains("ETARGET")
                || stderr.contains("No matching version")
            {
                return Err(format!("{spec} is not on the npm registry"));
            }
            return Err(format!("`npm pack {spec}` failed: {}", first_line(&output)));
        }
        // The tarball's name is the last line npm prints.
        let stdout = String::from_utf8_lossy(&output.stdout);
        let tarball = stdout
            .lines()
            .map(str::trim)
            .rfind(|l| !l.is_empty())
            .unwrap_or_default()
            .to_string();
        let output = self.run(
            &"tar".into(),
            &["-xzf", &tarball, MODULE],
            scratch,
            &format!("unpack {spec}"),
        )?;
        if !output.status.success() {
            return Err(format!(
                "{spec} has no {}: {}",
                MODULE.trim_start_matches("package/"),
                first_line(&output)
            ));
        }
        let output = self.run(
            &self.node,
            &["--input-type=module", "-e", PRINT_DEFAULT_EXPORT, MODULE],
            scratch,
            &format!("read the OpenAPI document out of {spec}"),
        )?;
        if !output.status.success() {
            return Err(format!(
                "node could not read the document of {spec}: {}",
                first_line(&output)
            ));
        }
        String::from_utf8(output.stdout).map_err(|e| format!("the document of {spec}: {e}"))
    }
}

/// The first line a failed program wrote, for an error message.
fn first_line(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    stderr
        .lines()
        .chain(stdout.lines())
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("(no output)")
        .to_string()
}
