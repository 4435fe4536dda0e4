//! Faithful Markdown and HTML (issue 13): links resolved against the page's address,
//! emphasis, strong text, inline code, a code block's language, a numbered list's start, a
//! table's caption, no escaping that is not needed — checked by parsing the Markdown back with
//! a CommonMark parser, and pinned by snapshots.

use declutter::{Cleaned, InputKind, Options};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

/// A page with every kind of formatting the renderers keep, and some they must not.
const PAGE: &str = "<!DOCTYPE html><html lang=pt><head><meta charset=utf-8>\
    <title>Notas da travessia | Gazeta do Porto</title>\
    <link rel=canonical href=\"https://gazeta.example/noticias/travessia\"></head><body>\
    <nav><a href=/>Início</a> <a href=/noticias>Notícias</a></nav>\
    <article><h1>Notas da travessia</h1>\
    <p>O <a href=\"horario.html\">novo horário</a> começa em <em>maio</em>, e os \
    <strong>bilhetes <em>continuam</em> baratos</strong>: corra <code>barco --lista</code> \
    para o ver. Um <a href=\"javascript:alert(1)\">link perigoso</a> e um \
    <a href=\"https://outro.example/a b\">com espaço</a>.</p>\
    <p onclick=\"steal()\">Um asterisco * e um [colchete] escritos pelo mestre do porto para \
    todos os passageiros da travessia.<script>steal()</script></p>\
    <ol start=4><li>Quarto passo</li><li>Quinto passo com <a href=/x>um link</a></li></ol>\
    <pre><code class=\"language-python\">print(\"olá\")</code></pre>\
    <table><caption>Tarifas em 2024</caption><tr><th>Linha</th><th>Preço</th></tr>\
    <tr><td>Norte</td><td>1.12</td></tr></table>\
    </article><footer><p>© 2024 Gazeta do Porto</p></footer></body></html>";

fn clean(page: &str, url: Option<&str>) -> Cleaned {
    let options = Options {
        input: InputKind::Html,
        formatting: true,
        url: url.map(str::to_string),
        ..Options::default()
    };
    declutter::clean(page.as_bytes(), &options).unwrap()
}

/// Every event of the Markdown as CommonMark (with GFM tables) reads it.
fn events(markdown: &str) -> Vec<Event<'_>> {
    Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES).collect()
}

/// The link targets and their texts in `markdown`.
fn links(markdown: &str) -> Vec<(String, String)> {
    targets(markdown, false)
}

/// The images' addresses and alt texts in `markdown`.
fn images(markdown: &str) -> Vec<(String, String)> {
    targets(markdown, true)
}

/// The links' (or the images') destinations and texts, as CommonMark reads `markdown`.
fn targets(markdown: &str, images: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for event in events(markdown) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if !images => {
                open = Some((dest_url.to_string(), String::new()))
            }
            Event::Start(Tag::Image { dest_url, .. }) if images => {
                open = Some((dest_url.to_string(), String::new()))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = open.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(pulldown_cmark::TagEnd::Link) if !images => out.extend(open.take()),
            Event::End(pulldown_cmark::TagEnd::Image) if images => out.extend(open.take()),
            _ => {}
        }
    }
    out
}

#[test]
fn links_are_resolved_against_the_canonical_url_or_the_given_address() {
    let markdown = declutter::render::markdown(&clean(PAGE, None), true);
    assert_eq!(
        links(&markdown),
        [
            (
                "https://gazeta.example/noticias/horario.html".to_string(),
                "novo horário".to_string()
            ),
            (
                "https://outro.example/a%20b".to_string(),
                "com espaço".to_string()
            ),
            (
                "https://gazeta.example/x".to_string(),
                "um link".to_string()
            ),
        ],
        "{markdown}"
    );
    // The caller's address wins over the canonical URL; a `<base href>` applies on top.
    let based = PAGE.replace("</head>", "<base href=\"/arquivo/\"></head>");
    let markdown =
        declutter::render::markdown(&clean(&based, Some("https://espelho.example/p")), true);
    assert_eq!(
        links(&markdown)[0].0,
        "https://espelho.example/arquivo/horario.html"
    );
    assert!(!markdown.contains("javascript"), "{markdown}");
}

