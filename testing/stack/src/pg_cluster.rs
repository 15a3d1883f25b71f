//! A PostgreSQL cluster of the test's own (`initdb` into a temporary directory, `pg_ctl`
//! on a free port), which the test can stop and restart. Never the machine's shared
//! cluster: other sessions' tests run on that one.
//!
//! `initdb` refuses to run as root; as root the binaries run as the `postgres` user.

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

use crate::process::{free_port, require_tool};

const BIN_DIRS: &[&str] = &[
    "/usr/lib/postgresql/17/bin",
    "/usr/lib/postgresql/16/bin",
    "/usr/lib/postgresql/15/bin",
];

pub struct PgCluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    as_postgres: bool,
}

impl PgCluster {
    /// Creates and starts a throwaway cluster (trust auth, no fsync) and waits until
    /// it accepts connections.
    pub fn start() -> Self {
        let bin = BIN_DIRS
            .iter()
            .map(PathBuf::from)
            .find(|dir| dir.join("initdb").is_file())
            .unwrap_or_else(|| {
                panic!(
                    "this fault test needs PostgreSQL's initdb and pg_ctl (looked in {BIN_DIRS:?}): \
                     apt-get install -y postgresql"
                )
            });
        let as_postgres = running_as_root();
        let dir = std::env::temp_dir().join(format!(
            "kremna-pg-{}",
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        ));
        std::fs::create_dir_all(&dir).expect("create the cluster directory");
        if as_postgres {
            require_tool(
                "runuser",
                &["/usr/sbin/runuser", "/sbin/runuser"],
                "apt-get install -y util-linux",
            );
            let status = Command::new("chown")
                .args(["postgres:postgres", &dir.to_string_lossy()])
                .status()
                .expect("run chown");
            assert!(status.success(), "chown postgres {dir:?} failed");
        }
        let cluster = Self {
            bin,
            port: free_port(),
            dir,
            as_postgres,
        };
        let data = cluster.data_dir();
        cluster.run(
            "initdb",
            &[
                "-D",
                &data,
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        );
        cluster.start_server();
        cluster
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The superuser's URL (for `TestDb::create_on`).
    pub fn admin_url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Stops the server (fast shutdown: every connection is cut).
    pub fn stop(&self) {
        let data = self.data_dir();
        self.run(
            "pg_ctl",
            &["-D", &data, "-m", "fast", "-w", "-t", "30", "stop"],
        );
    }

    /// Starts it again on the same port.
    pub fn start_server(&self) {
        let data = self.data_dir();
        let log = self.dir.join("server.log").to_string_lossy().into_owned();
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -k {} -c fsync=off -c full_page_writes=off \
             -c synchronous_commit=off -c max_connections=200",
            self.port,
            self.dir.to_string_lossy()
        );
        self.run(
            "pg_ctl",
            &[
                "-D", &data, "-l", &log, "-o", &options, "-w", "-t", "30", "start",
            ],
        );
    }

    /// Stop, then start: a database restart as an operator does it.
    pub fn restart(&self) {
        self.stop();
        self.start_server();
    }

    fn data_dir(&self) -> String {
        self.dir.join("data").to_string_lossy().into_owned()
    }

    fn run(&self, tool: &str, args: &[&str]) -> Output {
        let program = self.bin.join(tool);
        let output = if self.as_postgres {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&program)
                .args(args)
                .output()
        } else {
            Command::new(&program).args(args).output()
        }
        .unwrap_or_else(|err| panic!("running {program:?}: {err}"));
        assert!(
            output.status.success(),
            "{tool} {args:?} failed: {}\n{}\nserver log: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
            std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
        );
        output
    }
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let data = self.data_dir();
        let program = self.bin.join("pg_ctl");
        let args = ["-D", data.as_str(), "-m", "immediate", "-w", "stop"];
        let _ = if self.as_postgres {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&program)
                .args(args)
                .output()
        } else {
            Command::new(&program).args(args).output()
        };
        remove(&self.dir);
    }
}

fn remove(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
}

/// The admin URL of the shared PostgreSQL with pgvector that `testing/pgvector/start`
/// builds (once) and starts (if it is not running): the tests and the benchmark of the
/// vector index use it, since the machine's own server has no pgvector.
pub fn pgvector_admin_url() -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../pgvector/start");
    let out = Command::new(&script)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", script.display()));
    assert!(
        out.status.success(),
        "testing/pgvector/start failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("a URL")
        .trim()
        .to_owned()
}
