//! `sqlx::migrate!` embeds `../migrations` at compile time, but cargo does not know the
//! folder is an input: without this, a new migration file is not built in until some
//! other source of this crate changes.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