#[test]
fn emphasis_strong_and_inline_code_parse_back() {
    let markdown = declutter::render::markdown(&clean(PAGE, None), true);
    let events = events(&markdown);
    let mut inside = Vec::new();
    let (mut emphasis, mut strong, mut code) = (Vec::new(), Vec::new(), Vec::new());
    for event in &events {
        match event {
            Event::Start(tag) => inside.push(tag.clone()),
            Event::End(_) => {
                inside.pop();
            }
            Event::Text(t) if matches!(inside.last(), Some(Tag::Emphasis)) => {
                emphasis.push(t.to_string())
            }
            Event::Text(t) if matches!(inside.last(), Some(Tag::Strong)) => {
                strong.push(t.to_string())
            }
            Event::Code(t) => code.push(t.to_string()),
            _ => {}
        }
    }
    assert_eq!(emphasis, ["maio", "continuam"], "{markdown}");
    assert_eq!(strong, ["bilhetes ", " baratos"], "{markdown}");
    assert_eq!(code, ["barco --lista"], "{markdown}");
    // Literal markers in the text stay literal.
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) => Some(&**t),
            _ => None,
        })
        .collect();
    assert!(
        text.contains("Um asterisco * e um [colchete]"),
        "{markdown}"
    );
}

#[test]
fn code_language_list_start_and_table_caption_are_kept() {
    let cleaned = clean(PAGE, None);
    let markdown = declutter::render::markdown(&cleaned, true);
    let events = events(&markdown);
    assert!(
        events.iter().any(|e| matches!(e,
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if &**lang == "python")),
        "{markdown}"
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::Start(Tag::List(Some(4))))),
        "{markdown}"
    );
    assert!(
        markdown.contains("Tarifas em 2024\n\n| Linha |"),
        "{markdown}"
    );
    // A table cell is not escaped as a line would be ("1\.12").
    assert!(markdown.contains("| Norte | 1.12 |"), "{markdown}");
    let html = declutter::render::html(&cleaned, true);
    assert!(html.contains("<ol start=\"4\">"), "{html}");
    assert!(html.contains("<code class=\"language-python\">"), "{html}");
    assert!(
        html.contains("<caption>Tarifas em 2024</caption>"),
        "{html}"
    );
}

#[test]
fn html_output_keeps_the_inline_elements_and_nothing_unsafe() {
    let html = declutter::render::html(&clean(PAGE, None), true);
    assert!(
        html.contains(
            "O <a href=\"https://gazeta.example/noticias/horario.html\">novo horário</a> começa \
             em <em>maio</em>, e os <strong>bilhetes <em>continuam</em> baratos</strong>: corra \
             <code>barco --lista</code>"
        ),
        "{html}"
    );
    for unsafe_ in ["javascript", "onclick", "<script", "steal"] {
        assert!(!html.contains(unsafe_), "{unsafe_} in {html}");
    }
}

#[test]
fn formatting_is_off_by_default_and_the_text_is_the_same_either_way() {
    let options = Options {
        input: InputKind::Html,
        ..Options::default()
    };
    let plain = declutter::clean(PAGE.as_bytes(), &options).unwrap();
    let markdown = declutter::render::markdown(&plain, true);
    assert!(!markdown.contains("]("), "{markdown}");
    assert_eq!(plain.text(), clean(PAGE, None).text());
}

#[test]
fn text_output_numbers_the_items_of_numbered_lists_from_their_start() {
    let options = Options {
        input: InputKind::Html,
        ..Options::default()
    };
    let plain = declutter::clean(PAGE.as_bytes(), &options).unwrap();
    assert!(
        plain
            .text()
            .contains("4. Quarto passo\n5. Quinto passo com um link\n"),
        "{}",
        plain.text()
    );
}

