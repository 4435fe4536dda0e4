//! Page metadata (issue 13): each reader on a small handwritten page.

use declutter::{Cleaned, Options};

/// A page with `head` in its head and `body` as its article.
fn page(head: &str, body: &str) -> Cleaned {
    let html = format!(
        "<!DOCTYPE html><html><head>{head}</head><body><article>{body}\
         <p>The council met on Tuesday evening to discuss the state of the river bank, \
         which the last floods had worn away along the whole northern path.</p>\
         <p>Residents asked for a new wall before the winter, and the council agreed to \
         look for the money in next year's budget.</p></article></body></html>"
    );
    declutter::clean(html.as_bytes(), &Options::default()).unwrap()
}

#[test]
fn json_ld_date_published_comes_first_and_is_normalised() {
    let cleaned = page(
        r#"<meta property="article:published_time" content="2024-07-18">
        <script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle",
        "datePublished":"2024-07-19T10:00:00.000+02:00","dateModified":"2024-08-01"}]}</script>"#,
        "<h1>River bank</h1>",
    );
    assert_eq!(
        cleaned.metadata.date.as_deref(),
        Some("2024-07-19T10:00:00+02:00")
    );
}

#[test]
fn date_metas_time_elements_and_microdata() {
    let meta = page(
        r#"<meta name="citation_publication_date" content="2021/03/04">"#,
        "<h1>River bank</h1>",
    );
    assert_eq!(meta.metadata.date.as_deref(), Some("2021-03-04"));
    // A plain `published` meta, its date written in words.
    let words = page(
        r#"<meta name="published" content="July 17, 2025">"#,
        "<h1>River bank</h1>",
    );
    assert_eq!(words.metadata.date.as_deref(), Some("2025-07-17"));
    let time = page(
        "",
        r#"<h1>River bank</h1><p class="meta">Posted on <a href="/x"><time datetime="2020-06-29T15:00:23-05:00">June 29, 2020</time></a></p>"#,
    );
    assert_eq!(
        time.metadata.date.as_deref(),
        Some("2020-06-29T15:00:23-05:00")
    );
    let microdata = page(
        "",
        r#"<h1>River bank</h1><span itemprop="datePublished" content="2019-05-06">May 6</span>"#,
    );
    assert_eq!(microdata.metadata.date.as_deref(), Some("2019-05-06"));
}

#[test]
fn the_publication_date_wins_over_the_modification_date() {
    let cleaned = page(
        r#"<meta property="article:modified_time" content="2025-01-02">
        <meta property="article:published_time" content="2024-12-01">"#,
        "<h1>River bank</h1>",
    );
    assert_eq!(cleaned.metadata.date.as_deref(), Some("2024-12-01"));
}

#[test]
fn a_date_in_the_canonical_url() {
    let cleaned = page(
        r#"<link rel="canonical" href="https://example.org/2023/11/05/river-bank/">"#,
        "<h1>River bank</h1>",
    );
    assert_eq!(cleaned.metadata.date.as_deref(), Some("2023-11-05"));
}

#[test]
fn json_ld_authors_are_joined_and_profile_urls_are_no_names() {
    let cleaned = page(
        r#"<meta property="article:author" content="https://www.facebook.com/someone">
        <script type="application/ld+json">{"@type":"Article","author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Kim"}]}</script>"#,
        "<h1>River bank</h1>",
    );
    assert_eq!(cleaned.metadata.author.as_deref(), Some("Ann Lee, Bo Kim"));
    let url_only = page(
        r#"<meta property="article:author" content="https://www.facebook.com/someone">"#,
        "<h1>River bank</h1>",
    );
    assert_eq!(url_only.metadata.author, None);
}

#[test]
fn the_site_name_as_author_gives_way_to_a_person() {
    let cleaned = page(
        r#"<meta property="og:site_name" content="River News"><meta name="author" content="River News">"#,
        r#"<h1>River bank</h1><span class="post-author">Jana Ortlieb</span>"#,
    );
    assert_eq!(cleaned.metadata.author.as_deref(), Some("Jana Ortlieb"));
}

