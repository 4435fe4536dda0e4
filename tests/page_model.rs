//! The page model: what the head says about the page's type, and how each type's content
//! regions are kept (every post of a thread, every item of a listing, every section of a
//! landing page), in HTML and in flattened text.

mod common;

use declutter::{Cleaned, InputKind, Options, PageType, Verdict};

fn clean(html: &str, page_type: Option<PageType>) -> Cleaned {
    let options = Options {
        page_type,
        ..Options::default()
    };
    declutter::clean(html.as_bytes(), &options).unwrap()
}

fn kept(cleaned: &Cleaned) -> String {
    cleaned.text()
}

/// Asserts that `text` holds every phrase of `keep` and none of `drop`.
fn assert_keeps(text: &str, keep: &[&str], drop: &[&str]) {
    for phrase in keep {
        assert!(text.contains(phrase), "{phrase} missing from:\n{text}");
    }
    for phrase in drop {
        assert!(!text.contains(phrase), "{phrase} kept in:\n{text}");
    }
}

/// A page whose head declares `head` and whose body is a short article.
fn with_head(head: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>A page</title>{head}</head><body><article>\
         <p>Plain prose of a page that says nothing about itself in its body, long enough to \
         read as a paragraph, with commas, clauses and a full stop at the end.</p>\
         </article></body></html>"
    )
}

#[test]
fn the_head_declares_the_type() {
    let cases = [
        (
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"QAPage"}</script>"#,
            PageType::Forum,
            "QAPage",
        ),
        (
            r#"<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":["Product","Thing"]}]}</script>"#,
            PageType::Product,
            "Product",
        ),
        (
            r#"<meta name="generator" content="Discourse 3.4.0 - https://github.com/discourse/discourse">"#,
            PageType::Forum,
            "Discourse",
        ),
        (
            r#"<meta name="generator" content="MkDocs-1.6.1, mkdocs-material-9.5">"#,
            PageType::Documentation,
            "MkDocs",
        ),
        (
            r#"<meta property="og:type" content="product.group">"#,
            PageType::Collection,
            "og:type",
        ),
        (
            r#"<meta property="og:type" content="article">"#,
            PageType::Article,
            "og:type",
        ),
    ];
    for (head, page_type, evidence) in cases {
        let cleaned = clean(&with_head(head), None);
        assert_eq!(cleaned.page.page_type, page_type, "{head}");
        assert!(
            cleaned
                .page
                .page_type_evidence
                .iter()
                .any(|e| e.contains(evidence)),
            "{head}: {:?}",
            cleaned.page.page_type_evidence
        );
    }
    // Nothing declared: an article, and the evidence says it is the default.
    let cleaned = clean(&with_head(""), None);
    assert_eq!(cleaned.page.page_type, PageType::Article);
    assert!(cleaned.page.page_type_evidence[0].contains("default"));
}

#[test]
fn microdata_item_types_survive_the_pre_parse_scan() {
    let html = r#"<html><body><div itemscope itemtype="https://schema.org/Product">
        <h1 itemprop="name">Lamp</h1><p>A lamp with a linen shade, a brass stem and a switch on the cord, made to order.</p>
        </div></body></html>"#;
    let cleaned = clean(html, None);
    assert_eq!(cleaned.page.page_type, PageType::Product);
}

#[test]
fn the_head_metas_reach_the_metadata() {
    let html = with_head(
        r#"<meta property="og:site_name" content="Lamp Shop"><meta name="description" content="Lamps."><link rel="canonical" href="https://example.org/a">"#,
    );
    let cleaned = clean(&html, None);
    assert_eq!(cleaned.metadata.site_name.as_deref(), Some("Lamp Shop"));
    assert_eq!(cleaned.metadata.description.as_deref(), Some("Lamps."));
    assert_eq!(
        cleaned.metadata.url.as_deref(),
        Some("https://example.org/a")
    );
}

