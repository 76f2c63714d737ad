//! Parsing a page with a bound on how deep its elements nest. html5ever's time grows with
//! the square of the depth (its tree construction walks the stack of open elements), so a
//! page nested 100,000 deep took minutes to parse (a 600 KB file of `<div/>`: four minutes
//! in a debug build). The page is parsed by html5ever into dom_query's tree as usual, through
//! a sink that looks at how deep the parser inserts each element; the markup is fed in
//! pieces, and parsing stops as soon as an element stands deeper than the limit. Since the
//! depth is the parser's own, every way markup nests (stray end tags, `<div/>`, misnested
//! formatting elements, tables, templates, foreign content) is counted as the parser builds
//! it, and the tree kept is checked whole.

use dom_query::{Document, NodeId, NodeRef};
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, QualName};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// How much markup is fed to the parser between two looks at the depth: small enough that
/// a page nesting one element every few bytes passes the limit by little before it is seen.
const PIECE_BYTES: usize = 8 * 1024;

/// The page as dom_query's document, or None when an element nests deeper than `limit`.
pub(super) fn parse_bounded(html: &str, limit: usize) -> Option<Document> {
    let deepest = Rc::new(Cell::new(0));
    let sink = DepthSink {
        inner: Document::default(),
        templates: RefCell::new(HashMap::new()),
        deepest: Rc::clone(&deepest),
        cap: limit + 1,
    };
    // The options dom_query parses with (scripts off: <noscript> content is markup).
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut parser = html5ever::parse_document(sink, opts);
    let mut rest = html;
    while !rest.is_empty() {
        let mut cut = rest.len().min(PIECE_BYTES);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        parser.process(StrTendril::from(&rest[..cut]));
        rest = &rest[cut..];
        if deepest.get() > limit {
            return None;
        }
    }
    let document = parser.finish();
    // Elements the parser moved down after inserting them (the adoption agency) are counted
    // where they ended up.
    (deepest.get() <= limit && tree_depth(&document) <= limit).then_some(document)
}

/// The depth of a parsed tree: its deepest element (a template's contents below the
/// template).
fn tree_depth(doc: &Document) -> usize {
    let mut stack: Vec<(NodeRef, usize)> = vec![(doc.root(), 0)];
    let mut max = 0;
    while let Some((node, depth)) = stack.pop() {
        max = max.max(depth);
        let contents = node
            .query(|n| n.as_element().and_then(|e| e.template_contents))
            .flatten()
            .and_then(|id| doc.tree.get(&id));
        for child in node.children_it(false).chain(contents) {
            if child.is_element() || child.is_fragment() {
                stack.push((child, depth + usize::from(child.is_element())));
            }
        }
    }
    max
}

/// dom_query's tree sink, watching how deep the parser inserts each element.
struct DepthSink {
    inner: Document,
    /// The depth of the template each template's contents belong to, by the contents.
    templates: RefCell<HashMap<NodeId, usize>>,
    /// The deepest an element has been inserted.
    deepest: Rc<Cell<usize>>,
    /// Depths are counted up to this (past the limit, parsing stops anyway).
    cap: usize,
}

impl DepthSink {
    /// How deep a node stands in the tree: its ancestors, and below a template for a
    /// template's contents.
    fn depth(&self, node: &NodeId) -> usize {
        let mut depth = 0;
        let mut top = *node;
        for ancestor in self.inner.tree.ancestor_ids_of_it(node, Some(self.cap)) {
            depth += 1;
            top = ancestor;
        }
        depth + self.templates.borrow().get(&top).copied().unwrap_or(0)
    }

    /// Notes where an inserted node stands, if it is an element.
    fn inserted(&self, child: &NodeOrText<NodeId>) {
        if let NodeOrText::AppendNode(node) = child {
            if self.inner.tree.get(node).is_some_and(|n| n.is_element()) {
                self.deepest.set(self.deepest.get().max(self.depth(node)));
            }
        }
    }
}

impl TreeSink for DepthSink {
    type Handle = NodeId;
    type Output = Document;
    type ElemName<'a> = <Document as TreeSink>::ElemName<'a>;

    fn finish(self) -> Document {
        self.inner
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg);
    }

    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.inner.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let noted = note(&child);
        self.inner.append(parent, child);
        self.inserted(&noted);
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let noted = note(&child);
        self.inner
            .append_based_on_parent_node(element, prev_element, child);
        self.inserted(&noted);
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        let contents = self.inner.get_template_contents(target);
        let depth = self.depth(target);
        self.templates.borrow_mut().insert(contents, depth);
        contents
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let noted = note(&new_node);
        self.inner.append_before_sibling(sibling, new_node);
        self.inserted(&noted);
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inner.reparent_children(node, new_parent);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.inner
            .is_mathml_annotation_xml_integration_point(handle)
    }
}

/// The node of an insertion, kept to look at after the insertion took it (text is not
/// looked at).
fn note(child: &NodeOrText<NodeId>) -> NodeOrText<NodeId> {
    match child {
        NodeOrText::AppendNode(node) => NodeOrText::AppendNode(*node),
        NodeOrText::AppendText(_) => NodeOrText::AppendText(StrTendril::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parsed_depth(doc: &Document) -> usize {
        tree_depth(doc)
    }

    /// The parse is dom_query's own: the same tree as `Document::from`.
    #[test]
    fn the_bounded_parse_is_the_ordinary_parse() {
        let page = "<!doctype html><html><head><title>a <b> title</title><style>div>p{}</style>\
            </head><body><div><p>one<p>two<ul><li>a<li>b</ul><table><tr><td>x<td>y</table>\
            <svg><path d='M0 0'/><path/></svg><img src=x><br><b>bold<i>both</b>italic</i>\
            <template><p>inside</p></template><noscript><p>no script</p></noscript></div>\
            </body></html>";
        let page = page.repeat(300);
        let bounded = parse_bounded(&page, 1_000).expect("shallow");
        assert_eq!(bounded.html(), Document::from(page.as_str()).html());
        assert!(parsed_depth(&bounded) < 20);
    }

    const N: usize = 3_000;

    /// Every way of nesting deep that the hand-made estimate this replaced had to know of
    /// is refused, and quickly: parsing stops near the limit.
    #[test]
    fn deep_nesting_of_every_kind_is_refused() {
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
            let real = parsed_depth(&Document::from(html.as_str()));
            assert!(real > N / 2, "{piece}: the parser nests it {real} deep");
            assert!(
                parse_bounded(&html, N / 4).is_none(),
                "{piece}: nested {real} deep, not refused at {}",
                N / 4
            );
            assert!(
                parse_bounded(&html, real + 10).is_some(),
                "{piece}: nested {real} deep, refused at {}",
                real + 10
            );
        }
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

        /// On generated tag soup, a page is refused exactly when the parser nests it
        /// deeper than the limit, and a page kept is the ordinary parse.
        #[test]
        fn pages_are_refused_by_the_depth_the_parser_builds(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 1..400),
            repeat in 1usize..40,
            limit in 5usize..200,
        ) {
            let html = pieces.concat().repeat(repeat);
            let real = parsed_depth(&Document::from(html.as_str()));
            match parse_bounded(&html, limit) {
                Some(doc) => {
                    prop_assert_eq!(doc.html(), Document::from(html.as_str()).html());
                    prop_assert!(real <= limit, "kept at limit {limit}, nested {real}");
                }
                None => prop_assert!(real > limit, "refused at limit {limit}, nested {real}"),
            }
        }
    }
}