#[test]
fn rel_author_itemprop_and_bylines() {
    let rel = page(
        "",
        r#"<h1>River bank</h1><p>By <a rel="author" href="/u/ann">Ann Lee</a></p>"#,
    );
    assert_eq!(rel.metadata.author.as_deref(), Some("Ann Lee"));
    let itemprop = page(
        "",
        r#"<h1>River bank</h1><div itemprop="author">Von Jana Ortlieb</div>"#,
    );
    assert_eq!(itemprop.metadata.author.as_deref(), Some("Jana Ortlieb"));
    let byline = page(
        "",
        "<h1>River bank</h1><p>Par Marie de la Tour et Paul Roy · 3 mars 2023</p>",
    );
    assert_eq!(
        byline.metadata.author.as_deref(),
        Some("Marie de la Tour, Paul Roy")
    );
    let label = page(
        "",
        "<h1>River bank</h1><div><p>Written by</p><p>Edith Vale</p></div>",
    );
    assert_eq!(label.metadata.author.as_deref(), Some("Edith Vale"));
}

#[test]
fn a_date_written_near_the_headline_when_nothing_states_one() {
    let cleaned = page(
        "",
        "<h1>River bank</h1><p>Von Jana Ortlieb · 19. Juli 2024 · 3 Min.</p>",
    );
    assert_eq!(cleaned.metadata.date.as_deref(), Some("2024-07-19"));
    let stated = page(
        r#"<meta name="date" content="2024-07-18">"#,
        "<h1>River bank</h1><p>19 July 2024</p>",
    );
    assert_eq!(stated.metadata.date.as_deref(), Some("2024-07-18"));
}

#[test]
fn the_title_is_the_article_h1_when_a_source_agrees() {
    // The h1 agrees with the JSON-LD headline, not with og:title: the h1 is the headline.
    let cleaned = page(
        r#"<meta property="og:title" content="Council to fix path | River News">
        <script type="application/ld+json">{"@type":"Article","headline":"The river bank will get a wall"}</script>"#,
        "<h1>The river bank will get a wall</h1>",
    );
    assert_eq!(
        cleaned.title.as_deref(),
        Some("The river bank will get a wall")
    );
    // An h1 in the navigation, or the site's own name, is not the headline.
    let html = r#"<!DOCTYPE html><html><head><title>The river bank will get a wall&nbsp;|&nbsp;River News</title>
        <meta property="og:site_name" content="River News"></head><body>
        <nav><h1>Menu</h1><a href="/">Home</a></nav><header><h1>River News</h1></header>
        <article><p>The council met on Tuesday evening to discuss the state of the river bank, which the
        last floods had worn away along the whole northern path.</p></article></body></html>"#;
    let cleaned = declutter::clean(html.as_bytes(), &Options::default()).unwrap();
    assert_eq!(
        cleaned.title.as_deref(),
        Some("The river bank will get a wall")
    );
}

#[test]
fn image_categories_and_tags() {
    let cleaned = page(
        r#"<meta property="og:image" content="https://example.org/bank.jpg">
        <meta property="article:section" content="Local">
        <meta property="article:tag" content="river"><meta property="article:tag" content="council">
        <script type="application/ld+json">{"@type":"NewsArticle","articleSection":"Environment","keywords":"floods, river"}</script>"#,
        "<h1>River bank</h1>",
    );
    let m = &cleaned.metadata;
    assert_eq!(m.image.as_deref(), Some("https://example.org/bank.jpg"));
    assert_eq!(m.categories, ["Local", "Environment"]);
    assert_eq!(m.tags, ["river", "council", "floods"]);
}