/// A thread of three posts, each in a `comment` container, with per-post chrome.
const THREAD: &str = r##"<!DOCTYPE html><html><head><title>Which kettle for a small boat? - Sailing Forum</title>
<script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"Which kettle for a small boat?"}</script></head>
<body><nav><a href="/">Forums</a> <a href="/new">New posts</a> <a href="/members">Members</a></nav>
<div class="thread">
  <h1>Which kettle for a small boat?</h1>
  <div class="comment post"><div class="comment-author">marlin_22</div>
    <div class="comment-body"><p>We just bought a small sloop and the galley has a two burner stove, so I am wondering which kettle people use when the boat heels and the water sloshes around.</p></div>
    <div class="comment-actions"><a href="#">Reply</a> <a href="#">Quote</a></div></div>
  <div class="comment post"><div class="comment-author">saltwater</div>
    <div class="comment-body"><p>Get a wide based stainless kettle with a low centre of gravity, and never fill it more than half way when you are under sail, because the spout will spill on every wave.</p></div>
    <div class="comment-actions"><a href="#">Reply</a> <a href="#">Quote</a></div></div>
  <div class="comment post"><div class="comment-author">marlin_22</div>
    <div class="comment-body"><p>Thank you, I ordered the wide stainless one with the long handle, and I will report back after the first weekend on the water with the family.</p></div>
    <div class="comment-actions"><a href="#">Reply</a> <a href="#">Quote</a></div></div>
</div>
<footer><p>Copyright 2025 Sailing Forum. All rights reserved.</p></footer></body></html>"##;

#[test]
fn a_thread_keeps_every_post() {
    let cleaned = clean(THREAD, None);
    assert_eq!(cleaned.page.page_type, PageType::Forum);
    let text = kept(&cleaned);
    assert_keeps(
        &text,
        &[
            "which kettle people use",
            "wide based stainless kettle",
            "I ordered the wide stainless one",
        ],
        &["New posts", "Quote", "All rights reserved"],
    );
    // As an article the same page keeps at most one post: the type is what keeps them all.
    let as_article = kept(&clean(THREAD, Some(PageType::Article)));
    let posts = ["which kettle people use", "wide based", "I ordered"]
        .iter()
        .filter(|p| as_article.contains(*p))
        .count();
    assert!(posts < 3, "{as_article}");
}

/// A result grid: linked titles, snippets and prices, inside a `search-results` container.
const LISTING: &str = r#"<!DOCTYPE html><html><head><title>Bike lights</title></head><body>
<header><nav><a href="/">Home</a> <a href="/bikes">Bikes</a> <a href="/parts">Parts</a></nav></header>
<main><h1>Bike lights</h1>
<div class="product-search-results">
  <div class="card"><h3><a href="/p/1">Beacon 400 front light</a></h3><p>USB-C rechargeable, 400 lumens, four hours on medium</p><p>$39.95</p></div>
  <div class="card"><h3><a href="/p/2">Ember rear light</a></h3><p>Daylight visible flash with a brake sensing mode</p><p>$24.50</p></div>
  <div class="card"><h3><a href="/p/3">Trailhead helmet light</a></h3><p>Wide beam with a remote switch for the handlebar</p><p>$89.00</p></div>
  <div class="card"><h3><a href="/p/4">Commuter pair of lights</a></h3><p>Front and rear set with a shared charging cable</p><p>$54.00</p></div>
</div></main>
<footer><p>© 2025 Ridgeline Cycle Supply</p></footer></body></html>"#;

#[test]
fn a_listing_keeps_every_item_with_its_linked_title() {
    let text = kept(&clean(LISTING, Some(PageType::Listing)));
    assert_keeps(
        &text,
        &[
            "Beacon 400 front light",
            "USB-C rechargeable",
            "$39.95",
            "Commuter pair of lights",
            "shared charging cable",
            "$54.00",
        ],
        &["Bikes", "© 2025"],
    );
}

