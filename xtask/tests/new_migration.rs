//! `cargo xtask new-migration` writes a skeleton and registers it, in a copy of the crate.

use xtask::new_migration::{MARKER, create};

fn copy_migration_crate(to: &std::path::Path) {
    let src = xtask::workspace::root().join("migration/src");
    let dest = to.join("migration/src");
    std::fs::create_dir_all(dest.join("billing")).expect("folders");
    std::fs::copy(src.join("lib.rs"), dest.join("lib.rs")).expect("copy lib.rs");
    std::fs::copy(src.join("billing/mod.rs"), dest.join("billing/mod.rs")).expect("copy mod.rs");
}

#[test]
fn writes_a_skeleton_and_registers_it_last() {
    let root = tempfile::tempdir().expect("a temporary directory");
    copy_migration_crate(root.path());
    let path =
        create(root.path(), "billing", "create_invoices", "20991231_235959").expect("create");
    assert!(path.ends_with("migration/src/billing/m20991231_235959_create_invoices.rs"));
    let skeleton = std::fs::read_to_string(&path).expect("the skeleton exists");
    assert!(skeleton.contains("impl SchemaChange for Migration"));
    assert!(skeleton.contains("fn down(&self, ddl: &mut Ddl)"));

    let lib = std::fs::read_to_string(root.path().join("migration/src/lib.rs")).expect("lib.rs");
    let registered = lib.find("Box::new(billing::m20991231_235959_create_invoices::Migration)");
    let marker = lib.find(MARKER);
    assert!(
        registered.is_some() && registered < marker,
        "registered just above the marker"
    );
    let mod_rs =
        std::fs::read_to_string(root.path().join("migration/src/billing/mod.rs")).expect("mod.rs");
    assert!(mod_rs.contains("pub mod m20991231_235959_create_invoices;"));

    let again = create(root.path(), "billing", "create_invoices", "20991231_235959");
    assert!(
        again
            .expect_err("the same file twice")
            .to_string()
            .contains("already exists")
    );
}

#[test]
fn a_new_domain_gets_a_folder_and_a_module_declaration() {
    let root = tempfile::tempdir().expect("a temporary directory");
    copy_migration_crate(root.path());
    create(
        root.path(),
        "marketplace",
        "create_modules",
        "20991231_235959",
    )
    .expect("create");
    let lib = std::fs::read_to_string(root.path().join("migration/src/lib.rs")).expect("lib.rs");
    assert!(lib.contains("pub mod marketplace;"));
    assert!(
        root.path()
            .join("migration/src/marketplace/mod.rs")
            .exists()
    );
}

#[test]
fn alter_scaffolds_a_change_of_an_existing_table() {
    let root = tempfile::tempdir().expect("a temporary directory");
    copy_migration_crate(root.path());
    let file = xtask::new_migration::create_with(
        root.path(),
        "billing",
        "add_invoice_memo",
        "20991231_235959",
        Some("invoices"),
    )
    .expect("create");
    let text = std::fs::read_to_string(file).expect("read");
    assert!(text.contains("ddl.add_column(\"invoices\""), "{text}");
    assert!(text.contains("create_index_concurrently"), "{text}");
    assert!(
        xtask::new_migration::create_with(
            root.path(),
            "billing",
            "add_x",
            "20991231_235958",
            Some("Bad Table")
        )
        .is_err()
    );
}

#[test]
fn bad_names_are_refused_before_anything_is_written() {
    let root = tempfile::tempdir().expect("a temporary directory");
    copy_migration_crate(root.path());
    for (domain, name) in [
        ("Billing", "create_x"),
        ("billing", "Create X"),
        ("billing", ""),
        ("../etc", "x"),
    ] {
        let err = create(root.path(), domain, name, "20991231_235959").expect_err("refused");
        assert!(err.to_string().contains("snake_case"), "{err}");
    }
    // Names that are snake_case but would not compile: a keyword, or a module that is not a domain.
    for (domain, expect) in [
        ("fn", "Rust keyword"),
        ("type", "Rust keyword"),
        ("ddl", "clashes with the module `migration::ddl`"),
        ("migrator", "clashes"),
    ] {
        let err = create(root.path(), domain, "add_x", "20991231_235959").expect_err("refused");
        assert!(err.to_string().contains(expect), "{domain}: {err}");
    }
    let lib_before = std::fs::read_to_string(xtask::workspace::root().join("migration/src/lib.rs"))
        .expect("lib");
    let lib_after = std::fs::read_to_string(root.path().join("migration/src/lib.rs")).expect("lib");
    assert_eq!(lib_before, lib_after, "nothing was registered");
}
