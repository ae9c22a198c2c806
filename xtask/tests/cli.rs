//! Bad input to every command gets one line that says what to do: no panic, no backtrace.

use std::process::Command;

fn xtask(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.args(args)
        .env_remove("DATABASE_URL")
        .env("RUST_BACKTRACE", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("the xtask binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_one_line_error(args: &[&str], env: &[(&str, &str)], expect: &str) {
    let (code, _out, err) = xtask(args, env);
    assert_ne!(code, 0, "{args:?} fails");
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{args:?}: one line, got {err:?}");
    assert!(lines[0].starts_with("error: "), "{args:?}: {err:?}");
    assert!(
        lines[0].contains(expect),
        "{args:?}: expected {expect:?} in {err:?}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{args:?}: {err:?}"
    );
}

#[test]
fn unknown_subcommand() {
    assert_one_line_error(&["frobnicate"], &[], "unrecognized subcommand 'frobnicate'");
}

#[test]
fn unknown_profile_lists_the_known_ones() {
    assert_one_line_error(&["seed", "--profile", "huge"], &[], "possible values: dev");
}

#[test]
fn malformed_database_url() {
    for url in ["not a url", "mysql://root@localhost/db", "postgres://"] {
        assert_one_line_error(
            &["migrate", "status"],
            &[("DATABASE_URL", url)],
            "DATABASE_URL",
        );
        assert_one_line_error(&["seed"], &[("DATABASE_URL", url)], "DATABASE_URL");
    }
}

#[test]
fn unreachable_server_says_why_and_what_to_do() {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    let url = "postgres://postgres@127.0.0.1:1/nothing";
    for args in [&["migrate", "up"][..], &["seed"][..]] {
        assert_one_line_error(args, &[("DATABASE_URL", url)], "start the database server");
    }
    assert_one_line_error(
        &["codegen", "--check"],
        &[("TEST_DATABASE_URL", url)],
        "cannot reach Postgres",
    );
}

#[test]
fn bad_step_count() {
    assert_one_line_error(
        &["migrate", "down", "-n", "many"],
        &[],
        "invalid value 'many'",
    );
}

#[test]
fn help_lists_every_command() {
    let (code, out, _) = xtask(&["--help"], &[]);
    assert_eq!(code, 0);
    for command in ["codegen", "migrate", "new-migration", "seed"] {
        assert!(out.contains(command), "{command} in {out}");
    }
}
