//! `check` and `crosscheck` in a real terminal: tmux runs them in a pane
//! and `capture-pane` reads back what the terminal holds. The Arabic must
//! come back in logical order, exactly as in the draft (no reordering, no
//! bidi controls, no replacement characters), with the verdict groups
//! coloured and errors first.
//!
//! Without tmux the tests say so and pass, except under CI (`CI` set),
//! where `.ci/run` installs it.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn have_tmux() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is not installed: .ci/run installs Debian's tmux package"
        );
        eprintln!("tmux is not installed: terminal tests skipped (apt-get install tmux)");
    }
    ok
}

/// Run `args` in a fresh tmux server's 250-column pane and return the
/// pane's text with its colour escapes (`capture-pane -e`), wrapped lines
/// joined.
fn in_tmux(name: &str, args: &[&str]) -> String {
    let socket = format!("isnad-test-{name}-{}", std::process::id());
    let tmux = |a: &[&str]| {
        Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null"])
            .args(a)
            .current_dir(root())
            .env_remove("TMUX")
            .output()
            .unwrap()
    };
    let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_isnad").to_string())
        .chain(args.iter().map(|a| a.to_string()))
        .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
        .collect();
    let script = format!(
        "{} --color always; tmux -L {socket} wait-for -S done; sleep 60",
        quoted.join(" ")
    );
    let o = tmux(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "250",
        "-y",
        "200",
        "sh",
        "-c",
        &script,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let _ = tmux(&["set-option", "-g", "history-limit", "10000"]);
    let o = tmux(&["wait-for", "done"]);
    assert!(o.status.success());
    let o = tmux(&["capture-pane", "-p", "-e", "-J", "-S", "-", "-t", "t"]);
    let _ = tmux(&["kill-server"]);
    String::from_utf8(o.stdout).expect("the pane holds valid UTF-8")
}

fn strip(s: &str) -> String {
    regex::Regex::new("\u{1b}\\[[0-9;]*m")
        .unwrap()
        .replace_all(s, "")
        .to_string()
}

#[test]
fn check_in_a_real_terminal_keeps_arabic_in_logical_order() {
    if !have_tmux() {
        return;
    }
    let draft = "corpora/drafts/dam-collapse-wadi-al-samar.txt";
    let pane = in_tmux(
        "check",
        &[
            "check",
            draft,
            "--against",
            "corpora/dam-collapse-wadi-al-samar/",
            "--lang",
            "en",
        ],
    );
    let text = strip(&pane);
    assert!(pane.contains("\u{1b}["), "no colour reached the terminal");
    assert!(!text.contains('\u{fffd}'), "garbled text in the pane");
    for c in [
        '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202e}', '\u{2067}',
    ] {
        assert!(!text.contains(c), "a bidi control in the output: {:?}", c);
    }
    // Every content line shows the draft's words exactly, in logical order.
    let source = std::fs::read_to_string(root().join(draft)).unwrap();
    let json = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args([
            "check",
            draft,
            "--against",
            "corpora/dam-collapse-wadi-al-samar/",
            "--format",
            "json",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    let mut contents = 0;
    for line in String::from_utf8(json.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["type"] == "finding" {
            let c = v["attribution"]["content"]["text"].as_str().unwrap();
            assert!(source.contains(c));
            assert!(
                text.lines()
                    .any(|l| l.trim_end().ends_with(&format!("content    {c}"))),
                "content not shown intact: {c}"
            );
            contents += 1;
        }
    }
    assert!(contents >= 10);
    // Errors first: the groups in order of seriousness.
    let pos = |s: &str| text.find(s).unwrap_or_else(|| panic!("no group {s}"));
    assert!(
        pos("  altered (") < pos("  misattributed (")
            && pos("  conflicting (") < pos("  verified (")
    );
    // A difference shows both sides.
    let a1 = text.find(" a1 ").unwrap();
    let block = &text[a1..];
    assert!(
        block.contains("number")
            && block.contains("draft     45")
            && block.contains("reference 54")
    );
}

#[test]
fn crosscheck_in_a_real_terminal() {
    if !have_tmux() {
        return;
    }
    let pane = in_tmux(
        "crosscheck",
        &[
            "crosscheck",
            "corpora/dam-collapse-wadi-al-samar/",
            "--lang",
            "en",
        ],
    );
    let text = strip(&pane);
    assert!(pane.contains("\u{1b}["));
    assert!(text.contains("conflicting"));
    // Both outlets' figures, each on its own line with its document's
    // short name.
    assert!(text
        .lines()
        .any(|l| l.contains("54") && l.contains("(bawabat-al-sunbula)")));
    assert!(text
        .lines()
        .any(|l| l.contains("45") && l.contains("(qartala-news-agency)")));
}