/// A landing page: a hero and sections of features, each short.
const LANDING: &str = r#"<!DOCTYPE html><html><head><title>Cold storage for small shops</title></head><body>
<nav><a href="/">Home</a> <a href="/pricing">Pricing</a> <a href="/login">Log in</a></nav>
<section class="hero"><h1>Cold storage for small shops</h1><p>Chilled and frozen lockers for restaurants, bakeries and market stalls, rented by the week.</p></section>
<section class="features"><h2>How deliveries work</h2><p>Drivers book a fifteen minute slot online and unload straight into your locker.</p>
<h2>Night access</h2><p>Night deliveries are possible for an extra fee, with a code for every driver.</p>
<h2>Monitoring</h2><p>Every locker reports its temperature each minute and alerts you by text.</p></section>
<footer><p>© 2025 Coldbox Ltd</p></footer></body></html>"#;

#[test]
fn a_landing_page_keeps_every_section() {
    let text = kept(&clean(LANDING, Some(PageType::Service)));
    assert_keeps(
        &text,
        &[
            "Chilled and frozen lockers",
            "How deliveries work",
            "fifteen minute slot",
            "Night deliveries are possible",
            "reports its temperature",
        ],
        &["Log in"],
    );
}

#[test]
fn collapsed_panels_and_disclosure_buttons_are_read() {
    let html = r#"<html><body><div class="product"><h1>Trailpack 30</h1>
        <p>A light thirty litre pack for long day hikes, with a ventilated back panel and side pockets.</p>
        <div class="faq-item"><button aria-expanded="false">Is the pack waterproof?</button>
        <div class="faq-answer" style="display: none"><p>The fabric is water resistant and the seams are taped.</p></div></div>
        <div role="tabpanel" hidden><h3>Care</h3><p>Wash by hand in cool water with mild soap.</p></div>
        <div class="modal" style="display:none"><p>Sign up for our newsletter and save ten percent.</p></div>
        <button>Add to cart</button>
        </div></body></html>"#;
    let text = kept(&clean(html, Some(PageType::Product)));
    // A hidden element that is no panel stays unread, and so do ordinary buttons.
    assert_keeps(
        &text,
        &[
            "Is the pack waterproof?",
            "seams are taped",
            "Wash by hand in cool water",
        ],
        &["newsletter", "Add to cart"],
    );
}

#[test]
fn a_page_hidden_by_its_loading_guard_is_read() {
    // The whole page sits in a wrapper its script reveals once the styles load; a small hidden
    // dialog beside the article stays unread.
    let html = r#"<html><body><div id="app"><div style="visibility: hidden; min-height: 100vh">
        <nav><a href="/">Home</a></nav>
        <article><h1>Sorting a list in place</h1>
        <p>Sorting in place rearranges the items of the list itself instead of building a new one, which saves memory when the list is long.</p>
        <p>The method compares neighbouring items and swaps them until every item is in order, and it returns nothing.</p>
        <div style="display:none"><p>Sign in to save your progress.</p></div>
        </article></div></div></body></html>"#;
    let text = kept(&clean(html, None));
    assert!(text.contains("Sorting in place rearranges"), "{text}");
    assert!(text.contains("swaps them until every item"), "{text}");
    assert!(!text.contains("Sign in to save"), "{text}");
}

#[test]
fn a_script_shell_takes_its_text_from_json_ld() {
    let html = r#"<html><head><title>How to hem a round tablecloth</title>
        <script type="application/ld+json">{"@type":"Article","articleBody":"A round tablecloth is easier than it looks.\nMeasure the diameter of the table top and decide how far the cloth should hang down on every side, then add the hem."}</script>
        </head><body><div id="app"><div class="spinner"></div></div></body></html>"#;
    let cleaned = clean(html, None);
    let text = cleaned.body_text();
    assert!(
        text.contains("A round tablecloth is easier than it looks."),
        "{text}"
    );
    assert!(text.contains("Measure the diameter"), "{text}");
    // A page that shows its article keeps its own text, not a second copy.
    let full = r#"<html><head><script type="application/ld+json">{"@type":"Article","articleBody":"Short summary of the piece, twenty words or more, so that it counts as a body when the page shows nothing at all."}</script></head>
        <body><article><p>The page's own article is long, with many words of its own, commas, clauses and a final stop, and it goes on for a while.</p>
        <p>It has a second paragraph too, just as long as the first, and with the same kind of sentence structure, ending with a stop.</p></article></body></html>"#;
    assert!(!clean(full, None).body_text().contains("Short summary"));
}

