//! A script's value as JSON text, the form the host reads it in.

use std::fmt::Write as _;

use servo::JSValue;

pub fn to_json(value: &JSValue) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

fn write_value(out: &mut String, value: &JSValue) {
    match value {
        JSValue::Undefined | JSValue::Null => out.push_str("null"),
        JSValue::Boolean(b) => out.push_str(if *b { "true" } else { "false" }),
        // JSON has no NaN or infinities: they become null, as JSON.stringify makes them.
        JSValue::Number(n) if n.is_finite() => {
            let _ = write!(out, "{n}");
        },
        JSValue::Number(_) => out.push_str("null"),
        JSValue::String(s) => write_string(out, s),
        // References to DOM objects: their Servo ids, as strings.
        JSValue::Element(id)
        | JSValue::ShadowRoot(id)
        | JSValue::Frame(id)
        | JSValue::Window(id) => write_string(out, id),
        JSValue::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        },
        JSValue::Object(fields) => {
            // Sorted, so the same object always reads the same.
            let mut keys: Vec<&String> = fields.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, &fields[key]);
            }
            out.push('}');
        },
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            },
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn values_become_json() {
        let mut fields = HashMap::new();
        fields.insert("b".to_owned(), JSValue::Number(f64::NAN));
        fields.insert("a".to_owned(), JSValue::String("x\"\n\u{1}".to_owned()));
        let value = JSValue::Array(vec![JSValue::Number(1.5), JSValue::Boolean(true), JSValue::Object(fields)]);
        assert_eq!(to_json(&value), r#"[1.5,true,{"a":"x\"\n\u0001","b":null}]"#);
    }
}
