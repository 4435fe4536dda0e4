//! Page types: their names, declared schema.org types, and detection on small hand-written
//! pages, one or more per type and rule, through [`crate::clean`] with default options: each
//! fails if its rule breaks.

use super::{MAX_SCHEMA_TYPES, PageType, Signals};
use crate::{Options, clean};

/// The detected type of an HTML page, and its evidence.
fn html_type(html: &str) -> (PageType, Vec<String>) {
    let cleaned = clean(html.as_bytes(), &Options::default()).unwrap();
    (cleaned.page.page_type, cleaned.page.page_type_evidence)
}

/// The detected type of flattened text.
fn text_type(text: &str) -> (PageType, Vec<String>) {
    let options = Options {
        input: crate::InputKind::Text,
        ..Options::default()
    };
    let cleaned = clean(text.as_bytes(), &options).unwrap();
    (cleaned.page.page_type, cleaned.page.page_type_evidence)
}

/// Asserts the type, showing the evidence when it is wrong.
fn assert_type((found, evidence): (PageType, Vec<String>), expected: PageType) {
    assert_eq!(found, expected, "evidence: {evidence:?}");
    assert!(!evidence.is_empty());
}

/// An HTML page: a head with `head`, a body with `body`.
fn page(head: &str, body: &str) -> String {
    format!("<!doctype html><html><head><title>Page</title>{head}</head><body>{body}</body></html>")
}

const SENTENCES: [&str; 6] = [
    "The harbour office published the new tide tables on Monday, a week later than usual because of the storm that closed the port.",
    "Fishermen had waited for them since the start of the month, and several boats stayed in the harbour rather than guess the tides.",
    "The office said the delay came from a broken gauge at the mouth of the river, which had to be replaced before the survey could end.",
    "A spokesman added that next year's tables would be printed in January, as they were before the office moved to the new building.",
    "Local shops that sell the printed booklets said they had run out within two days, and more copies will arrive later this week.",
    "The council thanked the volunteers who read the old gauge by hand every hour during the three weeks the new one was missing.",
];

/// A news article: a dated byline and six paragraphs of prose.
fn article_body() -> String {
    let mut body =
        String::from("<article><h1>New tide tables are out</h1><p>By Ann Lee, March 3, 2024</p>");
    for s in SENTENCES {
        body.push_str(&format!("<p>{s} {s}</p>"));
    }
    body.push_str("</article>");
    body
}

#[test]
fn a_plain_article_is_an_article() {
    assert_type(html_type(&page("", &article_body())), PageType::Article);
}

#[test]
fn an_article_with_a_few_prices_and_calls_to_action_stays_an_article() {
    let body = format!(
        "{}<p>Booklets cost $4.99.</p><p>Price: $5.99</p><p>Learn more</p><p>Contact us today</p>",
        article_body()
    );
    assert_type(html_type(&page("", &body)), PageType::Article);
}

#[test]
fn a_declared_qa_page_is_a_forum() {
    let head = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"QAPage"}</script>"#;
    let (found, evidence) = html_type(&page(head, &article_body()));
    assert_eq!(found, PageType::Forum);
    assert_eq!(evidence, ["schema.org @type QAPage"]);
}

#[test]
fn a_forum_generator_makes_a_forum() {
    let head = r#"<meta name="generator" content="Discourse 3.2">"#;
    assert_type(html_type(&page(head, &article_body())), PageType::Forum);
}

#[test]
fn a_declared_article_stays_an_article_whatever_its_shape() {
    let head = r#"<meta property="og:type" content="article">"#;
    assert_type(html_type(&page(head, &thread_body())), PageType::Article);
}

#[test]
fn a_product_declared_on_an_article_with_one_main_column_is_an_article() {
    let head = r#"<meta property="og:type" content="article"><script type="application/ld+json">{"@type":"Product","name":"Tide booklet"}</script>"#;
    let (found, evidence) = html_type(&page(head, &article_body()));
    assert_eq!(found, PageType::Article, "{evidence:?}");
    assert_eq!(evidence[0], "schema.org @type Product");
}

