//! The package file: a first line `goglobal-sync VERSION`, a JSON header line (origin, the sites
//! and sequence ranges inside, what the sender has seen, one entry per changeset), the
//! changesets' bytes back to back (deflated as one stream since version 2: about six times
//! smaller, for e-mail and USB sticks), and a last line with the SHA-256 (or, with a shared key,
//! the HMAC-SHA-256) of everything before it. Reading checks all of that before any byte of
//! the database is touched.

use std::collections::BTreeMap;

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use serde::{Deserialize, Serialize};

use super::sha256::{hex, hmac_sha256, sha256};
use super::strings::{SyncErrors, said};
use crate::error::bad_input;
use crate::say;

pub const FORMAT_VERSION: u32 = 2;
/// Packages of version 1 (changesets not compressed) are still read.
const READABLE_VERSIONS: [u32; 2] = [1, FORMAT_VERSION];
const MAGIC: &str = "goglobal-sync";
const SHA_TAG: &[u8] = b"\nsha256 ";
const HMAC_TAG: &[u8] = b"\nhmac-sha256 ";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteRef {
    pub site: String,
    pub name: String,
}

/// The changes of one origin site inside a package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteRange {
    pub site: String,
    pub name: String,
    pub from: i64,
    pub to: i64,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryMeta {
    pub origin: String,
    pub seq: i64,
    pub at: String,
    pub who: String,
    pub len: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    pub origin: SiteRef,
    pub created_at: String,
    /// The receiver this package was made for (`--for`), if any.
    pub for_site: Option<String>,
    pub sites: Vec<SiteRange>,
    /// The highest sequence number the sender holds without gaps, per origin site.
    pub seen: BTreeMap<String, i64>,
    pub entries: Vec<EntryMeta>,
}

/// One changeset of the session extension with where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub meta: EntryMeta,
    pub changeset: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    pub header: Header,
    pub entries: Vec<Entry>,
    pub signed: bool,
}

/// The bytes of a package; signed with HMAC-SHA-256 when `key` is given.
pub fn encode(header: &Header, entries: &[Entry], key: Option<&[u8]>) -> anyhow::Result<Vec<u8>> {
    let mut out = format!("{MAGIC} {}\n", header.format).into_bytes();
    out.extend_from_slice(serde_json::to_string(header)?.as_bytes());
    out.push(b'\n');
    if header.format == 1 {
        for e in entries {
            out.extend_from_slice(&e.changeset);
        }
    } else {
        let mut deflate = DeflateEncoder::new(out, Compression::fast());
        for e in entries {
            deflate.write_all(&e.changeset)?;
        }
        out = deflate.finish()?;
    }
    let (tag, digest) = match key {
        Some(k) => (HMAC_TAG, hmac_sha256(k, &out)),
        None => (SHA_TAG, sha256(&out)),
    };
    out.extend_from_slice(tag);
    out.extend_from_slice(hex(&digest).as_bytes());
    out.push(b'\n');
    Ok(out)
}

/// Read and verify a package. `what` names the file in messages.
pub fn decode(bytes: &[u8], what: &str, key: Option<&[u8]>) -> anyhow::Result<Package> {
    let first_end = bytes
        .iter()
        .position(|b| *b == b'\n')
        .ok_or_else(|| not_a_package(what))?;
    let first = std::str::from_utf8(&bytes[..first_end]).map_err(|_| not_a_package(what))?;
    let version = first
        .strip_prefix(MAGIC)
        .and_then(|v| v.strip_prefix(' '))
        .ok_or_else(|| not_a_package(what))?;
    let format = match version.parse::<u32>() {
        Ok(v) if READABLE_VERSIONS.contains(&v) => v,
        _ => {
            let version = format!("{version:?}");
            return Err(bad_input(said(|t| {
                say!(
                    t.unknown_version,
                    what = what,
                    version = version,
                    known = FORMAT_VERSION
                )
            })));
        }
    };
    let (body, signed) = verify(bytes, what, key)?;
    let rest = &body[first_end + 1..];
    let header_end = rest
        .iter()
        .position(|b| *b == b'\n')
        .ok_or_else(|| damaged(what, |t| t.no_header.to_string()))?;
    let header: Header = serde_json::from_slice(&rest[..header_end])
        .map_err(|e| damaged(what, |t| say!(t.bad_header, error = e)))?;
    let stored = &rest[header_end + 1..];
    let inflated;
    let mut data = if format == 1 {
        stored
    } else {
        inflated = inflate(stored, &header, what)?;
        &inflated[..]
    };
    let mut entries = Vec::with_capacity(header.entries.len());
    for meta in &header.entries {
        if meta.len > data.len() {
            return Err(damaged(what, |t| t.short_changeset.to_string()));
        }
        let (cs, tail) = data.split_at(meta.len);
        entries.push(Entry {
            meta: meta.clone(),
            changeset: cs.to_vec(),
        });
        data = tail;
    }
    if !data.is_empty() {
        return Err(damaged(what, |t| t.trailing_bytes.to_string()));
    }
    Ok(Package {
        header,
        entries,
        signed,
    })
}

/// The changesets of a version-2 package, never more bytes than its header announces (a
/// crafted stream cannot make us fill memory).
fn inflate(stored: &[u8], header: &Header, what: &str) -> anyhow::Result<Vec<u8>> {
    let announced = header
        .entries
        .iter()
        .try_fold(0usize, |sum, e| sum.checked_add(e.len))
        .ok_or_else(|| damaged(what, |t| t.short_changeset.to_string()))?;
    let mut out = Vec::with_capacity(announced.min(1 << 30));
    DeflateDecoder::new(stored)
        .take(announced as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| damaged(what, |t| t.bad_compression.to_string()))?;
    Ok(out)
}

