//! The contract with the UI: the list of commands in `commands.rs` is the
//! one place a command is named. From it come the handler Tauri registers,
//! a compile-time check that each listed signature is the command's own, and
//! `ui/src/ipc/commands.ts`, the UI's typed wrappers (a test fails when that
//! file is stale). The argument and result types are named as the core's
//! generated bindings (`ui/src/ipc/bindings.ts`) name them.

/// One command as the UI calls it.
#[cfg(test)]
pub struct Signature {
    pub name: &'static str,
    pub doc: &'static str,
    /// Argument name and TypeScript type; a type `channel<T>` is a stream of
    /// `T` the UI receives through a callback.
    pub args: Vec<(&'static str, String)>,
    pub result: String,
}

/// The TypeScript name of a Rust type, as the bindings name it.
#[cfg(test)]
pub fn ts_name<T: ts_rs::TS>() -> String {
    T::name(&ts_rs::Config::new().with_large_int("number"))
}

/// Lists the commands: `fn name(arg: Type, …) -> Result;` each, with its doc.
/// An argument written `arg: Type = "channel<T>"` is a `tauri::ipc::Channel`.
macro_rules! commands {
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident($($arg:ident : $ty:ty $(= $ts:literal)?),* $(,)?) -> $ret:ty;
    )*) => {
        /// The handler of every listed command.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// The listed commands' signatures.
        #[cfg(test)]
        pub fn signatures() -> Vec<crate::contract::Signature> {
            vec![$(crate::contract::Signature {
                name: stringify!($name),
                doc: concat!($($doc, "\n"),*),
                args: vec![$((stringify!($arg), commands!(@ts $ty $(, $ts)?))),*],
                result: crate::contract::ts_name::<$ret>(),
            }),*]
        }

        /// Never called: it compiles only if every listed command takes the
        /// state and exactly the listed arguments and returns the listed result.
        #[allow(dead_code, unreachable_code, unused_variables, clippy::diverging_sub_expression)]
        async fn listed_signatures_are_the_commands_own(state: tauri::State<'_, AppState>) {
            $({
                let _: Result<$ret, IpcError> =
                    $name(state.clone(), $({ let v: $ty = unreachable!(); v }),*).await;
            })*
        }
    };
    (@ts $ty:ty) => { crate::contract::ts_name::<$ty>() };
    (@ts $ty:ty, $ts:literal) => { $ts.to_string() };
}

pub(crate) use commands;

/// `snake_case` → `camelCase`.
#[cfg(test)]
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The type names a TypeScript type mentions (to import from the bindings).
#[cfg(test)]
fn type_names(ts: &str, out: &mut std::collections::BTreeSet<String>) {
    let mut word = String::new();
    for c in ts.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            if word.starts_with(|c: char| c.is_ascii_uppercase())
                && !["Array", "Record", "Partial"].contains(&word.as_str())
            {
                out.insert(std::mem::take(&mut word));
            }
            word.clear();
        }
    }
}

/// `ui/src/ipc/commands.ts`.
#[cfg(test)]
pub fn typescript(signatures: &[Signature]) -> String {
    let mut types = std::collections::BTreeSet::new();
    let mut body = String::new();
    for s in signatures {
        let mut params = Vec::new();
        let mut fields = Vec::new();
        let mut setup = String::new();
        for (arg, ts) in &s.args {
            let name = camel(arg);
            if let Some(item) = ts
                .strip_prefix("channel<")
                .and_then(|t| t.strip_suffix('>'))
            {
                type_names(item, &mut types);
                params.push(format!("{name}: (message: {item}) => void"));
                setup.push_str(&format!(
                    "    const {name}Channel = new Channel<{item}>();\n    {name}Channel.onmessage = {name};\n"
                ));
                fields.push(format!("{name}: {name}Channel"));
            } else {
                type_names(ts, &mut types);
                params.push(format!("{name}: {ts}"));
                fields.push(name);
            }
        }
        type_names(&s.result, &mut types);
        let args = if fields.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", fields.join(", "))
        };
        for line in s.doc.lines().filter(|l| !l.trim().is_empty()) {
            body.push_str(&format!("  /**{line} */\n"));
        }
        let call = format!("invoke<{}>(\"{}\"{args})", s.result, s.name);
        if setup.is_empty() {
            body.push_str(&format!(
                "  {}: ({}) => {call},\n",
                camel(s.name),
                params.join(", ")
            ));
        } else {
            body.push_str(&format!(
                "  {}: ({}) => {{\n{setup}    return {call};\n  }},\n",
                camel(s.name),
                params.join(", ")
            ));
        }
    }
    let imports: Vec<String> = types.into_iter().collect();
    format!(
        "// Generated from the command list in src-tauri/src/commands.rs. Do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p horetsu-app --lib contract\n\n\
         import {{ Channel, invoke }} from \"@tauri-apps/api/core\";\n\
         import type {{ {} }} from \"./bindings\";\n\n\
         /** Every command the app's Rust side answers, typed. */\n\
         export const commands = {{\n{body}}};\n",
        imports.join(", ")
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_commands_file_is_up_to_date() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ui/src/ipc/commands.ts");
        let fresh = super::typescript(&crate::commands::signatures());
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/ipc/commands.ts is stale: run UPDATE_BINDINGS=1 cargo test -p horetsu-app --lib contract"
        );
    }

    #[test]
    fn names_become_camel_case_and_types_are_imported() {
        assert_eq!(super::camel("customer_detail"), "customerDetail");
        let mut t = std::collections::BTreeSet::new();
        super::type_names("Array<[Quadrant, number]> | Stage | null", &mut t);
        assert_eq!(t.into_iter().collect::<Vec<_>>(), ["Quadrant", "Stage"]);
    }
}