#[test]
fn a_declared_product_is_a_product() {
    let head =
        r#"<script type="application/ld+json">{"@type":"Product","name":"Tide booklet"}</script>"#;
    let body = "<h1>Tide booklet</h1><p>$4.99</p><button>Add to cart</button><p>A pocket booklet of the year's tides.</p>";
    assert_type(html_type(&page(head, body)), PageType::Product);
}

/// A thread: eight short posts, each a member line, a date, the post and its controls.
fn thread_body() -> String {
    let mut body = String::from("<h1>Gauge at the river mouth broken?</h1>");
    for (n, s) in SENTENCES.iter().chain(&SENTENCES[..2]).enumerate() {
        body.push_str(&format!(
            "<div class=\"post\"><p>user{n}</p><p>Joined: Jan 2019</p><p>March {}, 2024</p><p>{s}</p><p>Reply</p><p>Quote</p></div>",
            n + 1
        ));
    }
    body
}

#[test]
fn posts_with_member_lines_and_controls_make_a_forum() {
    assert_type(html_type(&page("", &thread_body())), PageType::Forum);
}

#[test]
fn a_flattened_thread_is_a_forum() {
    let mut text = String::from("Gauge at the river mouth broken?\n\n");
    for (n, s) in SENTENCES.iter().enumerate() {
        text.push_str(&format!(
            "user{n}\n\nMarch {}, 2024\n\n{s}\n\nReply\n\nQuote\n\n",
            n + 1
        ));
    }
    assert_type(text_type(&text), PageType::Forum);
}

#[test]
fn inline_code_makes_documentation() {
    let mut body = String::from("<main><h1>The read function</h1>");
    for n in 0..26 {
        body.push_str(&format!(
            "<p>Call <code>read(buf{n})</code> to fill <code>buf{n}</code> with the next bytes of the stream.</p>"
        ));
    }
    body.push_str("</main>");
    let (found, evidence) = html_type(&page("", &body));
    assert_eq!(found, PageType::Documentation);
    assert_eq!(evidence, ["52 inline code elements"]);
}

#[test]
fn code_blocks_without_a_dated_byline_make_documentation() {
    let body = "<main><h1>Install</h1><p>Install the tool with the package manager of your system.</p>\
        <pre>apt install tide</pre><p>Then check the version it reports.</p><pre>tide --version</pre></main>";
    assert_type(html_type(&page("", body)), PageType::Documentation);
}

#[test]
fn code_blocks_in_a_dated_article_stay_an_article() {
    let body = article_body().replace(
        "</article>",
        "<pre>apt install tide</pre><pre>tide --version</pre></article>",
    );
    assert_type(html_type(&page("", &body)), PageType::Article);
}

#[test]
fn linked_items_with_prices_make_a_collection() {
    let mut body = String::from("<h1>Booklets</h1><ul>");
    for n in 0..12 {
        body.push_str(&format!(
            "<li><a href=\"/b{n}\">Tide booklet number {n}</a><p>${n}.99</p></li>"
        ));
    }
    body.push_str("</ul>");
    assert_type(html_type(&page("", &body)), PageType::Collection);
}

#[test]
fn a_buy_control_beside_a_spec_table_makes_a_product() {
    let body = "<h1>Tide booklet 2024</h1><p>$4.99</p><button>Add to cart</button>\
        <table><tr><th>Pages</th><td>96</td></tr><tr><th>Size</th><td>A6</td></tr>\
        <tr><th>Weight</th><td>80 g</td></tr></table>";
    assert_type(html_type(&page("", body)), PageType::Product);
}

