//! One window per profile: a second launch (a `.horetsu` file double-clicked
//! while Horetsu runs) hands its file to the running app, which opens it and
//! comes to the front, and then exits before it opens a window.
//!
//! How: the first instance listens on a loopback port and writes the port and
//! a random token into `instance.json` in the profile folder (readable by the
//! user only, as the folder is). A later launch connects, sends the token and
//! its file, and exits when the first instance answers `ok`. A stale file (the
//! first instance was killed) simply fails to connect, and the new launch
//! becomes the first. Loopback TCP works the same on Windows, macOS and Linux
//! and needs no D-Bus session, so it runs under Xvfb in CI too.

use std::hash::{BuildHasher, Hasher};
use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

const FILE: &str = "instance.json";

#[derive(Serialize, Deserialize)]
struct Record {
    port: u16,
    token: String,
}

/// What a launch found.
pub enum Claim {
    /// No other instance runs: this one serves later launches on the listener.
    First(TcpListener, String),
    /// The running instance took the file over; this launch should exit.
    HandedOver,
}

fn token() -> String {
    let a = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let mut b = std::collections::hash_map::RandomState::new().build_hasher();
    b.write_u64(a ^ u64::from(std::process::id()));
    format!("{a:016x}{:016x}", b.finish())
}

/// Hands `file` to a running instance of this profile, or becomes the one.
pub fn claim(profile_dir: &Path, file: Option<&Path>) -> std::io::Result<Claim> {
    let record_path = profile_dir.join(FILE);
    if let Some(r) = std::fs::read(&record_path)
        .ok()
        .and_then(|b| serde_json::from_slice::<Record>(&b).ok())
    {
        if hand_over(&r, file).is_ok() {
            return Ok(Claim::HandedOver);
        }
    }
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    let record = Record {
        port: listener.local_addr()?.port(),
        token: token(),
    };
    std::fs::create_dir_all(profile_dir)?;
    let tmp = profile_dir.join(format!("{FILE}.partial"));
    std::fs::write(&tmp, serde_json::to_vec(&record).unwrap_or_default())?;
    std::fs::rename(&tmp, &record_path)?;
    Ok(Claim::First(listener, record.token))
}

fn hand_over(r: &Record, file: Option<&Path>) -> std::io::Result<()> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, r.port));
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_millis(500))?;
    s.set_read_timeout(Some(Duration::from_secs(5)))?;
    let file = file.map(|f| f.display().to_string()).unwrap_or_default();
    writeln!(s, "{}\n{}", r.token, file.replace('\n', ""))?;
    let mut answer = String::new();
    BufReader::new(s).read_line(&mut answer)?;
    if answer.trim() == "ok" {
        Ok(())
    } else {
        Err(std::io::Error::other("not a Horetsu instance"))
    }
}

/// Serves later launches: each valid one calls `opened` with its file (or
/// `None` when it named none: the window only comes to the front).
pub fn serve(
    listener: TcpListener,
    token: String,
    opened: impl Fn(Option<PathBuf>) + Send + 'static,
) {
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let mut reader = BufReader::new(&stream);
            let (mut got, mut file) = (String::new(), String::new());
            if reader.read_line(&mut got).is_err() || got.trim() != token {
                continue;
            }
            let _ = reader.read_line(&mut file);
            let mut out = &stream;
            let _ = writeln!(out, "ok");
            let file = file.trim();
            opened((!file.is_empty()).then(|| PathBuf::from(file)));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_launch_hands_its_file_to_the_first_and_a_stale_record_is_replaced() {
        let dir = std::env::temp_dir().join(format!("horetsu-instance-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        // A stale record (nothing listens there) is not an instance.
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(FILE), r#"{"port": 9, "token": "x"}"#).unwrap();
        let Claim::First(listener, token) = claim(&dir, None).unwrap() else {
            panic!("a stale record made the launch exit");
        };
        let (tx, rx) = std::sync::mpsc::channel();
        serve(listener, token, move |file| tx.send(file).unwrap());
        let file = Path::new("/tmp/お店.horetsu");
        assert!(matches!(
            claim(&dir, Some(file)).unwrap(),
            Claim::HandedOver
        ));
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(5)).unwrap(),
            Some(file.to_path_buf())
        );
        assert!(matches!(claim(&dir, None).unwrap(), Claim::HandedOver));
        assert_eq!(rx.recv_timeout(Duration::from_secs(5)).unwrap(), None);
        // A wrong token is not served.
        let r: Record = serde_json::from_slice(&std::fs::read(dir.join(FILE)).unwrap()).unwrap();
        let forged = Record {
            port: r.port,
            token: "forged".into(),
        };
        assert!(hand_over(&forged, Some(file)).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
