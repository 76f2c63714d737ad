//! How deep the HTML parser will nest a page's elements, estimated from the markup alone,
//! before parsing: html5ever's time grows with the square of the depth, so a page nested
//! 100,000 deep takes minutes to parse (a 600 KB file of `<div/>`: four minutes in a
//! debug build), and it is refused instead.
//!
//! The estimate plays the parser's tree construction on a stack of open elements, in the
//! parts that decide depth: an end tag closes only what the parser's rules close (a stray
//! `</x>` nothing, a `</span>` nothing across an open `<div>`, a `</div>` nothing across a
//! table); `<div/>` opens a `div` (only SVG and MathML elements close themselves); start
//! tags close what they close there (`<p>`, `<li>`, `<dd>`, cells, a table in a table, a
//! heading in a heading); formatting elements closed by another element's end tag are
//! opened again, as the parser does; comments, attribute values and the text of
//! `<script>`, `<style>`, `<textarea>` and the like hold no tags. Where the parser's
//! behaviour depends on what is not followed here, the estimate errs high: elements that
//! may not exist stay counted, and nothing closes them.
//!
//! `the_estimate_bounds_the_parsed_depth` checks it against the parser on generated tag
//! soup: never below a quarter of the parsed depth (a table's body, row and cell levels are
//! not counted). Long searches (`DEPTH_CASES=200000`) still find rare combinations the
//! estimate misses (a `<![CDATA[` inside SVG with raw-text elements around it, a form in a
//! table in a template): docs/RELIABILITY.md.

use std::collections::HashMap;

/// Start tags that never nest: void elements, elements the parser closes when the next of
/// their kind starts, and `html`, `head`, `body` (merged into the one of each).
#[rustfmt::skip]
const NOT_NESTING: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr", "html", "head",
    "body", "tr", "tbody", "thead", "tfoot", "colgroup",
];
/// Elements whose content is text up to their end tag (scripting is off in the parser, so
/// `noscript` is not one of them).
#[rustfmt::skip]
const RAW_TEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title",
];
/// The parser's "special" elements: an end tag of another element does not close across
/// them.
#[rustfmt::skip]
const SPECIAL: &[&str] = &[
    "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound",
    "blockquote", "body", "br", "button", "caption", "center", "col", "colgroup", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
    "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main",
    "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p",
    "param", "plaintext", "pre", "script", "search", "section", "select", "source", "style",
    "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title",
    "tr", "track", "ul", "wbr", "xmp",
];
/// Scope boundaries: an end tag of a structural element does not close across them.
/// (`select` and `frameset` too: the parser ignores other end tags inside them.)
#[rustfmt::skip]
const SCOPE: &[&str] = &[
    "select", "frameset", "applet", "caption", "html", "table", "td", "th", "marquee", "object",
    "template",
];
/// Structural elements whose end tag closes everything opened inside them, up to a scope
/// boundary.
#[rustfmt::skip]
const CLOSES_IN_SCOPE: &[&str] = &[
    "td", "th", "caption", "p", "li", "dd", "dt", "address", "article", "aside", "blockquote",
    "button", "center", "details", "dialog", "dir", "div", "dl", "fieldset", "figcaption",
    "figure", "footer", "header", "hgroup", "listing", "main", "menu", "nav", "ol", "pre",
    "search", "section", "summary", "ul", "applet", "marquee", "object", "table", "select",
    "h1", "h2", "h3", "h4", "h5", "h6",
];
/// Start tags before which the parser does not open formatting elements again (with those
/// of `CLOSES_P`).
#[rustfmt::skip]
const NOT_REOPENING: &[&str] = &[
    "html", "head", "body", "frameset", "frame", "template", "script", "style", "title",
    "noframes", "base", "basefont", "bgsound", "link", "meta", "caption", "col", "colgroup",
    "tbody", "td", "tfoot", "th", "thead", "tr", "textarea", "iframe", "noembed", "param",
    "source", "track",
];
/// Start tags that close an open `p` first.
#[rustfmt::skip]
const CLOSES_P: &[&str] = &[
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu",
    "nav", "ol", "p", "search", "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6",
    "pre", "listing", "form", "li", "dd", "dt", "plaintext", "table", "xmp", "hr",
];
/// HTML start tags that end SVG or MathML content.
#[rustfmt::skip]
const BREAKOUT: &[&str] = &[
    "body", "br", "dd", "dt", "embed", "head", "hr", "img", "li", "meta", "p", "b", "big",
    "blockquote", "center", "code", "div", "dl", "em", "h1", "h2", "h3", "h4", "h5", "h6", "i",
    "listing", "menu", "nobr", "ol", "pre", "ruby", "s", "small", "span", "strong", "strike",
    "sub", "sup", "table", "tt", "u", "ul", "var",
];
/// Elements inside which formatting elements opened before are not opened again.
#[rustfmt::skip]
const MARKERS: &[&str] = &[
    "applet", "object", "marquee", "template", "td", "th", "caption",
];