#[test]
fn calls_to_action_make_a_service_page() {
    let mut text = String::from("Harbour surveys for every port\n\n");
    for (s, action) in SENTENCES.iter().zip([
        "Get a quote",
        "Book a demo",
        "Talk to sales",
        "Get started",
        "Request a quote",
        "Schedule a call",
    ]) {
        text.push_str(&format!("Our survey service\n\n{s}\n\n{action}\n\n"));
    }
    assert_type(text_type(&text), PageType::Service);
}

#[test]
fn a_page_of_links_without_prose_is_a_listing() {
    let mut body = String::from("<h1>Latest reports</h1>");
    for n in 0..15 {
        body.push_str(&format!(
            "<div class=\"card\"><h2><a href=\"/r{n}\">Tide report for harbour {n}</a></h2><p>Harbour {n} office</p></div>"
        ));
    }
    assert_type(html_type(&page("", &body)), PageType::Listing);
}

#[test]
fn flattened_prose_is_an_article() {
    let text = SENTENCES.join("\n\n");
    assert_type(text_type(&text), PageType::Article);
}

#[test]
fn a_few_post_controls_on_dated_posts_make_a_forum() {
    let mut body = String::from("<h1>Gauge at the river mouth broken?</h1>");
    for (n, s) in SENTENCES[..4].iter().enumerate() {
        body.push_str(&format!(
            "<div class=\"post\"><p>user{n}</p><p>March {}, 2024</p><p>{s}</p><p>Reply</p></div>",
            n + 1
        ));
    }
    let (found, evidence) = html_type(&page("", &body));
    assert_eq!(found, PageType::Forum);
    assert_eq!(evidence[0], "4 dated posts");
}

#[test]
fn flattened_prices_without_a_byline_make_a_collection() {
    let mut text = String::from("Tide booklets\n\n");
    for n in 0..16 {
        text.push_str(&format!("Tide booklet number {n}\n\n€{n},99\n\n"));
    }
    assert_type(text_type(&text), PageType::Collection);
}

#[test]
fn a_flattened_buy_control_on_a_page_with_little_prose_makes_a_product() {
    let text = "Tide booklet 2024\n\n$4.99\n\nAdd to basket\n\nIn stock\n\nPages: 96\n\nSize: A6\n\n\
        Weight: 80 g\n\nPrinted on recycled paper, with a waterproof cover\n\n\
        Every tide of the year.";
    assert_type(text_type(text), PageType::Product);
}

#[test]
fn flattened_code_lines_make_documentation() {
    let mut text =
        String::from("The read function\n\nRead fills a buffer with the next bytes.\n\n");
    for n in 0..20 {
        text.push_str(&format!("let n{n} = stream.read(&mut buf[{n}..])?;\n\n"));
    }
    let (found, evidence) = text_type(&text);
    assert_eq!(found, PageType::Documentation, "{evidence:?}");
    assert_eq!(evidence, ["20 lines of code"]);
}

#[test]
fn an_archive_menu_is_not_code() {
    let mut text = SENTENCES.join("\n\n");
    for month in ["January", "February", "March", "April", "May", "June"] {
        for year in 2001..2005 {
            text.push_str(&format!("\n\n{month} {year} (12)"));
        }
    }
    assert_type(text_type(&text), PageType::Article);
}

#[test]
fn service_headings_without_a_main_column_make_a_service_page() {
    let mut body = String::from(
        "<div class=\"hero\"><h1>Harbour surveys</h1><p>Surveys for every port.</p></div>",
    );
    for (heading, s) in ["Why choose us", "How it works", "Testimonials"]
        .iter()
        .zip(SENTENCES)
    {
        body.push_str(&format!(
            "<section><h2>{heading}</h2><div><p>{s}</p></div><div><p>{s}</p></div></section>"
        ));
        // Link lists between the sections: no container holds the page's prose.
        body.push_str(
            &"<p><a href=\"/p\">Harbour survey packages and prices for every port</a></p>"
                .repeat(12),
        );
    }
    let (found, evidence) = html_type(&page("", &body));
    assert_eq!(found, PageType::Service, "{evidence:?}");
}

