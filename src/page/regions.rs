//! The content regions of a page that is not one article: its main column, and which debris
//! marks still hold inside it for the page's type.
//!
//! An article's region is the walk's own (the container with the most prose, see
//! [`crate::segment::html`]). A thread, a listing, a landing page hold their content in many
//! containers side by side — posts, items, sections — so the region is the **main column**: the
//! page's declared `<main>` when it holds a fair share of the text, else the element reached by
//! going down from the document while one child holds most of the text (header, menus, sidebars
//! and footer fall away; the column's many units stay together). Marks that name the units of
//! the type (`comment`, `reply` on the posts of a thread) are not debris there.

use super::PageType;
use crate::block::{Block, BlockKind, Category};
use crate::segment::html::Outline;

/// Going down from the document, the column moves into a child holding at least this share of
/// the current element's text outside debris containers (measured on the WCXB dev set: lower
/// shares drop a thread's other posts when one post is long, higher ones keep sidebars).
const COLUMN_SHARE: f32 = 0.8;
/// On a listing or a collection a linked block of at least this many words is an item's title
/// or snippet, and its text counts when the column is sought (menu entries are shorter; the
/// bound of the classifier's linked item titles. Measured on WCXB dev with the type forced:
/// listing 0.705 → 0.728, collection 0.674 → 0.681; 2 words 0.728 and 0.681, 4 words 0.720
/// and 0.675, every linked block 0.728 and 0.678).
const LINKED_ITEM_WORDS: usize = 3;
/// A declared `<main>` is the column when it holds at least this share of that text.
const MAIN_SHARE: f32 = 0.3;
/// A marked container holding more than this share of the column's text is a wrapper of the
/// content, not a widget inside it.
const MAX_WIDGET_SHARE: f32 = 0.5;
/// A marked container around the page's headline holding more than this share of the whole
/// page's text is a wrapper of the content when the column is sought (measured on WCXB dev
/// with the type forced: forum 0.752 → 0.776, collection 0.659 → 0.673, product and service
/// +0.001; listing −0.005 and documentation −0.010, where it does not apply). A form counts
/// when it holds that share, whether or not it holds the headline (forum 0.763 → 0.776,
/// collection 0.676 → 0.673).
const MAX_WRAPPER_SHARE: f32 = 0.5;

/// Whether a container mark of `category` (from `token`) names debris on a page of
/// `page_type`: on a thread the posts themselves are marked `comment`/`reply`, on a product
/// page its reviews, on a landing page its testimonials, on a listing or a landing page its
/// cards `teaser`/`related` (all content in the WCXB annotations; an `<aside>` stays a
/// sidebar).
fn is_debris_mark(category: Category, token: &str, page_type: PageType) -> bool {
    let units = match page_type {
        PageType::Forum | PageType::Product => category == Category::Comments,
        // A landing page's testimonials and reviews.
        PageType::Service if category == Category::Comments => true,
        PageType::Listing | PageType::Collection | PageType::Service => {
            category == Category::Related && !token.starts_with('<')
        }
        _ => false,
    };
    !units
}

/// Sets each block's `in_main` (inside the main column or not) and `debris_container` (the
/// innermost mark that is debris for `page_type`) for a page that is not one article. Blocks
/// and `outline.owner` are parallel; linear in elements and blocks.
pub fn apply(outline: &Outline, blocks: &mut [Block], page_type: PageType) {
    let n = outline.parent.len();
    if n == 0 || blocks.len() != outline.owner.len() {
        return;
    }
    let debris = |m: usize| {
        outline.mark[m]
            .as_ref()
            .is_some_and(|(c, token)| is_debris_mark(*c, token, page_type))
    };
    // Unlinked text per element: all of it, and that outside debris containers. (A listing's
    // or a grid's items are links, title and snippet alike: there all text counts.)
    let linked_items = matches!(page_type, PageType::Listing | PageType::Collection);
    let chars: Vec<f32> = blocks
        .iter()
        .map(|block| {
            let item = linked_items
                && block
                    .text
                    .split_whitespace()
                    .nth(LINKED_ITEM_WORDS - 1)
                    .is_some();
            let links = if item { 0 } else { block.markup.link_chars };
            block.text.chars().count().saturating_sub(links) as f32
        })
        .collect();
    let mut text = vec![0.0f32; n];
    for (b, &c) in chars.iter().enumerate() {
        text[outline.owner[b]] += c;
    }
    for i in (1..n).rev() {
        if let Some(p) = outline.parent[i] {
            text[p] += text[i];
        }
    }
    // A marked container around the page's headline that holds most of its text wraps the
    // content (a layout class naming its sidebar, `p-body-main--withSidebar`), and so does a
    // form holding most of it (a thread's moderation form around its posts): it does not take
    // its text out of the column's reach. (A cookie banner may hold most of a page's unlinked
    // text too, but it is no form and does not hold the headline.)
    let page_text = text[0];
    let mut around_headline = vec![false; n];
    if let Some(h) = blocks
        .iter()
        .position(|b| matches!(b.kind, BlockKind::Heading { level: 1 }))
    {
        let mut up = Some(outline.owner[h]);
        while let Some(a) = up {
            around_headline[a] = true;
            up = outline.parent[a];
        }
    }
    // (Not on a listing, whose linked items leave its filters most of the unlinked text, nor
    // on documentation, whose sidebar tree is the big marked container: both lose.)
    let wrappers = !matches!(page_type, PageType::Listing | PageType::Documentation);
    let form = |m: usize| {
        outline.mark[m]
            .as_ref()
            .is_some_and(|(_, t)| &**t == "<form>")
    };
    let wrapper = |m: usize| {
        wrappers && (around_headline[m] || form(m)) && text[m] > MAX_WRAPPER_SHARE * page_text
    };
    let mut clean = vec![0.0f32; n];
    for (b, &c) in chars.iter().enumerate() {
        let widget = |m: usize| debris(m) && !wrapper(m);
        if !outline.marks[b].iter().any(|&m| widget(m)) {
            clean[outline.owner[b]] += c;
        }
    }
    for i in (1..n).rev() {
        if let Some(p) = outline.parent[i] {
            clean[p] += clean[i];
        }
    }
    let column = column(outline, &clean);
    // Elements inside the column, and those around it.
    let mut inside = vec![false; n];
    inside[column] = true;
    for i in column + 1..n {
        if let Some(p) = outline.parent[i] {
            inside[i] = inside[p];
        }
    }
    let mut around = vec![false; n];
    let mut up = outline.parent[column];
    while let Some(a) = up {
        around[a] = true;
        up = outline.parent[a];
    }
    let column_text = text[column].max(1.0);
    for (b, block) in blocks.iter_mut().enumerate() {
        let safe = outline.marks[b].iter().copied().find(|&m| {
            debris(m) && m != column && !around[m] && text[m] <= MAX_WIDGET_SHARE * column_text
        });
        block.markup.debris_container = safe.and_then(|m| outline.mark[m].clone());
        block.markup.in_main = Some(inside[outline.owner[b]]);
    }
}