/// Formatting elements: closed by another element's end tag, the parser opens them again
/// at the next tag or text.
#[rustfmt::skip]
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt",
    "u",
];

/// SVG and MathML elements that are special, and scope boundaries, as the HTML elements of
/// `SPECIAL` and `SCOPE` are.
fn foreign_boundary(name: &str, ns: Ns) -> bool {
    match ns {
        Ns::Html => false,
        Ns::Svg { .. } => matches!(name, "foreignobject" | "desc" | "title"),
        Ns::Math { .. } => matches!(name, "mi" | "mo" | "mn" | "ms" | "mtext" | "annotation-xml"),
    }
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// An open element: its name, whether it is SVG or MathML, and whether it may not exist at
/// all (a tag in text the parser may take as raw: see `markup_depth`), which no end tag
/// closes or closes across.
struct Open<'a> {
    name: &'a str,
    ns: Ns,
    phantom: bool,
    id: usize,
}

/// The namespace of an element, and for SVG and MathML whether its content is HTML again
/// (an integration point).
#[derive(Clone, Copy, PartialEq)]
enum Ns {
    Html,
    Svg { html_inside: bool },
    Math { html_inside: bool },
}

impl Ns {
    /// The namespace of element `name` (whose tag is `tag`) opened inside `parent` (its name
    /// and namespace).
    fn of(name: &str, tag: &str, parent: Option<(&str, Ns)>) -> Ns {
        let svg = |name: &str| Ns::Svg {
            html_inside: matches!(name, "foreignobject" | "desc" | "title"),
        };
        let math = |name: &str| Ns::Math {
            html_inside: matches!(name, "mi" | "mo" | "mn" | "ms" | "mtext")
                || (name == "annotation-xml"
                    && (tag.contains("text/html") || tag.contains("application/xhtml+xml"))),
        };
        // In SVG or MathML content an element takes its parent's namespace (but `<svg>` in
        // MathML's annotation-xml); elsewhere `<svg>` and `<math>` start their own.
        match parent {
            Some(("annotation-xml", Ns::Math { html_inside: false })) if name == "svg" => svg(name),
            Some((_, Ns::Svg { html_inside: false })) if !BREAKOUT.contains(&name) => svg(name),
            Some((_, Ns::Math { html_inside: false })) if !BREAKOUT.contains(&name) => math(name),
            _ if name == "svg" => svg(name),
            _ if name == "math" => math(name),
            _ => Ns::Html,
        }
    }

    /// SVG or MathML content, where tags may close themselves.
    fn foreign_content(self) -> bool {
        matches!(
            self,
            Ns::Svg { html_inside: false } | Ns::Math { html_inside: false }
        )
    }
}

/// The elements open at a point of the markup, with a count by name so that an end tag
/// matching nothing costs nothing.
#[derive(Default)]
struct Stack<'a> {
    open: Vec<Open<'a>>,
    count: HashMap<&'a str, usize>,
    /// The formatting elements opened and not closed by their own end tag (the parser's
    /// list of active formatting elements, without its limit of three alike: it errs high).
    formatting: Vec<(&'a str, usize)>,
    /// The ids of the open elements.
    ids: std::collections::HashSet<usize>,
    next_id: usize,
    /// The parser's form element pointer: the last form opened, until its end tag.
    form: Option<usize>,
}

