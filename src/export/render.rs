//! The document ([`super::document`]) written out: Markdown, HTML and plain text.
//!
//! The HTML is what "Copy as table" puts on the clipboard (mail and Office documents paste it as
//! tables) and what the page prints. It has no `style` attributes, which the page's
//! Content-Security-Policy refuses: tables carry `border` and `cellpadding` for the programs that
//! paste them, and classes for the print stylesheet. The plain text is the same content with
//! tab-separated columns, so it pastes into a spreadsheet as cells.

use super::document::{Cell, Document, Table};

/// Markdown (CommonMark with GitHub's tables).
pub fn markdown(doc: &Document) -> String {
    let mut out = format!("# {}\n\n", md_text(&doc.title));
    for (label, value) in &doc.facts {
        let value = if is_web_address(value) {
            format!("<{}>", value.replace(['<', '>', ' '], ""))
        } else {
            md_text(value)
        };
        out.push_str(&format!("- **{}:** {value}\n", md_text(label)));
    }
    if !doc.notes.is_empty() {
        out.push('\n');
        for line in doc.notes.lines() {
            out.push_str(&format!("> {}\n", md_text(line)));
        }
    }
    for t in &doc.tables {
        out.push_str(&format!("\n## {}\n\n", md_text(&t.caption)));
        let head: Vec<String> = t.head.iter().map(|h| md_cell(h)).collect();
        out.push_str(&format!("| {} |\n", head.join(" | ")));
        let align: Vec<&str> = t
            .num
            .iter()
            .map(|n| if *n { "---:" } else { "---" })
            .collect();
        out.push_str(&format!("| {} |\n", align.join(" | ")));
        for row in t.rows.iter().chain(&t.foot) {
            let cells: Vec<String> = row.iter().map(|c| md_cell(&c.text)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        if let Some(note) = &t.note {
            out.push_str(&format!("\n{}\n", md_text(note)));
        }
    }
    if !doc.derivation.is_empty() {
        out.push_str("\n## How the bill is computed\n\n");
        for line in &doc.derivation {
            out.push_str(&format!("- {}\n", md_text(line)));
        }
    }
    out
}

/// Whether a fact is a web address (shown as a link), with nothing that would end one.
fn is_web_address(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://"))
        && !s.contains(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
}

/// Text a person wrote, made inert in Markdown: characters that would start emphasis, a link,
/// a heading, raw HTML or a table cell are escaped.
fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(if ch == '\n' || ch == '\r' { ' ' } else { ch });
    }
    out
}

/// A table cell: inert, on one line; an empty cell stays empty.
fn md_cell(s: &str) -> String {
    md_text(s.trim())
}

/// HTML: a heading, the facts, the notes, the tables and the derivation.
pub fn html(doc: &Document) -> String {
    let mut out = format!("<article class=\"proposal\"><h1>{}</h1>", esc(&doc.title));
    if !doc.facts.is_empty() {
        out.push_str("<dl class=\"proposal-facts\">");
        for (label, value) in &doc.facts {
            let value = if is_web_address(value) {
                format!("<a href=\"{0}\">{0}</a>", esc(value))
            } else {
                esc(value)
            };
            out.push_str(&format!("<dt>{}</dt><dd>{value}</dd>", esc(label)));
        }
        out.push_str("</dl>");
    }
    if !doc.notes.is_empty() {
        out.push_str("<div class=\"proposal-notes\">");
        for para in doc.notes.split("\n\n").filter(|p| !p.trim().is_empty()) {
            let lines: Vec<String> = para.lines().map(esc).collect();
            out.push_str(&format!("<p>{}</p>", lines.join("<br>")));
        }
        out.push_str("</div>");
    }
    for t in &doc.tables {
        table_html(t, &mut out);
    }
    if !doc.derivation.is_empty() {
        out.push_str("<h2>How the bill is computed</h2><ul class=\"proposal-derivation\">");
        for line in &doc.derivation {
            out.push_str(&format!("<li>{}</li>", esc(line)));
        }
        out.push_str("</ul>");
    }
    out.push_str("</article>");
    out
}

fn table_html(t: &Table, out: &mut String) {
    out.push_str(&format!(
        "<table class=\"proposal-table\" data-table=\"{}\" border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><caption>{}</caption>",
        t.id,
        esc(&t.caption)
    ));
    if t.head.iter().any(|h| !h.is_empty()) {
        out.push_str("<thead><tr>");
        for (h, num) in t.head.iter().zip(&t.num) {
            let align = if *num {
                " class=\"num\" align=\"right\""
            } else {
                ""
            };
            out.push_str(&format!("<th scope=\"col\"{align}>{}</th>", esc(h)));
        }
        out.push_str("</tr></thead>");
    }
    out.push_str("<tbody>");
    for row in &t.rows {
        row_html(row, out);
    }
    out.push_str("</tbody>");
    if let Some(foot) = &t.foot {
        out.push_str("<tfoot>");
        row_html(foot, out);
        out.push_str("</tfoot>");
    }
    out.push_str("</table>");
    if let Some(note) = &t.note {
        out.push_str(&format!("<p class=\"proposal-note\">{}</p>", esc(note)));
    }
}

fn row_html(row: &[Cell], out: &mut String) {
    out.push_str("<tr>");
    for (i, c) in row.iter().enumerate() {
        let align = if c.num {
            " class=\"num\" align=\"right\""
        } else {
            ""
        };
        if i == 0 {
            out.push_str(&format!("<th scope=\"row\"{align}>{}</th>", esc(&c.text)));
        } else {
            out.push_str(&format!("<td{align}>{}</td>", esc(&c.text)));
        }
    }
    out.push_str("</tr>");
}

/// Text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Plain text: the title, the facts, then each table with tab-separated columns.
pub fn text(doc: &Document) -> String {
    let mut out = format!("{}\n", doc.title);
    for (label, value) in &doc.facts {
        out.push_str(&format!("{label}: {value}\n"));
    }
    if !doc.notes.is_empty() {
        out.push_str(&format!("\n{}\n", doc.notes));
    }
    for t in &doc.tables {
        out.push_str(&format!("\n{}\n", t.caption));
        if t.head.iter().any(|h| !h.is_empty()) {
            out.push_str(&t.head.join("\t"));
            out.push('\n');
        }
        for row in t.rows.iter().chain(&t.foot) {
            let cells: Vec<String> = row
                .iter()
                .map(|c| c.text.replace(['\t', '\n'], " "))
                .collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        if let Some(note) = &t.note {
            out.push_str(note);
            out.push('\n');
        }
    }
    if !doc.derivation.is_empty() {
        out.push_str("\nHow the bill is computed\n");
        for line in &doc.derivation {
            out.push_str(&format!("{line}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document {
            title: "Agents for <Contoso> | 2027".into(),
            facts: vec![
                ("Prepared for".into(), "Contoso & Co".into()),
                (
                    "Link to this estimate".into(),
                    "https://example.com/#v=1&a=1".into(),
                ),
            ],
            notes: "First line\nsecond *line*".into(),
            tables: vec![Table {
                id: "bill",
                caption: "The month's bill".into(),
                head: vec!["".into(), "Credits".into()],
                num: vec![false, true],
                rows: vec![vec![
                    Cell {
                        text: "Pay-as-you-go".into(),
                        num: false,
                    },
                    Cell {
                        text: "6,380".into(),
                        num: true,
                    },
                ]],
                foot: Some(vec![
                    Cell {
                        text: "Total".into(),
                        num: false,
                    },
                    Cell {
                        text: "6,380".into(),
                        num: true,
                    },
                ]),
                note: None,
            }],
            derivation: vec!["Total: 63.80 USD a month".into()],
        }
    }

    #[test]
    fn markdown_is_inert_and_aligned() {
        let md = markdown(&doc());
        assert!(
            md.starts_with("# Agents for \\<Contoso\\> \\| 2027\n"),
            "{md}"
        );
        assert!(md.contains("- **Link to this estimate:** <https://example.com/#v=1&a=1>\n"));
        assert!(md.contains("> second \\*line\\*\n"));
        assert!(
            md.contains(
                "|  | Credits |\n| --- | ---: |\n| Pay-as-you-go | 6,380 |\n| Total | 6,380 |\n"
            ),
            "{md}"
        );
        assert!(md.contains("- Total: 63.80 USD a month\n"));
    }

    #[test]
    fn html_escapes_and_has_no_style_attributes() {
        let h = html(&doc());
        assert!(h.contains("<h1>Agents for &lt;Contoso&gt; | 2027</h1>"));
        assert!(h.contains("<dd>Contoso &amp; Co</dd>"));
        assert!(h.contains("<p>First line<br>second *line*</p>"));
        assert!(h.contains("<tfoot><tr><th scope=\"row\">Total</th><td class=\"num\" align=\"right\">6,380</td></tr></tfoot>"), "{h}");
        assert!(!h.contains("style="));
    }

    #[test]
    fn text_has_tab_separated_rows() {
        let t = text(&doc());
        assert!(
            t.contains("\nThe month's bill\n\tCredits\nPay-as-you-go\t6,380\nTotal\t6,380\n"),
            "{t}"
        );
        assert!(t.contains("Prepared for: Contoso & Co\n"));
    }
}
