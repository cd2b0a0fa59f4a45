//! Small real servers on 127.0.0.1 for the alert channels: an SMTP server
//! (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT; no TLS: hcpay's `security =
//! "none"`, loopback only) and an HTTP server (one request per connection,
//! a status the test chooses). Each runs in a thread for the rest of the
//! test process and records what it received.

#![allow(dead_code)] // Not every test uses every helper.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A port on 127.0.0.1 with nothing listening on it (a server that is down),
/// which a server may later take with `on`.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind a port").local_addr().expect("its address").port()
}

fn listen(port: u16) -> TcpListener {
    TcpListener::bind(("127.0.0.1", port)).unwrap_or_else(|e| panic!("cannot listen on 127.0.0.1:{port}: {e}"))
}

/// One mail as the SMTP server received it.
#[derive(Debug, Clone)]
pub struct Mail {
    /// The AUTH PLAIN line's argument, if the client logged in.
    pub auth: Option<String>,
    pub from: String,
    pub to: Vec<String>,
    /// The DATA section: headers and body, dot-unstuffed.
    pub data: String,
}

pub struct Smtp {
    pub port: u16,
    mails: Arc<Mutex<Vec<Mail>>>,
}

impl Smtp {
    pub fn start() -> Smtp {
        Smtp::on(0)
    }

    /// A server on `port` (0: any free one).
    pub fn on(port: u16) -> Smtp {
        let listener = listen(port);
        let port = listener.local_addr().expect("its address").port();
        let mails = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&mails);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                // A client that misbehaves ends its own session only.
                let _ = smtp_session(stream, &kept);
            }
        });
        Smtp { port, mails }
    }

    pub fn mails(&self) -> Vec<Mail> {
        self.mails.lock().unwrap().clone()
    }
}

fn smtp_session(stream: TcpStream, mails: &Mutex<Vec<Mail>>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    out.write_all(b"220 localhost test SMTP\r\n")?;
    let mut mail = Mail { auth: None, from: String::new(), to: Vec::new(), data: String::new() };
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end();
        let verb = command.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" | "HELO" => out.write_all(b"250-localhost\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n")?,
            "AUTH" => {
                mail.auth = command.split_whitespace().nth(2).map(str::to_string);
                out.write_all(b"235 2.7.0 accepted\r\n")?;
            }
            "MAIL" => {
                mail.from = command.to_string();
                out.write_all(b"250 OK\r\n")?;
            }
            "RCPT" => {
                mail.to.push(command.to_string());
                out.write_all(b"250 OK\r\n")?;
            }
            "DATA" => {
                out.write_all(b"354 go ahead\r\n")?;
                let mut data = String::new();
                loop {
                    line.clear();
                    if reader.read_line(&mut line)? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                mail.data = data;
                mails.lock().unwrap().push(mail.clone());
                mail.to.clear();
                out.write_all(b"250 OK queued\r\n")?;
            }
            "RSET" | "NOOP" => out.write_all(b"250 OK\r\n")?,
            "QUIT" => {
                out.write_all(b"221 bye\r\n")?;
                return Ok(());
            }
            _ => out.write_all(b"502 not implemented\r\n")?,
        }
    }
}

/// One request as the HTTP server received it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == &name.to_ascii_lowercase()).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("the body is JSON")
    }
}

pub struct Http {
    pub port: u16,
    requests: Arc<Mutex<Vec<Request>>>,
    status: Arc<AtomicU16>,
}

impl Http {
    pub fn start() -> Http {
        Http::on(0)
    }

    /// A server on `port` (0: any free one), answering 200 until told otherwise.
    pub fn on(port: u16) -> Http {
        let listener = listen(port);
        let port = listener.local_addr().expect("its address").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let status = Arc::new(AtomicU16::new(200));
        let (kept, answer) = (Arc::clone(&requests), Arc::clone(&status));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = http_exchange(stream, &kept, answer.load(Ordering::SeqCst));
            }
        });
        Http { port, requests, status }
    }

    /// The status every later request gets.
    pub fn answer(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hooks/hcpay", self.port)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

fn http_exchange(stream: TcpStream, requests: &Mutex<Vec<Request>>, status: u16) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
    let mut headers = Vec::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line.trim_end().is_empty() {
            break;
        }
        if let Some((name, value)) = line.trim_end().split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    let length: usize =
        headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    requests.lock().unwrap().push(Request { method, path, headers, body });
    let mut out = stream;
    write!(out, "HTTP/1.1 {status} Test\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")?;
    out.flush()
}