#[test]
fn flattened_dated_items_without_prose_runs_make_a_listing() {
    let mut text = String::from("Latest reports\n\n");
    for n in 1..6 {
        text.push_str(&format!(
            "Tide report for harbour {n}\n\nMarch {n}, 2024\n\nThe harbour office measured the tides at the mouth of the river again this week.\n\nRead the report\n\n"
        ));
    }
    assert_type(text_type(&text), PageType::Listing);
}

#[test]
fn names_round_trip() {
    for t in PageType::ALL {
        assert_eq!(t.name().parse::<PageType>(), Ok(t));
    }
    assert_eq!("Docs".parse::<PageType>(), Ok(PageType::Documentation));
    assert!("blog".parse::<PageType>().unwrap_err().contains("forum"));
}

#[test]
fn schema_types_lose_their_prefix_and_stay_bounded() {
    let mut signals = Signals::default();
    signals.add_schema_type("https://schema.org/Product http://schema.org/Offer");
    signals.add_schema_type("schema:QAPage");
    signals.add_schema_type("Product");
    assert_eq!(signals.schema_types, ["Product", "Offer", "QAPage"]);
    for i in 0..100 {
        signals.add_schema_type(&format!("Type{i}"));
    }
    assert_eq!(signals.schema_types.len(), MAX_SCHEMA_TYPES);
}

#[test]
fn a_page_of_several_regions_is_judged_by_its_sections() {
    let section = |h: &str, p: &str| {
        // Deeply nested, as page builders nest: the main region cannot climb to their
        // common ancestor.
        format!(
            "<section><h2>{h}</h2><div><div><div><div><div><div class=\"inner\">\
             <p>{p}</p></div></div></div></div></div></div></section>"
        )
    };
    let html = format!(
        "<html><body>{}{}{}{}</body></html>",
        section(
            "Lockers",
            "Chilled and frozen lockers for restaurants, bakeries and market stalls, rented by the week."
        ),
        section(
            "Deliveries",
            "Drivers book a fifteen minute slot online and unload straight into your locker, day or night."
        ),
        section(
            "Monitoring",
            "Every locker reports its temperature each minute, and alerts reach you by text at once."
        ),
        section(
            "Contracts",
            "Rent by the week or by the month, and leave with two weeks of notice, without any fee."
        ),
    );
    let (page_type, evidence) = html_type(&html);
    assert_eq!(page_type, PageType::Service, "{evidence:?}");
    assert!(evidence[0].contains("main region holds"), "{evidence:?}");
}

#[test]
fn flattened_lines_of_items_without_prose_are_a_listing() {
    let items: Vec<String> = (1..=8)
        .map(|i| {
            format!("Walking boots model {i}\n\nLight leather, size 36 to 47\n\nFrom 89 euros")
        })
        .collect();
    let text = format!("Outdoor shop\n\n{}\n\nNext page", items.join("\n\n"));
    let (page_type, evidence) = text_type(&text);
    assert_eq!(page_type, PageType::Listing, "{evidence:?}");
    assert!(evidence[0].contains("no run of prose"), "{evidence:?}");
}

