fn main() {
    // Capabilities live in src-tauri/capabilities; plain tauri_build::build()
    // would look in ./capabilities (the root, beside tauri.conf.json) and
    // silently grant nothing.
    let attributes =
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*");
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