#[test]
fn a_loading_shell_of_a_word_is_empty() {
    let html = r#"<html><body><header><a href="/">Shop</a></header><main><p>Help</p></main></body></html>"#;
    let cleaned = clean(html, Some(PageType::Product));
    assert!(!cleaned.blocks.iter().any(|j| j.verdict.is_content()));
}

#[test]
fn a_teaser_run_after_an_article_stays_debris() {
    // The page model leaves articles alone: the teasers after one are related links.
    let html = r#"<html><body><article><h1>Bridge reopens</h1>
        <p>The old bridge over the river reopened on Monday after two years of repairs, and the first buses crossed it before dawn.</p>
        <p>The council said the work came in under budget, although the opening was delayed twice by floods in the spring.</p>
        <p>Residents on both banks said the detour had added half an hour to every trip into town.</p></article>
        <ul><li><a href="/a">Council approves a new budget for the coming year</a> The vote was close and the debate ran late into the night, with</li>
        <li><a href="/b">Floods close the riverside road for a week again</a> Water rose above the walls on Tuesday and the road stayed shut while</li>
        <li><a href="/c">A new bakery opens in the old station building</a> The owners spent a year restoring the hall and kept the tiles of</li></ul>
        </body></html>"#;
    let cleaned = clean(html, None);
    assert_eq!(cleaned.page.page_type, PageType::Article);
    let text = kept(&cleaned);
    assert!(text.contains("first buses crossed it"), "{text}");
    assert!(!text.contains("new bakery"), "{text}");
}

#[test]
fn flattened_text_drops_runs_of_menu_lines_on_a_landing_page() {
    let page = "Home\n\nPricing\n\nAbout us\n\nContact\n\nCold storage for small shops\n\n\
                Chilled and frozen lockers for restaurants, bakeries and market stalls, rented by the week and opened with a code.\n\n\
                Lockers\n\nVans\n\nDepots\n\nRates\n\n\
                How deliveries work\n\n\
                Drivers book a fifteen minute slot online and unload straight into your locker, day or night.\n\n\
                Privacy\n\nTerms\n\nCareers\n\nPress";
    let options = Options {
        input: InputKind::Text,
        page_type: Some(PageType::Service),
        ..Options::default()
    };
    let cleaned = declutter::clean(page.as_bytes(), &options).unwrap();
    let text = cleaned.body_text();
    assert_keeps(
        &text,
        &[
            "Chilled and frozen lockers",
            "Drivers book a fifteen minute slot",
        ],
        &["Pricing", "About us", "Careers", "Vans", "Depots"],
    );
    let reasons: Vec<_> = cleaned.removed().map(|r| r.reason).collect();
    assert!(reasons.iter().any(|r| r.contains("menu")), "{reasons:?}");
}

#[test]
fn every_removal_on_a_multi_region_page_has_a_reason() {
    for (html, page_type) in [
        (THREAD, PageType::Forum),
        (LISTING, PageType::Listing),
        (LANDING, PageType::Service),
    ] {
        let cleaned = clean(html, Some(page_type));
        for judged in &cleaned.blocks {
            if let Verdict::Removed { reason, .. } = &judged.verdict {
                assert!(!reason.is_empty());
            }
        }
    }
}

#[test]
fn the_cli_forces_and_reports_the_type() {
    let out = common::run(
        &["--page-type", "listing", "--format", "json"],
        LISTING.as_bytes(),
    );
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["page_type"], "listing");
    assert_eq!(json["page_type_evidence"][0], "forced by the caller");
    let out = common::run(&["--explain"], THREAD.as_bytes());
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        report.starts_with("page type: forum (schema.org @type DiscussionForumPosting)"),
        "{report}"
    );
    let out = common::run(&["--page-type", "blog"], b"<p>x</p>");
    assert!(!out.status.success());
}