#[test]
fn user_names_labels_and_glued_bylines() {
    let user = page(
        "",
        r#"<h1>River bank</h1><div class="post"><span class="post-author">b.scherer</span></div>"#,
    );
    assert_eq!(user.metadata.author.as_deref(), Some("b.scherer"));
    // A heading about the authors is not a name; the name beside it is.
    let label = page(
        "",
        r#"<h1>River bank</h1><div class="author-section"><h3>About the Authors</h3></div><p class="byline">Posted by:Idle Cartulary</p>"#,
    );
    assert_eq!(label.metadata.author.as_deref(), Some("Idle Cartulary"));
}

#[test]
fn an_author_element_gives_its_name_run_not_its_role() {
    let role = page(
        "",
        r#"<h1>River bank</h1><div class="author-name">Edith Vale<span>Staff writer, River News</span></div>"#,
    );
    assert_eq!(role.metadata.author.as_deref(), Some("Edith Vale"));
    let split = page(
        "",
        r#"<h1>River bank</h1><p class="author">By<a href="/u/ann">Ann Lee</a></p>"#,
    );
    assert_eq!(split.metadata.author.as_deref(), Some("Ann Lee"));
}

#[test]
fn a_title_that_is_the_sites_logo_link_gives_way_to_the_headline() {
    let html = "<!DOCTYPE html><html><head><title>Het Rivierblad</title></head><body>\
        <header><a href=/>Het Rivierblad</a></header><article><h1>Nieuwe dijk langs de noordoever</h1>\
        <p>De gemeente begint in het voorjaar met de bouw van een nieuwe dijk langs het pad \
        aan de noordoever, dat bij de laatste overstroming grotendeels is weggespoeld.</p>\
        </article></body></html>";
    let cleaned = declutter::clean(html.as_bytes(), &Options::default()).unwrap();
    assert_eq!(
        cleaned.title.as_deref(),
        Some("Nieuwe dijk langs de noordoever")
    );
    // A title the page does not link before its headline stays the title.
    let html = html.replace("<a href=/>Het Rivierblad</a>", "<a href=/>Start</a>");
    let cleaned = declutter::clean(html.as_bytes(), &Options::default()).unwrap();
    assert_eq!(cleaned.title.as_deref(), Some("Het Rivierblad"));
}

#[test]
fn the_date_label_or_the_role_after_a_name_is_not_part_of_it() {
    let published = page(
        "",
        r#"<h1>River bank</h1><div class="byline"><b>By <span>Rhian Porter</span></b><div>Published on July 18, 2025</div></div>"#,
    );
    assert_eq!(published.metadata.author.as_deref(), Some("Rhian Porter"));
    let month = page(
        "",
        r#"<h1>River bank</h1><p class="byline">By Jonas Berg June 3, 2021</p>"#,
    );
    assert_eq!(month.metadata.author.as_deref(), Some("Jonas Berg"));
    let role = |name: &str| {
        page(
            &format!(
                r#"<script type="application/ld+json">{{"@type":"Article","author":{{"name":"{name}"}}}}</script>"#
            ),
            "<h1>River bank</h1>",
        )
        .metadata
        .author
    };
    assert_eq!(
        role("Ines Calvo - Editorial Team").as_deref(),
        Some("Ines Calvo")
    );
    // One word before the dash may be a brand's own name.
    assert_eq!(
        role("WEBWORKS - Drupal").as_deref(),
        Some("WEBWORKS - Drupal")
    );
}

#[test]
fn the_headline_block_has_the_title_verdict_where_the_classifier_put_it() {
    // Its <h1> sits above the region the classifier takes for the article.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/html/news-inline-debris.html"
    );
    let cleaned = declutter::clean(&std::fs::read(path).unwrap(), &Options::default()).unwrap();
    let title = cleaned.title.as_deref().expect("a title");
    let headlines: Vec<&str> = cleaned
        .blocks
        .iter()
        .filter(|j| j.verdict == declutter::Verdict::Title)
        .map(|j| j.block.text.as_str())
        .collect();
    assert_eq!(headlines, [title]);
}
