//! The command channel: the configured program, run directly (never
//! through a shell) with its args, once per alert, the alert as JSON (an
//! `alerts --json` row) on stdin. Exit 0 is delivered; any other exit, or no
//! exit within the timeout (the program is then killed), is a failure. Its
//! output is not read: it must not mix with hcpay's own.

use std::io::Write;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use wait_timeout::ChildExt;

use super::{AlertView, Channel};
use crate::config::CommandConfig;

pub struct Command {
    program: PathBuf,
    args: Vec<String>,
    timeout: Duration,
}

impl Command {
    pub fn new(config: &CommandConfig) -> Command {
        Command {
            program: config.program.clone(),
            args: config.args.clone(),
            timeout: Duration::from_secs(config.timeout_secs.max(1)),
        }
    }
}

impl Channel for Command {
    fn name(&self) -> &'static str {
        "command"
    }

    fn deliver(&mut self, alert: &AlertView) -> Result<(), String> {
        let program = self.program.display();
        let mut child = std::process::Command::new(&self.program)
            .args(&self.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {program}: {e}"))?;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let body = alert.json();
        // Written from a thread: a program that reads nothing must still time out.
        let writer = std::thread::spawn(move || stdin.write_all(body.as_bytes()));
        let status = match child.wait_timeout(self.timeout) {
            Ok(Some(status)) => status,
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{program} did not finish within {}s and was stopped", self.timeout.as_secs()));
            }
            Err(e) => return Err(format!("waiting for {program}: {e}")),
        };
        // A program that exits 0 without reading it all still said it was delivered.
        let _ = writer.join();
        if status.success() {
            Ok(())
        } else {
            Err(format!("{program} exited with {status}"))
        }
    }
}
