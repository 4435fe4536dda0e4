//! Fixture tests: every page under `fixtures/text` and `fixtures/html` is cleaned; the output
//! and the explanation are pinned by insta snapshots, and the sidecar `<name>.toml` states what
//! must be kept and what must be gone (see `fixtures/README.md`).

use std::path::Path;

use declutter::{Cleaned, InputKind, Options, render};

/// The sidecar of a fixture.
#[derive(serde::Deserialize, Default)]
struct Sidecar {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    keep: Vec<String>,
    #[serde(default)]
    drop: Vec<String>,
    #[serde(default)]
    empty: bool,
}

fn clean(path: &Path, input: InputKind) -> Cleaned {
    let bytes = std::fs::read(path).unwrap();
    declutter::clean(
        &bytes,
        &Options {
            input,
            ..Options::default()
        },
    )
    .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The sidecar's promises that the cleaned page breaks, one message each.
fn broken_promises(path: &Path, cleaned: &Cleaned) -> Vec<String> {
    let sidecar_path = path.with_extension("toml");
    let text = std::fs::read_to_string(&sidecar_path).unwrap_or_else(|_| {
        panic!(
            "{} has no sidecar {}",
            path.display(),
            sidecar_path.display()
        )
    });
    let sidecar: Sidecar =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", sidecar_path.display()));
    let body = cleaned.body_text();
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let body_flat = flat(&body);
    let name = path.file_name().unwrap().to_string_lossy();
    let mut broken = Vec::new();
    for keep in &sidecar.keep {
        if !body_flat.contains(&flat(keep)) {
            broken.push(format!("{name}: lost “{keep}”"));
        }
    }
    for drop in &sidecar.drop {
        if body_flat.contains(&flat(drop)) {
            broken.push(format!("{name}: kept debris “{drop}”"));
        }
    }
    if sidecar.empty && !body.trim().is_empty() {
        broken.push(format!(
            "{name}: should be empty, kept {} chars",
            body.len()
        ));
    }
    if let Some(title) = &sidecar.title {
        if cleaned.title.as_deref() != Some(title.as_str()) {
            broken.push(format!(
                "{name}: title {:?}, expected {title:?}",
                cleaned.title
            ));
        }
    }
    broken
}

fn fixtures(dir: &str, extension: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|_| panic!("{} is missing", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    paths.sort();
    paths
}

#[test]
fn seed_matches_its_expected_output_exactly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed");
    let cleaned = clean(&dir.join("scraped-article.txt"), InputKind::Auto);
    let expected = std::fs::read_to_string(dir.join("scraped-article.expected.txt")).unwrap();
    assert_eq!(cleaned.input, InputKind::Text);
    assert_eq!(cleaned.text(), expected);
}

/// Cleans every fixture in `dir` (at least `min` of them) and reports all broken promises.
fn assert_promises(dir: &str, extension: &str, min: usize, input: InputKind) {
    let paths = fixtures(dir, extension);
    assert!(
        paths.len() >= min,
        "expected at least {min} fixtures in {dir}, found {}",
        paths.len()
    );
    let broken: Vec<String> = paths
        .iter()
        .flat_map(|p| broken_promises(p, &clean(p, input)))
        .collect();
    assert!(
        broken.is_empty(),
        "{} broken promises:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn text_fixtures_keep_the_article_and_drop_the_debris() {
    assert_promises("text", "txt", 20, InputKind::Text);
}

#[test]
fn html_fixtures_keep_the_article_and_drop_the_debris() {
    assert_promises("html", "html", 15, InputKind::Auto);
}

#[test]
fn text_fixture_snapshots() {
    for path in fixtures("text", "txt") {
        let cleaned = clean(&path, InputKind::Text);
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(format!("text@{name}"), cleaned.text());
        insta::assert_snapshot!(format!("explain@{name}"), render::explain(&cleaned));
    }
}

#[test]
fn html_fixture_snapshots() {
    for path in fixtures("html", "html") {
        let cleaned = clean(&path, InputKind::Auto);
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(format!("html-text@{name}"), cleaned.text());
        insta::assert_snapshot!(
            format!("html-markdown@{name}"),
            render::markdown(&cleaned, true)
        );
        insta::assert_snapshot!(format!("html-explain@{name}"), render::explain(&cleaned));
    }
}
