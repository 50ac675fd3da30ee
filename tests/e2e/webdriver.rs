//! A minimal W3C WebDriver client over plain HTTP/1.1 (JSON in, JSON out):
//! enough to drive the real Horetsu window through tauri-driver without
//! pulling an async HTTP stack into the build.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// A WebDriver session.
pub struct Session {
    port: u16,
    id: String,
}

/// One request; tauri-driver now and then closes a connection without
/// answering, and such a request is sent again (up to three times).
fn request(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut last = String::new();
    for _ in 0..3 {
        match request_once(port, method, path, body) {
            Err(e) if e.starts_with("empty response") => {
                last = e;
                std::thread::sleep(Duration::from_millis(150));
            }
            other => return other,
        }
    }
    Err(last)
}

fn request_once(
    port: u16,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<Value, String> {
    let mut stream =
        TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect: {e}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(120))).ok();
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        payload.len()
    );
    stream
        .write_all(head.as_bytes())
        .map_err(|e| e.to_string())?;
    stream
        .write_all(payload.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .map_err(|e| format!("read: {e}"))?;
    if raw.is_empty() {
        return Err(format!("empty response to {method} {path}"));
    }
    let text = String::from_utf8_lossy(&raw);
    let (headers, rest) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| format!("malformed HTTP response to {method} {path}: {text:?}"))?;
    let body = if headers
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(rest)
    } else {
        rest.to_string()
    };
    let value: Value =
        serde_json::from_str(&body).map_err(|e| format!("bad JSON ({e}): {body}"))?;
    if let Some(err) = value["value"].get("error") {
        return Err(format!("{err}: {}", value["value"]["message"]));
    }
    Ok(value["value"].clone())
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

impl Session {
    /// Starts a session for `application` with `args`, retrying until the
    /// driver answers or `timeout` passes.
    pub fn start(
        port: u16,
        application: &str,
        args: &[String],
        timeout: Duration,
    ) -> Result<Session, String> {
        let caps = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "wry",
                    "tauri:options": { "application": application, "args": args }
                }
            }
        });
        let deadline = Instant::now() + timeout;
        loop {
            match request(port, "POST", "/session", Some(&caps)) {
                Ok(v) => {
                    let id = v["sessionId"].as_str().ok_or("no session id")?.to_string();
                    return Ok(Session { port, id });
                }
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    std::thread::sleep(Duration::from_millis(250));
                }
                Err(e) => return Err(format!("no WebDriver session within {timeout:?}: {e}")),
            }
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        request(
            self.port,
            method,
            &format!("/session/{}{path}", self.id),
            body.as_ref(),
        )
    }

    /// Runs a script in the page and returns its value.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value, String> {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// How long an asynchronous script may run.
    pub fn set_script_timeout(&self, timeout: Duration) -> Result<(), String> {
        self.call(
            "POST",
            "/timeouts",
            Some(json!({ "script": timeout.as_millis() as u64 })),
        )
        .map(|_| ())
    }

    /// Runs an asynchronous script; it calls its last argument with the result.
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Result<Value, String> {
        self.call(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Waits until `css` matches an element, and returns its element id.
    pub fn wait_for(&self, css: &str, timeout: Duration) -> Result<String, String> {
        let deadline = Instant::now() + timeout;
        loop {
            match self.call(
                "POST",
                "/element",
                Some(json!({ "using": "css selector", "value": css })),
            ) {
                Ok(v) => {
                    if let Some(id) = v
                        .as_object()
                        .and_then(|o| o.values().next())
                        .and_then(Value::as_str)
                    {
                        return Ok(id.to_string());
                    }
                }
                Err(e) if Instant::now() >= deadline => {
                    return Err(format!("{css} never appeared: {e}"))
                }
                Err(_) => {}
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The visible text of the first element matching `css`.
    pub fn text(&self, css: &str) -> Result<String, String> {
        let id = self.wait_for(css, Duration::from_secs(20))?;
        let v = self.call("GET", &format!("/element/{id}/text"), None)?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    /// Clicks the first element matching `css`.
    pub fn click(&self, css: &str) -> Result<(), String> {
        let id = self.wait_for(css, Duration::from_secs(20))?;
        self.call("POST", &format!("/element/{id}/click"), Some(json!({})))?;
        Ok(())
    }

    /// Waits until `script` (a function body returning a boolean) is true.
    pub fn wait_until(&self, what: &str, script: &str, timeout: Duration) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            if self.execute(script, vec![])?.as_bool() == Some(true) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!("timed out waiting for {what}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A PNG screenshot of the window, taken after two animation frames so
    /// that it shows the current DOM, not the previous frame.
    pub fn screenshot(&self, path: &std::path::Path) -> Result<(), String> {
        self.call(
            "POST",
            "/execute/async",
            Some(json!({
                "script": "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                "args": []
            })),
        )?;
        let v = self.call("GET", "/screenshot", None)?;
        let png = base64_decode(v.as_str().ok_or("screenshot is not text")?)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::write(path, png).map_err(|e| e.to_string())
    }

    /// Ends the session (closes the app).
    pub fn end(self) {
        let _ = request(self.port, "DELETE", &format!("/session/{}", self.id), None);
    }
}

fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buf = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b'\n' | b'\r' => continue,
            _ => return Err(format!("bad base64 byte {c}")),
        };
        buf = (buf << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_round_trip_of_a_known_value() {
        assert_eq!(super::base64_decode("aG9yZXRzdQ==").unwrap(), b"horetsu");
        assert_eq!(
            super::dechunk("4\r\nabcd\r\n2\r\nef\r\n0\r\n\r\n"),
            "abcdef"
        );
    }
}