impl<'a> Stack<'a> {
    fn push(&mut self, name: &'a str, ns: Ns, phantom: bool) {
        let id = self.next_id;
        self.next_id += 1;
        self.open.push(Open {
            name,
            ns,
            phantom,
            id,
        });
        self.ids.insert(id);
        *self.count.entry(name).or_default() += 1;
        if ns == Ns::Html && !phantom && FORMATTING.contains(&name) {
            self.formatting.push((name, id));
        }
        if ns == Ns::Html && !phantom && name == "form" && !self.is_open("template") {
            self.form = Some(id);
        }
        if ns == Ns::Html && !phantom && MARKERS.contains(&name) {
            // A marker: formatting elements opened before it are not opened again inside.
            self.formatting.push(("", id));
        }
    }

    fn pop(&mut self) {
        if let Some(e) = self.open.pop() {
            self.forget(&e);
        }
    }

    fn forget(&mut self, e: &Open) {
        self.ids.remove(&e.id);
        if let Some(n) = self.count.get_mut(e.name) {
            *n = n.saturating_sub(1);
        }
    }

    /// Opens again the formatting elements that were closed by other elements' end tags.
    fn reopen_formatting(&mut self) {
        let from = self
            .formatting
            .iter()
            .rposition(|(n, id)| n.is_empty() || self.ids.contains(id))
            .map_or(0, |k| k + 1);
        for k in from..self.formatting.len() {
            let name = self.formatting[k].0;
            let id = self.next_id;
            self.formatting[k].1 = id;
            self.next_id += 1;
            self.open.push(Open {
                name,
                ns: Ns::Html,
                phantom: false,
                id,
            });
            self.ids.insert(id);
            *self.count.entry(name).or_default() += 1;
        }
    }

    /// An HTML tag in SVG or MathML content: the parser closes the SVG or MathML elements;
    /// unless it had closed them already, by an end tag not followed here (`</li>`), and the
    /// tags that follow nest in HTML. They stay counted, as elements no end tag closes.
    fn leave_foreign(&mut self) {
        for e in self.open.iter_mut().rev() {
            if !e.ns.foreign_content() {
                break;
            }
            e.ns = Ns::Html;
            e.phantom = true;
        }
    }

    /// Inside SVG or MathML (not at an integration point): tags there may close themselves.
    fn in_foreign(&self) -> bool {
        self.open.last().is_some_and(|e| e.ns.foreign_content())
    }

    fn is_open(&self, name: &str) -> bool {
        self.count.get(name).is_some_and(|&n| n > 0)
    }

    /// The nearest open element `matches` accepts, unless a boundary comes first: for
    /// `structural` searches a scope boundary (or one of `extra`), for the others any
    /// special element. Elements that may not exist are boundaries.
    fn find(
        &self,
        matches: impl Fn(&str) -> bool,
        structural: bool,
        extra: &[&str],
    ) -> Option<usize> {
        // SVG and MathML elements match by name only at the top of the stack (as the parser
        // reads an end tag in their content); below an HTML element only HTML ones match.
        let mut foreign_top = true;
        for k in (0..self.open.len()).rev() {
            let Open {
                name, ns, phantom, ..
            } = self.open[k];
            if phantom {
                return None;
            }
            let html = ns == Ns::Html;
            foreign_top &= !html;
            if matches(name) && (html || foreign_top) {
                return Some(k);
            }
            let blocks = if structural {
                (html && (SCOPE.contains(&name) || extra.contains(&name)))
                    || foreign_boundary(name, ns)
            } else {
                (html && SPECIAL.contains(&name)) || foreign_boundary(name, ns)
            };
            if blocks {
                return None;
            }
        }
        None
    }

    fn pop_to(&mut self, k: usize) {
        while self.open.len() > k {
            self.pop();
        }
    }