/// The main column: a declared `<main>` holding a fair share of the clean text, else the
/// element reached going down from the document while one child holds most of it.
fn column(outline: &Outline, clean: &[f32]) -> usize {
    let n = outline.parent.len();
    let total = clean[0].max(1.0);
    if let Some(main) = (1..n)
        .filter(|&i| outline.main[i] && clean[i] >= MAIN_SHARE * total)
        .max_by(|&a, &b| clean[a].total_cmp(&clean[b]))
    {
        return main;
    }
    // The heaviest child of each element.
    let mut heaviest: Vec<Option<usize>> = vec![None; n];
    for i in 1..n {
        if let Some(p) = outline.parent[i] {
            if heaviest[p].is_none_or(|h| clean[i] > clean[h]) {
                heaviest[p] = Some(i);
            }
        }
    }
    let mut at = 0;
    while let Some(child) = heaviest[at] {
        if clean[child] < COLUMN_SHARE * clean[at] {
            break;
        }
        at = child;
    }
    at
}

#[cfg(test)]
mod tests {
    use crate::{Options, PageType, clean};

    #[test]
    fn a_listing_whose_cards_are_links_keeps_its_cards() {
        let card = |title: &str, snippet: &str| {
            format!("<div class=\"card\"><a href=\"/s\"><h3>{title}</h3><p>{snippet}</p></a></div>")
        };
        let html = format!(
            "<html><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
             <div class=\"page\"><div class=\"intro\"><h1>Car rental news</h1><p>Stay up to \
             date with our reporting on car rentals.</p></div><div class=\"grid\">{}{}{}</div>\
             </div></body></html>",
            card(
                "Renting a car could lead to your arrest",
                "Police drew their guns on a customer who had rented a car in the city."
            ),
            card(
                "What to know about the app behind the rentals",
                "The company lets owners rent out their own cars to strangers by the day."
            ),
            card(
                "Rental prices climb again before the summer",
                "A shortage of cars pushes the price of a week's rental past last year's."
            ),
        );
        let options = Options {
            page_type: Some(PageType::Listing),
            ..Options::default()
        };
        let text = clean(html.as_bytes(), &options).unwrap().text();
        for words in [
            "could lead to your arrest",
            "strangers by the day",
            "past last year",
        ] {
            assert!(text.contains(words), "{words} missing from {text}");
        }
    }

    #[test]
    fn a_layout_class_naming_the_sidebar_around_the_headline_does_not_hide_the_thread() {
        let post = |text: &str| format!("<div class=\"message\"><p>{text}</p></div>");
        let posts = [
            post(
                "I am buying my first rope for the gym and for easy routes outside, and I \
                 wonder whether a thicker one lasts longer than a thin one.",
            ),
            post(
                "A thicker rope lasts longer and is easier to hold, so take one of ten \
                 millimetres for the first years of climbing.",
            ),
            post("Agreed, and wash it now and then in cold water without any soap at all."),
        ]
        .concat();
        let html = format!(
            "<html><body><div class=\"page-main--withSidebar\"><h1>Which rope for a first \
             rack?</h1>{posts}</div><div class=\"promo\"><p>Our shop sells ropes, harnesses \
             and shoes, and ships them within two days to most countries of Europe.</p></div>\
             </body></html>",
        );
        let options = Options {
            page_type: Some(PageType::Forum),
            ..Options::default()
        };
        let text = clean(html.as_bytes(), &options).unwrap().text();
        for words in ["wonder whether", "easier to hold", "without any soap"] {
            assert!(text.contains(words), "{words} missing from {text}");
        }
        assert!(!text.contains("ships them"), "{text}");
        // The same thread with its posts in a moderation form beside the title bar.
        let html = format!(
            "<html><body><div class=\"page\"><div class=\"titleBar\"><h1>Which rope for a \
             first rack?</h1><p>Discussion started by ann in Gear talk, May 3.</p></div>\
             <form action=\"/inline-mod\">{posts}</form></div><footer><p>Our shop ships \
             within two days.</p></footer></body></html>",
        );
        let text = clean(html.as_bytes(), &options).unwrap().text();
        for words in ["wonder whether", "easier to hold", "without any soap"] {
            assert!(text.contains(words), "{words} missing from {text}");
        }
    }
}