#[test]
fn posts_in_reply_containers_make_a_thread_but_comments_under_an_article_do_not() {
    let post = |who: &str, text: &str| {
        format!(
            "<li class=\"forum-post\"><div class=\"forum-reply-author\">{who}</div>\
             <div class=\"forum-reply-content\"><p>{text}</p></div></li>"
        )
    };
    let posts = [
        post("marla", "We just bought a small sloop with a two burner stove, and I wonder which kettle will not slide off the cooker when the boat heels in a breeze."),
        post("orrin", "Get a wide based stainless kettle with a low centre of gravity and a handle that locks upright, because it sits firmly in the pot clamps."),
        post("pell", "We tried a folding silicone kettle for two summers and it was fine, but the seam near the base started to leak after a cold winter."),
        post("marla", "Thank you both, I ordered the wide stainless one with the locking handle and will keep the old pot for washing water."),
    ]
    .concat();
    let thread = format!("<html><body><h1>Which kettle?</h1><ul>{posts}</ul></body></html>");
    let (page_type, evidence) = html_type(&thread);
    assert_eq!(page_type, PageType::Forum, "{evidence:?}");
    assert!(evidence[0].contains("reply containers"), "{evidence:?}");
    // The same replies under an article of its own are its comments.
    let article: String = (0..4)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of the article about galley kettles goes on at length, with \
                 clauses, commas and facts about stoves, pots, clamps and handles, and it ends \
                 with a full stop like every paragraph of an article does.</p>"
            )
        })
        .collect();
    let page = format!(
        "<html><body><article><h1>Galley kettles</h1>{article}</article><ul>{posts}</ul></body></html>"
    );
    assert_eq!(html_type(&page).0, PageType::Article);
}

/// A landing page of topic sections, each a short paragraph and a list of links: no section
/// holds much of the page.
fn sections_body() -> String {
    let mut body = String::new();
    for n in 1..=8 {
        body.push_str(&format!(
            "<section><h2>Topic {n}</h2><div><div><p>The harbour office answers questions on \
             tides, moorings and permits for topic {n}, by phone or at the desk.</p></div><ul>\
             <li><a href=\"/t{n}/a\">Opening hours of the harbour desk</a></li>\
             <li><a href=\"/t{n}/b\">Mooring permits and their fees</a></li>\
             <li><a href=\"/t{n}/c\">Tide tables for the coming month</a></li></ul></div></section>"
        ));
    }
    body
}

#[test]
fn a_page_declared_an_article_by_og_type_whose_main_region_holds_little_is_not_one() {
    let head = r#"<meta property="og:type" content="article">"#;
    let (found, evidence) = html_type(&page(head, &sections_body()));
    assert!(found.is_multi_region(), "{found:?} {evidence:?}");
    assert_eq!(evidence[0], "og:type article");
    // The same declaration on an article keeps it one.
    assert_type(html_type(&page(head, &article_body())), PageType::Article);
}

/// Five replies of a flattened thread, each about sixty words: no run of prose long enough to
/// be an article.
const REPLIES: [&str; 5] = [
    "I moored at the north pontoon last week and the depth at low water was fine for my boat, which draws just under two metres. The harbour staff were helpful, and the showers were clean. I would check the tide tables before you enter though, because the channel is narrow near the wall, I think.",
    "We had the opposite experience in August, when the pontoon was full and we were sent to the outer buoys for two nights. The launch service stopped at ten, which made dinner ashore awkward. Still, the staff were friendly, and they found us a berth inside on the third day of our stay, I think.",
    "Does anyone know whether the fuel berth is open on Sundays this season? Last year it closed at noon, and we had to wait until Monday morning before we could leave. The website does not say anything about it, and nobody answered the phone when I called the office on Friday afternoon, I think.",
    "It is open until four on Sundays now, according to the notice at the office door. They also take cards at the pump, which they did not last year. Arrive early if you can, because the queue of boats gets long after lunch, especially when the weather is good and the wind is light, I think.",
    "Thanks, that helps a lot. We will plan to leave on Saturday instead, and fill up on the way out. If the weather holds we should reach the island by the evening. I will post an update about the anchorage there, since a few people asked about it in the other thread last month, I think.",
];

#[test]
fn flattened_short_posts_under_dated_author_lines_make_a_forum() {
    let authors = ["Ann Lee", "Tom Berg", "Mia Ruiz", "Ann Lee", "Mia Ruiz"];
    let mut text = String::from("Harbour forum\n\nMooring at the north pontoon\n\n");
    for (n, (author, reply)) in authors.iter().zip(REPLIES).enumerate() {
        text.push_str(&format!("{author}, March {}, 2024\n\n{reply}\n\n", n + 3));
    }
    assert_type(text_type(&text), PageType::Forum);
    // The same replies run together as one long piece of prose stay an article.
    assert_type(text_type(&REPLIES.join("\n\n")), PageType::Article);
}

