// The command list, shared with the app (see src/commands.rs).
include!("src/commands.rs");

fn main() {
    let commands: &[&str] = with_commands!(names);
    check_capability(commands);
    // Declaring the app's commands makes each one a permission, so the window's
    // capability (capabilities/default.json) grants exactly the ones it uses.
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("the Tauri build step runs");
}

/// The window's capability grants each command (`allow-<name>`) and no command that does
/// not exist; the build stops with the difference otherwise.
fn check_capability(commands: &[&str]) {
    const CAPABILITY: &str = "capabilities/default.json";
    println!("cargo:rerun-if-changed={CAPABILITY}");
    println!("cargo:rerun-if-changed=src/commands.rs");
    let text = std::fs::read_to_string(CAPABILITY).expect("the capability file is readable");
    let json: serde_json::Value = serde_json::from_str(&text).expect("the capability is JSON");
    let granted: Vec<String> = json["permissions"]
        .as_array()
        .expect("the capability lists permissions")
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| p.starts_with("allow-"))
        .map(|p| p["allow-".len()..].replace('-', "_"))
        .collect();
    let missing: Vec<&&str> = commands
        .iter()
        .filter(|c| !granted.iter().any(|g| g == *c))
        .collect();
    let unknown: Vec<&String> = granted
        .iter()
        .filter(|g| !commands.contains(&g.as_str()))
        .collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "{CAPABILITY} is out of step with src/commands.rs: not granted {missing:?}, granted but no such command {unknown:?}"
    );
}