    /// Pops the elements a start tag `name` closes: an open `p` (in button scope) for the
    /// block elements, the open list item for `li`, `dd` and `dt`, options for options, the
    /// open cell for a cell or a row, the table for a table in a table, a heading for a
    /// heading. False when the parser does not open the element (a `<select>` in a select
    /// closes it; a `<form>` in a form, a cell outside a table are ignored).
    fn close_for_start(&mut self, name: &str) -> bool {
        const IMPLIED: &[&str] = &[
            "dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc",
        ];
        let top = self.open.last().filter(|e| !e.phantom).map(|e| e.name);
        match name {
            "li" | "dd" | "dt" => {
                let item = |n: &str| n == name || (name != "li" && matches!(n, "dd" | "dt"));
                for k in (0..self.open.len()).rev() {
                    let e = &self.open[k];
                    if e.phantom || e.ns != Ns::Html {
                        break;
                    }
                    if item(e.name) {
                        self.pop_to(k);
                        break;
                    }
                    if SPECIAL.contains(&e.name) && !matches!(e.name, "address" | "div" | "p") {
                        break;
                    }
                }
            }
            "option" | "optgroup" => {
                if self.is_open("select") && self.find(|n| n == "select", true, &[]).is_some() {
                    while self.open.last().is_some_and(|e| {
                        !e.phantom
                            && IMPLIED.contains(&e.name)
                            && (name == "optgroup" || e.name != "optgroup")
                    }) {
                        self.pop();
                    }
                } else if top == Some("option") {
                    self.pop();
                }
            }
            "td" | "th" | "caption" if !self.is_open("table") => return false,
            "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "caption" | "colgroup" | "col" => {
                self.clear_to_table()
            }
            "table" => {
                // In a table (not in a cell), a table closes the one open.
                let k = self.open.iter().rposition(|e| {
                    e.phantom || matches!(e.name, "table" | "td" | "th" | "caption" | "template")
                });
                if let Some(k) =
                    k.filter(|&k| self.open[k].name == "table" && !self.open[k].phantom)
                {
                    self.pop_to(k);
                }
            }
            "select" | "button" if self.is_open(name) => {
                if let Some(k) = self.find(|n| n == name, true, &[]) {
                    self.pop_to(k);
                    if name == "select" {
                        return false;
                    }
                }
            }
            "form" if self.form.is_some() && !self.is_open("template") => return false,
            "form" if top == Some("table") && !self.is_open("template") => {
                // In a table the parser inserts the form and closes it at once; it is the
                // form an end tag would close.
                self.form = Some(self.next_id);
                self.next_id += 1;
                return false;
            }
            "a" | "nobr"
                if self.is_open(name)
                    && (name == "nobr"
                        || self
                            .formatting
                            .iter()
                            .rev()
                            .take_while(|(n, _)| !n.is_empty())
                            .any(|(n, _)| *n == "a")) =>
            {
                // The parser closes it: with what it holds when none of that is special,
                // else (keeping some of that open) it stays counted, and no end tag closes
                // it any more.
                if let Some(k) = self.find(|n| n == name, false, &[]) {
                    let id = self.open[k].id;
                    self.formatting.retain(|&(n, f)| n.is_empty() || f != id);
                    self.pop_to(k);
                } else if let Some(k) = self.open.iter().rposition(|e| e.name == name) {
                    let id = self.open[k].id;
                    self.open[k].phantom = true;
                    self.formatting.retain(|&(n, f)| n.is_empty() || f != id);
                }
            }
            _ if is_heading(name) && top.is_some_and(is_heading) => self.pop(),
            _ => {}
        }
        if CLOSES_P.contains(&name) && self.is_open("p") {
            if let Some(k) = self.find(|n| n == "p", true, &["button"]) {
                self.pop_to(k);
            }
        }
        true
    }

    /// A cell, a row or a table part starts: the parser closes the open cell (or caption)
    /// and whatever a table holds open outside its cells (elements put before the table),
    /// back to the nearest table, unless a template comes first.
    fn clear_to_table(&mut self) {
        if !self.is_open("table") {
            return;
        }
        let k = self.open.iter().rposition(|e| {
            e.phantom || (e.ns == Ns::Html && matches!(e.name, "table" | "template"))
        });
        if let Some(k) = k.filter(|&k| self.open[k].name == "table" && !self.open[k].phantom) {
            let cell = self.open[k + 1..]
                .iter()
                .any(|e| matches!(e.name, "td" | "th" | "caption"));
            self.pop_to(k + 1);
            if cell {
                self.clear_to_marker();
            }
        }
    }

    /// A row or a table part ends: the parser closes the open cell (in table scope).
    fn close_cell(&mut self) {
        if self.is_open("td") || self.is_open("th") {
            let k = self.open.iter().rposition(|e| {
                e.phantom
                    || (e.ns == Ns::Html && matches!(e.name, "td" | "th" | "table" | "template"))
            });
            if let Some(k) =
                k.filter(|&k| matches!(self.open[k].name, "td" | "th") && !self.open[k].phantom)
            {
                self.pop_to(k);
                self.clear_to_marker();
            }
        }
    }

    /// Applies an end tag.
    fn close(&mut self, name: &str) {
        if FORMATTING.contains(&name) {
            // A formatting element closed already (by another element's end tag) is only
            // forgotten, not opened again.
            let last = self
                .formatting
                .iter()
                .rposition(|&(n, _)| n.is_empty() || n == name);
            if let Some(k) = last.filter(|&k| !self.formatting[k].0.is_empty()) {
                if !self.ids.contains(&self.formatting[k].1) {
                    self.formatting.remove(k);
                    return;
                }
            }
        }
        if matches!(name, "tr" | "tbody" | "thead" | "tfoot") {
            self.close_cell();
            return;
        }
        if name == "form" && !self.is_open("template") {
            // `</form>` forgets the form pointer, and takes that form off the stack if it is
            // in scope, leaving what it holds open.
            let Some(form) = self.form.take() else { return };
            for k in (0..self.open.len()).rev() {
                let e = &self.open[k];
                if e.id == form {
                    let form = self.open.remove(k);
                    self.forget(&form);
                    return;
                }
                if e.phantom
                    || (e.ns == Ns::Html && SCOPE.contains(&e.name))
                    || foreign_boundary(e.name, e.ns)
                {
                    return;
                }
            }
            return;
        }
        let open_somewhere = if is_heading(name) {
            ["h1", "h2", "h3", "h4", "h5", "h6"]
                .iter()
                .any(|h| self.is_open(h))
        } else {
            self.is_open(name)
        };
        if !open_somewhere {
            return;
        }
        let matches = |n: &str| n == name || (is_heading(name) && is_heading(n));
        let structural = CLOSES_IN_SCOPE.contains(&name) || name == "form" || name == "template";
        let extra: &[&str] = match name {
            "p" => &["button"],
            "li" => &["ol", "ul"],
            _ => &[],
        };
        if name == "table" {
            // Table scope: only a template stops it.
            if let Some(k) = self.open.iter().rposition(|e| {
                (e.ns == Ns::Html && (e.name == "table" || e.name == "template")) || e.phantom
            }) {
                if self.open[k].name == "table" && !self.open[k].phantom {
                    self.pop_to(k);
                }
            }
            return;
        }
        let found = if name == "template" {
            // `</template>` closes whatever is inside it (but elements that may not exist).
            self.open
                .iter()
                .rposition(|e| e.phantom || (e.name == name && e.ns == Ns::Html))
                .filter(|&k| !self.open[k].phantom)
        } else {
            self.find(matches, structural, extra)
        };
        let Some(k) = found else { return };
        // Closed by its own end tag, a formatting element is not opened again.
        let id = self.open[k].id;
        self.formatting.retain(|&(n, f)| n.is_empty() || f != id);
        self.pop_to(k);
        if MARKERS.contains(&name) {
            self.clear_to_marker();
        }
    }

    /// Forgets the formatting elements opened since the last marker, and the marker (when
    /// the end tag of the element that set it is read; a marker left by an element closed
    /// otherwise stays).
    fn clear_to_marker(&mut self) {
        let k = self.formatting.iter().rposition(|(n, _)| n.is_empty());
        self.formatting.truncate(k.unwrap_or(0));
    }
}