#[test]
fn snapshots_of_the_markdown_and_html() {
    let cleaned = clean(PAGE, None);
    insta::assert_snapshot!(
        "formatting-markdown",
        declutter::render::markdown(&cleaned, true)
    );
    insta::assert_snapshot!("formatting-html", declutter::render::html(&cleaned, true));
}

mod common;

/// A small article whose one link is relative.
const LINKED: &str = "<html><head><title>Ponte</title></head><body><article><h1>Ponte</h1>\
    <p>A câmara aprovou na terça-feira a <a href=\"obras.html\">reconstrução da ponte velha</a>, \
    fechada desde as cheias da primavera que danificaram os pilares.</p></article></body></html>";

#[test]
fn the_cli_resolves_links_against_url_and_a_jsonl_records_url() {
    let out = common::run(
        &["--format", "markdown", "--url", "https://a.example/n/ponte"],
        LINKED.as_bytes(),
    );
    let markdown = String::from_utf8(out.stdout).unwrap();
    assert!(
        markdown.contains("[reconstrução da ponte velha](https://a.example/n/obras.html)"),
        "{markdown}"
    );
    // Text output has no links, whatever the address.
    let out = common::run(&["--url", "https://a.example/n/ponte"], LINKED.as_bytes());
    assert!(
        !String::from_utf8(out.stdout)
            .unwrap()
            .contains("obras.html")
    );
    let record = serde_json::json!({"url": "https://b.example/m/ponte", "html": LINKED});
    let out = common::run(
        &["--jsonl", "--format", "markdown", "--quiet"],
        format!("{record}\n").as_bytes(),
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = line["clean"].as_str().unwrap();
    assert!(text.contains("(https://b.example/m/obras.html)"), "{line}");
}

#[test]
fn the_given_address_dates_a_page_without_a_canonical_url_and_only_web_bases_resolve() {
    let out = common::run(
        &[
            "--format",
            "json",
            "--url",
            "https://a.example/2024/07/19/ponte",
        ],
        LINKED.as_bytes(),
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["url"], "https://a.example/2024/07/19/ponte", "{json}");
    assert_eq!(json["date"], "2024-07-19", "{json}");
    // An ftp address is no base for a page's links.
    let out = common::run(
        &["--format", "markdown", "--url", "ftp://a.example/n/"],
        LINKED.as_bytes(),
    );
    let markdown = String::from_utf8(out.stdout).unwrap();
    assert!(markdown.contains("](obras.html)"), "{markdown}");
}

#[test]
fn front_matter_lists_categories_and_tags() {
    let page = LINKED.replace(
        "<title>Ponte</title>",
        "<title>Ponte</title><meta property=article:section content=Cidade>\
         <meta property=article:tag content=\"obras, pontes\"><meta property=article:tag content=rio>",
    );
    let out = common::run(
        &["--format", "markdown", "--with-metadata"],
        page.as_bytes(),
    );
    let markdown = String::from_utf8(out.stdout).unwrap();
    assert!(
        markdown.contains("categories: [\"Cidade\"]\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("tags: [\"obras\", \"pontes\", \"rio\"]\n"),
        "{markdown}"
    );
    let out = common::run(&["--format", "html", "--with-metadata"], page.as_bytes());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        html.contains("<meta property=\"article:tag\" content=\"rio\">"),
        "{html}"
    );
}

/// An article with a figure (lazy-loaded image and caption), an image in a paragraph of its
/// own, one in a list item, a logo in the header and a teaser's picture in a related box.
const PICTURED: &str = "<html><head><title>Jardins no inverno</title></head><body>\
    <header><a href=/><img src=/logo.png alt=Logotipo></a>\
    <nav><a href=/a>Início</a> <a href=/b>Notícias</a></nav></header>\
    <article><h1>Jardins no inverno</h1>\
    <p>O jardim no inverno é um lugar calmo, e o jardineiro que o percorre de manhã encontra \
    a geada em cada folha e em cada caule da sebe.</p>\
    <figure><img src=\"data:image/gif;base64,R0lGOD\" data-src=/img/geada.jpg \
    alt=\"Geada na [sebe]\"><figcaption>Geada na sebe ao amanhecer.</figcaption></figure>\
    <p>A maior parte das plantas descansa até à primavera, mas algumas florescem nos meses \
    frios e dão cor aos canteiros quando nada mais o faz.</p>\
    <p><img src=\"https://cdn.example/heleboro.jpg\" alt=Heléboro></p>\
    <p>Os heléboros e as campainhas-brancas são as mais conhecidas, e ambas crescem bem à \
    sombra das árvores, onde o solo se mantém húmido todo o ano.</p>\
    <ul><li><img src=/i/1.png alt=um>Primeiro ponto da lista com algumas palavras</li>\
    <li>Segundo ponto da lista com palavras</li></ul></article>\
    <aside class=related><h2>Relacionados</h2><img src=/teaser.jpg alt=Destaque>\
    <a href=/x>Outra história</a></aside></body></html>";

fn clean_with_images(images: bool) -> Cleaned {
    let options = Options {
        input: InputKind::Html,
        formatting: true,
        images,
        url: Some("https://jardins.example/artigos/inverno".to_string()),
        ..Options::default()
    };
    declutter::clean(PICTURED.as_bytes(), &options).unwrap()
}

#[test]
fn images_of_the_content_are_kept_with_their_captions_and_no_others() {
    let cleaned = clean_with_images(true);
    let markdown = declutter::render::markdown(&cleaned, true);
    let pair = |src: &str, alt: &str| (src.to_string(), alt.to_string());
    assert_eq!(
        images(&markdown),
        [
            pair("https://jardins.example/img/geada.jpg", "Geada na [sebe]"),
            pair("https://cdn.example/heleboro.jpg", "Heléboro"),
            pair("https://jardins.example/i/1.png", "um"),
        ],
        "{markdown}"
    );
    // The figure's caption follows its image; the list stays one list.
    let figure = markdown.find("geada.jpg").unwrap();
    assert!(
        markdown[figure..].contains("Geada na sebe ao amanhecer."),
        "{markdown}"
    );
    let items = events(&markdown)
        .into_iter()
        .filter(|e| matches!(e, Event::Start(Tag::Item)))
        .count();
    assert_eq!(items, 2, "{markdown}");
    let html = declutter::render::html(&cleaned, true);
    assert!(
        html.contains(
            "<figure><img src=\"https://jardins.example/img/geada.jpg\" alt=\"Geada na [sebe]\">\
             <figcaption>Geada na sebe ao amanhecer.</figcaption></figure>"
        ),
        "{html}"
    );
    for debris in ["logo.png", "teaser.jpg"] {
        assert!(
            !markdown.contains(debris) && !html.contains(debris),
            "{debris}"
        );
    }
    insta::assert_snapshot!("images-markdown", markdown);
}

#[test]
fn images_are_off_by_default_and_leave_the_text_alone() {
    let without = clean_with_images(false);
    let markdown = declutter::render::markdown(&without, true);
    assert!(images(&markdown).is_empty(), "{markdown}");
    assert!(!declutter::render::html(&without, true).contains("<img"));
    // Text output has no images; only the figure's caption, kept with its image, is added.
    let with = clean_with_images(true).text();
    assert_eq!(
        with.replace("Geada na sebe ao amanhecer.\n\n", ""),
        without.text()
    );
}

#[test]
fn the_cli_keeps_images_with_the_images_flag() {
    let out = common::run(&["--format", "markdown", "--images"], PICTURED.as_bytes());
    let markdown = String::from_utf8(out.stdout).unwrap();
    assert!(markdown.contains("](/img/geada.jpg)"), "{markdown}");
    let out = common::run(&["--format", "markdown"], PICTURED.as_bytes());
    assert!(!String::from_utf8(out.stdout).unwrap().contains("!["));
}
