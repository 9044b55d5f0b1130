//! The message model and its MIME form.

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{MultiPart, SinglePart};

use crate::SendError;

/// An address with an optional display name, e.g. `王芳 <wang.fang@example.cn>`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Mailbox {
    /// The display name, in any script; encoded for the header as needed.
    pub name: Option<String>,
    /// The address, `local@domain`.
    pub address: String,
}

impl Mailbox {
    /// A mailbox with a display name.
    pub fn new(name: impl Into<String>, address: impl Into<String>) -> Mailbox {
        Mailbox {
            name: Some(name.into()),
            address: address.into(),
        }
    }

    /// A bare address.
    pub fn address(address: impl Into<String>) -> Mailbox {
        Mailbox {
            name: None,
            address: address.into(),
        }
    }

    fn to_lettre(&self, role: &str) -> Result<lettre::message::Mailbox, SendError> {
        let address = self.address.trim().parse().map_err(|e| {
            SendError::permanent(format!(
                "the {role} address {:?} is not an e-mail address ({e})",
                self.address
            ))
        })?;
        let name = self
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned);
        Ok(lettre::message::Mailbox::new(name, address))
    }
}

/// A file sent with the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// The name the recipient sees, e.g. `agenda.ics`.
    pub filename: String,
    /// The MIME type with parameters, e.g. `text/calendar; method=REQUEST; charset=UTF-8`.
    pub content_type: String,
    /// The file's content.
    pub bytes: Vec<u8>,
}

impl Attachment {
    /// An iCalendar attachment with its iTIP method (`REQUEST`, `CANCEL`,
    /// `PUBLISH`), as calendar clients expect an invitation.
    pub fn calendar(
        filename: impl Into<String>,
        method: &str,
        ics: impl Into<Vec<u8>>,
    ) -> Attachment {
        Attachment {
            filename: filename.into(),
            content_type: format!("text/calendar; method={method}; charset=UTF-8"),
            bytes: ics.into(),
        }
    }
}

/// One message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    /// Stable and made by the caller (e.g. `invite.fcw-2025.lpg-01.3@mitra.example`),
    /// so a retry sends the same message; letters, digits, `. - _ + =`
    /// and one `@`, with or without the angle brackets.
    pub message_id: String,
    /// The sender.
    pub from: Mailbox,
    /// The recipient.
    pub to: Mailbox,
    /// The subject, in any script.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// An HTML alternative to the text body.
    pub html: Option<String>,
    /// Files sent with the message.
    pub attachments: Vec<Attachment>,
}

impl Mail {
    /// The message id without angle brackets, checked: safe as a file name
    /// and as a `Message-ID` header.
    pub fn checked_message_id(&self) -> Result<&str, SendError> {
        let id = self
            .message_id
            .trim()
            .trim_start_matches('<')
            .trim_end_matches('>');
        let allowed = |c: char| c.is_ascii_alphanumeric() || ".-_+=@".contains(c);
        let ats = id.matches('@').count();
        if id.is_empty()
            || id.len() > 200
            || !id.chars().all(allowed)
            || ats != 1
            || id.starts_with(['.', '@'])
            || id.ends_with('@')
        {
            return Err(SendError::permanent(format!(
                "message id {:?}: use up to 200 letters, digits, `. - _ + =` and one `@` \
                 (e.g. `invite.lpg-01.3@mitra.example`)",
                self.message_id
            )));
        }
        Ok(id)
    }

    /// The message in MIME form (RFC 5322 with encoded UTF-8 headers), as
    /// sent over SMTP or written to the outbox.
    pub fn to_eml(&self) -> Result<Vec<u8>, SendError> {
        Ok(self.to_message()?.formatted())
    }

    pub(crate) fn to_message(&self) -> Result<Message, SendError> {
        let id = self.checked_message_id()?;
        let builder = Message::builder()
            .message_id(Some(format!("<{id}>")))
            .from(self.from.to_lettre("sender")?)
            .to(self.to.to_lettre("recipient")?)
            .subject(self.subject.clone());
        let body = match &self.html {
            Some(html) => Body::Alternative(MultiPart::alternative_plain_html(
                self.text.clone(),
                html.clone(),
            )),
            None => Body::Single(SinglePart::plain(self.text.clone())),
        };
        let built = if self.attachments.is_empty() {
            match body {
                Body::Alternative(part) => builder.multipart(part),
                Body::Single(part) => builder.singlepart(part),
            }
        } else {
            let mut mixed = match body {
                Body::Alternative(part) => MultiPart::mixed().multipart(part),
                Body::Single(part) => MultiPart::mixed().singlepart(part),
            };
            for attachment in &self.attachments {
                let content_type = ContentType::parse(&attachment.content_type).map_err(|e| {
                    SendError::permanent(format!(
                        "attachment {:?}: content type {:?} is not a MIME type ({e})",
                        attachment.filename, attachment.content_type
                    ))
                })?;
                mixed = mixed.singlepart(
                    lettre::message::Attachment::new(attachment.filename.clone())
                        .body(attachment.bytes.clone(), content_type),
                );
            }
            builder.multipart(mixed)
        };
        built.map_err(|e| SendError::permanent(format!("message {id}: {e}")))
    }
}

enum Body {
    Alternative(MultiPart),
    Single(SinglePart),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(id: &str) -> Mail {
        Mail {
            message_id: id.to_owned(),
            from: Mailbox::new("Mitra", "mitra@example.org"),
            to: Mailbox::new("王芳", "wang.fang@example.cn"),
            subject: "会议时间变更 · Perubahan jadwal".to_owned(),
            text: "Halo".to_owned(),
            html: None,
            attachments: Vec::new(),
        }
    }

    #[test]
    fn message_ids_are_checked() {
        assert_eq!(
            mail("<a.b-1@mitra>").checked_message_id(),
            Ok("a.b-1@mitra")
        );
        for bad in [
            "",
            "no-at",
            "a@b@c",
            "../x@y",
            "a b@c",
            "a/b@c",
            ".hidden@x",
            "x@",
        ] {
            assert!(mail(bad).checked_message_id().is_err(), "{bad}");
        }
    }

    #[test]
    fn bad_addresses_are_permanent() {
        let mut m = mail("x@mitra");
        m.to.address = "not an address".to_owned();
        let error = m.to_eml().unwrap_err();
        assert!(!error.is_transient());
        assert!(error.message().contains("recipient"), "{error}");
    }

    #[test]
    fn subjects_and_names_are_encoded() {
        let eml = String::from_utf8(mail("x@mitra").to_eml().unwrap()).unwrap();
        assert!(eml.is_ascii(), "headers are encoded: {eml}");
        assert!(eml.contains("Message-ID: <x@mitra>"));
    }
}