/// Where the tag that starts at `from` (just after its name) ends, and whether it closes
/// itself (`/>` outside an attribute value). None when the markup ends inside the tag.
fn tag_end(bytes: &[u8], from: usize) -> Option<(usize, bool)> {
    let mut i = from;
    let mut slash = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return Some((i + 1, slash)),
            b'/' => slash = true,
            b'=' => {
                slash = false;
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let close = bytes[i + 1..].iter().position(|&b| b == q)?;
                        i += close + 1;
                    }
                    // An unquoted value runs to white space or `>`; a `/` in it is the value's.
                    _ => {
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                        continue;
                    }
                }
            }
            b if b.is_ascii_whitespace() => {}
            _ => slash = false,
        }
        i += 1;
    }
    None
}

/// Whether a tag name ends at byte `at` (white space, `/`, `>` or the end of the markup).
fn name_ends(lower: &str, at: usize) -> bool {
    lower
        .as_bytes()
        .get(at)
        .is_none_or(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
}

/// Where the text of a raw-text element `name` ends: at its end tag, or at the end of the
/// markup. A script's text may hide an end tag in `<!--<script>...</script>`.
fn raw_text_end(lower: &str, from: usize, name: &str) -> usize {
    let closing = format!("</{name}");
    // In a script: 0 plain, 1 after `<!--`, 2 after `<!--<script>`.
    let mut escape = 0;
    let mut at = from;
    while let Some(off) = lower[at..].find(['<', '-']) {
        at += off;
        let rest = &lower[at..];
        if rest.starts_with(&closing) && name_ends(lower, at + closing.len()) {
            if escape != 2 {
                return at;
            }
            escape = 1;
            at += closing.len();
        } else if name != "script" {
            at += 1;
        } else if escape == 0 && rest.starts_with("<!--") {
            escape = 1;
            at += 2;
        } else if escape == 1 && rest.starts_with("<script") && name_ends(lower, at + 7) {
            escape = 2;
            at += 7;
        } else if escape != 0 && rest.starts_with("-->") {
            escape = 0;
            at += 3;
        } else {
            at += 1;
        }
    }
    lower.len()
}

/// The estimated greatest nesting depth of the page's elements; counting stops once it
/// passes `limit`.
///
/// Some text may be raw or markup: inside a `<select>`, a `<frameset>` or a `<template>`
/// the parser may ignore a `<style>` or a `<title>` and read what follows as markup, and
/// `<![CDATA[` is a section of text in SVG but a comment to the next `>` elsewhere. Such
/// text is counted both ways: each start tag in it opens an element that no end tag closes
/// or closes across, and its end tags, comments and quoted values hide nothing.
pub(crate) fn markup_depth(html: &str, limit: usize) -> usize {
    // ASCII lowercase keeps every byte offset.
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut stack = Stack::default();
    let mut max = 0;
    let mut i = 0;
    // The end of the text that may be raw or markup.
    let mut unsure_until = 0;
    // After a `<frameset>` the parser may ignore all but framesets to the end.
    let mut frameset = false;
    let name_end = |from: usize| {
        lower[from..]
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .map_or(lower.len(), |e| from + e)
    };
    while let Some(off) = lower[i..].find('<') {
        let start = i + off;
        if off > 0 {
            // Text: the parser opens again the formatting elements closed before it.
            stack.reopen_formatting();
        }
        let past = |what: &str| {
            lower[start..]
                .find(what)
                .map_or(lower.len(), |e| start + e + what.len())
        };
        let rest = &lower[start + 1..];
        let closing = rest.starts_with('/');
        let name_start = start + 1 + usize::from(closing);
        let is_tag = bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic);
        if start < unsure_until {
            i = start + 1;
            if is_tag && !closing {
                let name = &lower[name_start..name_end(name_start)];
                if !NOT_NESTING.contains(&name) {
                    stack.push(name, Ns::Html, true);
                    max = max.max(stack.open.len());
                    if max > limit {
                        return max;
                    }
                }
            }
            continue;
        }
        if rest.starts_with("!--") {
            i = comment_end(&lower, start);
            if i == lower.len() {
                // A comment not closed before the end: perhaps not a comment.
                i = start + 4;
                unsure_until = lower.len();
            }
            continue;
        }
        if rest.starts_with('!') || rest.starts_with('?') {
            // A doctype or a bogus comment, to the next `>`; or in SVG or MathML (perhaps)
            // a CDATA section, text to `]]>`.
            i = past(">");
            if rest.starts_with("![cdata[")
                && stack
                    .open
                    .last()
                    .is_some_and(|e| e.phantom || e.ns != Ns::Html)
            {
                unsure_until = past("]]>");
            }
            continue;
        }
        if !is_tag {
            // `<` in text, or `</ ...>` (a bogus comment, to the next `>`).
            i = if closing { past(">") } else { start + 1 };
            continue;
        }
        let name_end = name_end(name_start);
        let name = &lower[name_start..name_end];
        let Some((end, self_closing)) = tag_end(bytes, name_end) else {
            break; // the markup ends inside a tag, which the parser drops
        };
        i = end;
        if closing {
            if matches!(name, "p" | "br") {
                stack.leave_foreign();
            }
            stack.close(name);
            continue;
        }
        if BREAKOUT.contains(&name) {
            stack.leave_foreign();
        }
        let html_rules = !stack.in_foreign();
        let ns = Ns::of(
            name,
            &lower[start..end],
            stack.open.last().map(|e| (e.name, e.ns)),
        );
        let foreign = ns != Ns::Html;
        if !foreign {
            if name == "nobr" {
                stack.reopen_formatting();
            }
            if !stack.close_for_start(name) {
                continue;
            }
        }
        if html_rules && !NOT_REOPENING.contains(&name) && !CLOSES_P.contains(&name) {
            // Most start tags open again the formatting elements closed before them.
            stack.reopen_formatting();
        }
        if (!foreign && NOT_NESTING.contains(&name)) || (foreign && self_closing) {
            continue;
        }
        // After a frameset, the parser may ignore what follows: what does not vanish is
        // counted, as elements no end tag closes.
        stack.push(name, ns, frameset);
        frameset |= name == "frameset";
        max = max.max(stack.open.len());
        if max > limit {
            return max;
        }
        if foreign || !(RAW_TEXT.contains(&name) || name == "plaintext") {
            continue;
        }
        let raw_end = if name == "plaintext" {
            lower.len()
        } else {
            raw_text_end(&lower, i, name)
        };
        // Inside a template, the parser ignores them after a `<col>`; near SVG or MathML
        // (a CDATA section before) the element may be theirs, its content markup.
        let parser_takes_raw = match (stack.is_open("select"), frameset) {
            _ if stack.is_open("template") => false,
            _ if stack.open.iter().any(|e| e.ns != Ns::Html) => false,
            (false, false) => true,
            (true, false) => name == "script" || name == "textarea",
            (false, true) => name == "noframes",
            (true, true) => false,
        };
        if parser_takes_raw && raw_end < lower.len() {
            i = raw_end;
        } else {
            // Not closed before the end (or perhaps not raw): what follows is counted both
            // ways.
            stack.open.last_mut().expect("just pushed").phantom = true;
            unsure_until = raw_end;
        }
    }
    max
}

