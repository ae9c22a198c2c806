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

#[test]
fn no_password_is_printed_whatever_the_url_looks_like() {
    for url in [
        "postgres://u:hunter2@/db",
        "postgres://u:hunter2@localhost:99999/db",
        "postgres://u:hunter2@[::1/db",
        "postgres://u:hunter2@127.0.0.1:1/db",
        "postgres://u@127.0.0.1:1/db?password=hunter2",
        "postgres://u@127.0.0.1:1/db?sslmode=require&sslpassword=hunter2",
        "postgres://u:hunter2@127.0.0.1:1/",
        "mysql://u:hunter2@localhost/db",
    ] {
        for args in [&["migrate", "status"][..], &["seed"], &["partitions"]] {
            let (code, out, err) = xtask(args, &[("DATABASE_URL", url)]);
            assert_ne!(code, 0, "{url}: {args:?} fails");
            assert!(
                !out.contains("hunter2") && !err.contains("hunter2"),
                "{url}: {args:?} printed the password: {out}{err}"
            );
            assert!(
                err.contains("****") || !url.contains(":hunter2@"),
                "{url}: {err}"
            );
        }
    }
}

#[test]
fn a_url_without_a_database_name_is_refused() {
    for url in [
        "postgres://postgres@127.0.0.1:5432",
        "postgres://postgres@127.0.0.1:5432/",
    ] {
        assert_one_line_error(
            &["migrate", "status"],
            &[("DATABASE_URL", url)],
            "names no database",
        );
    }
}

#[test]
fn an_unknown_sslmode_is_refused_naming_the_valid_ones() {
    assert_one_line_error(
        &["migrate", "status"],
        &[(
            "DATABASE_URL",
            "postgres://postgres@127.0.0.1:5432/db?sslmode=required",
        )],
        "verify-full",
    );
}

#[test]
fn a_locked_sqlite_file_says_so() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("locked.sqlite3");
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let (code, _, err) = xtask(&["migrate", "up"], &[("DATABASE_URL", &url)]);
    assert_eq!(code, 0, "{err}");
    // Another process holds a write transaction on the file for the whole run.
    let mut holder = std::process::Command::new("python3")
        .args([
            "-c",
            "import sqlite3, sys, time\n\
             c = sqlite3.connect(sys.argv[1], isolation_level=None)\n\
             c.execute('BEGIN IMMEDIATE')\n\
             print('locked', flush=True)\n\
             time.sleep(600)",
            &path.display().to_string(),
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(holder.stdout.as_mut().expect("stdout")),
        &mut line,
    )
    .expect("the holder says it locked");
    let (code, _, err) = xtask(
        &["migrate", "down", "--force"],
        &[("DATABASE_URL", &url), ("MIGRATE_SQLITE_WAIT_SECS", "1")],
    );
    let _ = holder.kill();
    let _ = holder.wait();
    assert_ne!(code, 0);
    assert!(
        err.contains("the SQLite file is locked by another process")
            && !err.contains("start the database server"),
        "{err}"
    );
}

#[test]
fn partitions_refuse_an_absurd_first_month() {
    for from in ["99999-01", "1900-01"] {
        assert_one_line_error(&["partitions", "--from", from], &[], "years from now");
    }
}