/// Check the last line; returns the bytes it covers and whether it was a signature.
fn verify<'a>(bytes: &'a [u8], what: &str, key: Option<&[u8]>) -> anyhow::Result<(&'a [u8], bool)> {
    for (tag, signed) in [(SHA_TAG, false), (HMAC_TAG, true)] {
        let trailer = tag.len() + 64 + 1;
        if bytes.len() < trailer || !bytes.ends_with(b"\n") {
            continue;
        }
        let (body, last) = bytes.split_at(bytes.len() - trailer);
        if !last.starts_with(tag) {
            continue;
        }
        let written = &last[tag.len()..last.len() - 1];
        let digest = match (signed, key) {
            (false, _) => sha256(body),
            (true, Some(k)) => hmac_sha256(k, body),
            (true, None) => {
                return Err(bad_input(said(|t| say!(t.signed_no_key, what = what))));
            }
        };
        if written != hex(&digest).as_bytes() {
            return Err(damaged(what, |t| {
                if signed {
                    t.bad_signature.to_string()
                } else {
                    t.bad_checksum.to_string()
                }
            }));
        }
        if key.is_some() && !signed {
            return Err(bad_input(said(|t| say!(t.unsigned, what = what))));
        }
        return Ok((body, signed));
    }
    Err(damaged(what, |t| t.truncated.to_string()))
}

fn not_a_package(what: &str) -> anyhow::Error {
    let magic = format!("{MAGIC} {FORMAT_VERSION}");
    bad_input(said(|t| say!(t.not_a_package, what = what, magic = magic)))
}

/// A damaged package: `why` says what is wrong, in each language.
fn damaged(what: &str, why: impl Fn(&'static SyncErrors) -> String) -> anyhow::Error {
    bad_input(said(|t| say!(t.damaged, what = what, why = why(t))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Header, Vec<Entry>) {
        let meta = EntryMeta {
            origin: "a1".into(),
            seq: 1,
            at: "2026-12-01T00:00:00Z".into(),
            who: "An".into(),
            len: 3,
        };
        let header = Header {
            format: FORMAT_VERSION,
            origin: SiteRef {
                site: "a1".into(),
                name: "An".into(),
            },
            created_at: "2026-12-01T00:00:00Z".into(),
            for_site: None,
            sites: vec![],
            seen: BTreeMap::new(),
            entries: vec![meta.clone()],
        };
        let entries = vec![Entry {
            meta,
            changeset: vec![1, 10, 2],
        }];
        (header, entries)
    }

    fn message(r: anyhow::Result<Package>) -> String {
        r.unwrap_err().to_string()
    }

    #[test]
    fn round_trip_plain_and_signed() {
        let (h, e) = sample();
        let bytes = encode(&h, &e, None).unwrap();
        let p = decode(&bytes, "p", None).unwrap();
        assert_eq!(
            (p.header, p.entries, p.signed),
            (h.clone(), e.clone(), false)
        );
        let signed = encode(&h, &e, Some(b"team key")).unwrap();
        assert!(decode(&signed, "p", Some(b"team key")).unwrap().signed);
        assert!(message(decode(&signed, "p", Some(b"other"))).contains("signature"));
        assert!(message(decode(&signed, "p", None)).contains("shared key"));
        assert!(message(decode(&bytes, "p", Some(b"k"))).contains("not signed"));
    }

    #[test]
    fn every_single_byte_change_and_every_truncation_is_refused() {
        let (h, e) = sample();
        let bytes = encode(&h, &e, None).unwrap();
        for i in 0..bytes.len() {
            let mut altered = bytes.clone();
            altered[i] ^= 0x01;
            assert!(decode(&altered, "p", None).is_err(), "byte {i}");
        }
        for n in 0..bytes.len() {
            assert!(decode(&bytes[..n], "p", None).is_err(), "length {n}");
        }
    }

    #[test]
    fn unknown_version_is_named() {
        let (mut h, e) = sample();
        h.format = 3;
        let bytes = encode(&h, &e, None).unwrap();
        assert!(message(decode(&bytes, "p", None)).contains("format version \"3\""));
        assert!(message(decode(b"hello\n", "p", None)).contains("not a goglobal sync package"));
    }

    #[test]
    fn version_1_packages_are_still_read_and_version_2_is_compressed() {
        let (mut h, mut e) = sample();
        e[0].changeset = b"sme row sme row sme row ".repeat(100);
        h.entries[0].len = e[0].changeset.len();
        e[0].meta.len = e[0].changeset.len();
        let v2 = encode(&h, &e, None).unwrap();
        assert!(v2.len() < 400, "{} bytes", v2.len());
        assert!(decode(&v2, "p", None).unwrap().entries == e);
        h.format = 1;
        let v1 = encode(&h, &e, None).unwrap();
        assert!(v1.len() > 2400);
        assert!(decode(&v1, "p", None).unwrap().entries == e);
    }

    #[test]
    fn a_stream_longer_or_shorter_than_announced_is_refused() {
        let (mut h, e) = sample();
        h.entries[0].len = 2;
        assert!(
            message(decode(&encode(&h, &e, None).unwrap(), "p", None)).contains("bytes follow")
        );
        h.entries[0].len = 4;
        assert!(message(decode(&encode(&h, &e, None).unwrap(), "p", None)).contains("shorter"));
    }
}