/// Where the comment starting at `start` (`<!--`) ends: after `-->` or `--!>`, where
/// `<!-->` and `<!--->` are whole comments; or at the end of the markup.
fn comment_end(lower: &str, start: usize) -> usize {
    let body = start + 2;
    let arrow = lower[body..].find("-->").map(|e| body + e + 3);
    let bang = lower[body..].find("--!>").map(|e| body + e + 4);
    match (arrow, bang) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b).unwrap_or(lower.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::{Document, NodeRef};
    use proptest::prelude::*;

    /// The depth of the tree html5ever builds (elements only).
    fn parsed_depth(html: &str) -> usize {
        let doc = Document::from(html);
        let mut stack: Vec<(NodeRef, usize)> = vec![(doc.root(), 0)];
        let mut max = 0;
        while let Some((node, depth)) = stack.pop() {
            max = max.max(depth);
            for child in node.children_it(false) {
                if child.is_element() {
                    stack.push((child, depth + 1));
                }
            }
        }
        max
    }

    const N: usize = 3_000;

    #[test]
    fn nesting_the_old_estimate_missed_is_counted() {
        for piece in [
            "<div>",
            "<div/>",
            "<div></x>",
            "<span><div></span>",
            "<head><div></head>",
            "<body><div></body>",
            "<tbody><div></tbody>",
            "<form><div></form>",
            "<div><!-- </div> -->",
            "<!--><div>",
            "<div><x title=\"</div>\"></x>",
            "<div><script></div></script>",
            "<svg><g a=x/>",
            "<b><div></b>",
            "<optgroup>",
        ] {
            let html = format!(
                "<!doctype html><html><body>{}x</body></html>",
                piece.repeat(N)
            );
            let real = parsed_depth(&html);
            let estimate = markup_depth(&html, usize::MAX);
            assert!(real > N / 2, "{piece}: the parser nests it {real} deep");
            assert!(
                estimate * 4 + 8 >= real,
                "{piece}: estimated {estimate}, the parser nests it {real} deep"
            );
        }
    }

    #[test]
    fn ordinary_markup_is_shallow() {
        let page = "<!doctype html><html><head><title>a <b> title</title><style>div>p{}</style>\
            </head><body><div><p>one<p>two<ul><li>a<li>b</ul><table><tr><td>x<td>y</table>\
            <svg><path d='M0 0'/><path/></svg><img src=x><br></div></body></html>";
        let page = page.repeat(2_000);
        assert!(markup_depth(&page, usize::MAX) < 10);
        assert!(parsed_depth(&page) < 20);
    }

    /// Pieces of markup for generated pages: tags that nest, close, close themselves, stray
    /// end tags, comments, raw text and attribute values that look like tags.
    const PIECES: &[&str] = &[
        "<div>",
        "</div>",
        "<span>",
        "</span>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<a>",
        "</a>",
        "<p>",
        "</p>",
        "<li>",
        "</li>",
        "<ul>",
        "</ul>",
        "<table>",
        "</table>",
        "<tr>",
        "<td>",
        "</td>",
        "<tbody>",
        "</tbody>",
        "<form>",
        "</form>",
        "<select>",
        "</select>",
        "<option>",
        "<optgroup>",
        "</optgroup>",
        "<svg>",
        "</svg>",
        "<g>",
        "<area>",
        "<mtext>",
        "<annotation-xml encoding=text/html>",
        "</g>",
        "<g/>",
        "<math>",
        "<mi>",
        "</math>",
        "<foreignObject>",
        "</foreignObject>",
        "<div/>",
        "<span/>",
        "<head>",
        "</head>",
        "<body>",
        "</body>",
        "<html>",
        "</html>",
        "<h1>",
        "</h2>",
        "<h3>",
        "<button>",
        "</button>",
        "<template>",
        "</template>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<textarea>",
        "</textarea>",
        "<title>",
        "</title>",
        "<!--",
        "-->",
        "<!-->",
        "<![CDATA[",
        "]]>",
        "</x>",
        "<x a=\"</div>\">",
        "<g a=x/>",
        "<br>",
        "<img>",
        "text",
        " ",
        "<nobr>",
        "<font>",
        "</font>",
        "<object>",
        "</object>",
        "<frameset>",
        "<noscript>",
        "</noscript>",
        "<dd>",
        "<dl>",
        "<section>",
        "</section>",
        "<caption>",
        "<colgroup>",
        "<col>",
        "<iframe>",
        "</iframe>",
        "<xmp>",
    ];

    proptest! {
        // The same 256 cases on every run; DEPTH_CASES=200000 for a longer search from a
        // random seed (in a release build).
        #![proptest_config(ProptestConfig {
            cases: std::env::var("DEPTH_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256),
            rng_seed: match std::env::var("DEPTH_CASES") {
                Ok(_) => proptest::test_runner::RngSeed::Random,
                Err(_) => proptest::test_runner::RngSeed::Fixed(0x5eed_d0e5),
            },
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// The estimate never falls far below the depth the parser builds: four parsed
        /// levels at most per counted one (a table's body, row and cell are not counted).
        #[test]
        fn the_estimate_bounds_the_parsed_depth(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 1..400),
            repeat in 1usize..40,
        ) {
            let html = pieces.concat().repeat(repeat);
            let real = parsed_depth(&html);
            let estimate = markup_depth(&html, usize::MAX);
            prop_assert!(
                estimate * 4 + 8 >= real,
                "estimated {estimate}, parsed {real}: {}",
                pieces.concat()
            );
        }
    }
}