#[test]
fn og_type_product_group_is_a_collection_in_either_spelling() {
    for og in ["product.group", "product:group"] {
        let head = format!(r#"<meta property="og:type" content="{og}">"#);
        assert_type(
            html_type(&page(&head, &article_body())),
            PageType::Collection,
        );
    }
}

/// A grid of four tiles, each a short heading and a line of text.
fn tiles() -> String {
    let tiles = [
        (
            "Guided walks",
            "Two hours along the harbour wall with a keeper who knows its history",
        ),
        (
            "School visits",
            "Lessons on tides and weather for classes of up to thirty pupils",
        ),
        (
            "Boat trips",
            "An hour on the water to see the lighthouse and the seal colony",
        ),
        (
            "Private hire",
            "The old pilot house for meetings, birthdays and small weddings",
        ),
    ];
    let mut grid = String::from("<div class=\"tiles\">");
    for (heading, text) in tiles {
        grid.push_str(&format!(
            "<div class=\"tile\"><h3>{heading}</h3><p>{text}</p></div>"
        ));
    }
    grid.push_str("</div>");
    grid
}

#[test]
fn a_grid_of_heading_and_text_tiles_without_prose_is_not_an_article() {
    let body = format!(
        "<h1>Visit the harbour</h1><p>Open every day from April.</p>{}",
        tiles()
    );
    let (found, evidence) = html_type(&page("", &body));
    assert_eq!(found, PageType::Listing, "{evidence:?}");
    assert!(evidence[0].contains("sibling items"), "{evidence:?}");
    // The same grid under an article's prose leaves it an article.
    let body = format!("{}{}", article_body(), tiles());
    assert_type(html_type(&page("", &body)), PageType::Article);
}

#[test]
fn a_buy_button_and_a_price_without_prose_make_a_product() {
    let body = "<nav><a href=\"/\">Shop</a> <a href=\"/lamps\">Lamps</a></nav>\
        <div class=\"item\"><h1>Brass harbour lamp</h1><p class=\"price\">€89.00</p>\
        <ul><li>Solid brass, hand polished</li><li>Height 32 cm</li><li>E27 fitting</li></ul>\
        <p>Finish: Antique</p><button>Add to basket</button></div>";
    let (found, evidence) = html_type(&page("", body));
    assert_eq!(found, PageType::Product, "{evidence:?}");
    // The same facts under an article's prose leave it an article.
    let body = format!("{}{body}", article_body());
    assert_type(html_type(&page("", &body)), PageType::Article);
}

#[test]
fn flattened_text_whose_article_holds_little_is_several_regions() {
    let article = super::PageModel {
        page_type: PageType::Article,
        page_type_evidence: vec![super::detect::DEFAULT_EVIDENCE.into()],
    };
    let scattered = super::second_look(&article, true, 40, 1000, 0).expect("under a tenth");
    assert_eq!(scattered.page_type, PageType::Service);
    assert!(
        scattered.page_type_evidence[0].contains("4%"),
        "{scattered:?}"
    );
    // An article holding a fair share stays one; a type found by a rule is not looked at again.
    assert!(super::second_look(&article, true, 300, 1000, 0).is_none());
    assert!(super::second_look(&article, true, 0, 1000, 0).is_none());
    let forum = super::PageModel {
        page_type: PageType::Forum,
        page_type_evidence: vec!["12 posts".into()],
    };
    assert!(super::second_look(&forum, true, 40, 1000, 0).is_none());
}

#[test]
fn an_html_article_by_default_that_keeps_under_three_fifths_is_several_regions() {
    let article = super::PageModel {
        page_type: PageType::Article,
        page_type_evidence: vec![super::detect::DEFAULT_EVIDENCE.into()],
    };
    // Flattened text asks for under a tenth; HTML, whose outline was looked at first, under
    // three fifths.
    assert!(super::second_look(&article, true, 500, 1000, 0).is_none());
    let scattered = super::second_look(&article, false, 500, 1000, 0).expect("under 60%");
    assert_eq!(scattered.page_type, PageType::Service);
    assert!(super::second_look(&article, false, 700, 1000, 0).is_none());
    // …or when sections under the article's own heading level were left out after it.
    let sections = super::second_look(&article, false, 700, 1000, 45).expect("left out");
    assert_eq!(sections.page_type, PageType::Service);
    assert!(
        sections.page_type_evidence[0].contains("45 words"),
        "{sections:?}"
    );
    let declared = super::PageModel {
        page_type: PageType::Article,
        page_type_evidence: vec!["og:type article".into()],
    };
    assert!(super::second_look(&declared, false, 500, 1000, 0).is_none());
}

/// One text box of a page builder's grid, nested as such builders nest them.
fn grid_box(inner: &str) -> String {
    format!(
        "<div class='row'><div class='col'><div class='box'><div class='inner'><div \
         class='wrap'><div class='txt'>{inner}</div></div></div></div></div></div>"
    )
}

#[test]
fn an_html_page_whose_article_keeps_one_of_two_text_boxes_is_several_regions() {
    let why = [
        "A walk-in locker at the depot costs less per month than the power bill of a second freezer, and the generators keep it cold through any outage in the district.",
        "Lockers come in three sizes, from a single pallet bay to a full room, and you can move to a larger one whenever the season asks for it without a new contract.",
        "Every locker has its own keypad and its own log of door openings, so you always know who took what out and when they did it.",
        "Contracts run month to month, with no setup fee and no deposit, and you can leave at the end of any month after a short notice by mail.",
    ];
    let how = [
        "Drivers book a fifteen minute slot online, unload at the covered dock, and the depot staff move the pallets into your locker while the driver waits in the warm room.",
        "Night deliveries are possible for an extra fee, and the staff check the temperature of every pallet on arrival and note it in your log for your records.",
        "Returns go out the same way: book a slot, and the pallets are waiting at the dock when the truck arrives at the gate.",
    ];
    let paragraphs = |ps: &[&str]| ps.iter().map(|p| format!("<p>{p}</p>")).collect::<String>();
    let cards: String = [
        ("Pallet bay", "One chilled pallet, from 40 a month"),
        ("Half room", "Six pallets, chilled or frozen"),
        ("Full room", "Fourteen pallets with your own door"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (t, d))| format!("<a href='/l{i}'><h3>{t}</h3><p>{d}</p></a>"))
    .collect();
    let body = format!(
        "<header><nav><a href='/'>Home</a> <a href='/p'>Pricing</a></nav></header>\
         <div class='grid'>{}{}<div class='row'><div class='col'><div class='cards'>{cards}\
         <a href='/all'>See all locker sizes</a></div></div></div>{}</div>\
         <footer><p>(c) 2024 Depot</p></footer>",
        grid_box(
            "<h1>Cold Storage Lockers</h1><p>Chilled and frozen lockers for restaurants and \
             shops in town.</p>"
        ),
        grid_box(&format!("<h2>Why rent a locker?</h2>{}", paragraphs(&why))),
        grid_box(&format!("<h2>How deliveries work</h2>{}", paragraphs(&how))),
    );
    // The article judgement alone keeps the first box (55% of the words it judges by their
    // place) and drops the second: the page is a landing page's sections, and both stay.
    let cleaned = clean(page("", &body).as_bytes(), &Options::default()).unwrap();
    assert_type(
        (
            cleaned.page.page_type,
            cleaned.page.page_type_evidence.clone(),
        ),
        PageType::Service,
    );
    assert!(
        cleaned
            .blocks
            .iter()
            .any(|b| b.block.text.starts_with("Drivers book") && b.verdict.is_content())
    );
}
