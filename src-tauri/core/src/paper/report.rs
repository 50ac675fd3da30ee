//! The workshop report (帳票, issue 18): an A4 PDF a consultant hands the
//! client. The caller gives the words, tables and chart pictures (the same
//! plotters charts as the app, drawn to pixels); this lays them out in
//! sections that flow over pages: a heading is kept with what follows it, a
//! table that runs over a page repeats its header row, a picture never
//! straddles a page edge. Every page has a footer with the shop, the
//! analysis date and 「x / y」.
//!
//! Pure: texts and pixels in, bytes out.

use pdf_writer::{Content, Name};

use super::{Doc, Picture, MM};
use crate::error::Result;

/// The whole report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// The document title (cover, and the PDF's title).
    pub title: String,
    /// Cover lines under the title (shop, analysis date, made on, masking).
    pub cover: Vec<String>,
    /// Left part of every page's footer (shop · analysis date).
    pub footer: String,
    pub sections: Vec<Section>,
}

/// A heading and what follows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
    /// Start the section on a new page.
    pub new_page: bool,
}

/// One piece of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of body text.
    Text(String),
    /// A smaller, grey note.
    Note(String),
    /// A sub-heading.
    Subheading(String),
    /// Bullet points.
    Bullets(Vec<String>),
    /// A table: relative column widths, which columns are right-aligned
    /// (figures), a header row and the rows.
    Table {
        widths: Vec<f32>,
        right: Vec<bool>,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A picture at a share (0–1] of the text width, its aspect kept.
    Picture { picture: Picture, width: f32 },
}

/// Page geometry (pt).
const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 18.0 * MM;
const FOOTER: f32 = 12.0 * MM;
const BODY: f32 = 10.0;
const NOTE: f32 = 8.5;
const INK: (f32, f32, f32) = (0.15, 0.17, 0.2);
const MUTED: (f32, f32, f32) = (0.43, 0.46, 0.5);
const ACCENT: (f32, f32, f32) = (0.77, 0.28, 0.35);
const RULE: (f32, f32, f32) = (0.85, 0.86, 0.88);

/// Lays the report out: the PDF's bytes and its number of pages.
pub fn report_pdf(report: &Report) -> Result<(Vec<u8>, u32)> {
    let mut w = Writer::new()?;
    w.cover(report);
    for section in &report.sections {
        w.section(section);
    }
    w.finish(&report.title, &report.footer)
}

struct Writer {
    doc: Doc,
    pages: Vec<Content>,
    content: Content,
    /// The baseline cursor (pt from the bottom).
    y: f32,
    width: f32,
}

impl Writer {
    fn new() -> Result<Writer> {
        let doc = Doc::new(PAGE_W, PAGE_H)?;
        let width = doc.size.0 - 2.0 * MARGIN;
        let y = doc.size.1 - MARGIN;
        Ok(Writer {
            doc,
            pages: Vec::new(),
            content: Content::new(),
            y,
            width,
        })
    }

    fn top(&self) -> f32 {
        self.doc.size.1 - MARGIN
    }

    fn bottom(&self) -> f32 {
        MARGIN + FOOTER
    }

    fn new_page(&mut self) {
        let done = std::mem::replace(&mut self.content, Content::new());
        self.pages.push(done);
        self.y = self.top();
    }

    /// Starts a new page unless `height` fits below the cursor.
    fn room(&mut self, height: f32) {
        if self.y - height < self.bottom() && self.y < self.top() {
            self.new_page();
        }
    }

    fn color(&mut self, (r, g, b): (f32, f32, f32)) {
        self.content.set_fill_rgb(r, g, b);
    }

    fn text_at(&mut self, x: f32, y: f32, size: f32, text: &str) {
        self.doc.text(&mut self.content, x, y, size, text);
    }

    /// Wrapped lines at `size`, each `lead` apart.
    fn lines(&mut self, text: &str, x: f32, width: f32, size: f32, lead: f32) {
        for line in self.doc.font.wrap(text, width, size) {
            self.room(lead);
            self.y -= lead;
            self.text_at(x, self.y, size, &line);
        }
    }

    fn rule(&mut self, y: f32, color: (f32, f32, f32), width: f32) {
        let (r, g, b) = color;
        self.content
            .set_stroke_rgb(r, g, b)
            .set_line_width(width)
            .move_to(MARGIN, y)
            .line_to(MARGIN + self.width, y)
            .stroke();
    }

    /// The title and the cover lines at the top of the first page; the
    /// first section follows on the same page.
    fn cover(&mut self, report: &Report) {
        self.y = self.top() - 14.0 * MM;
        self.color(ACCENT);
        let size = self.doc.font.fitting(&report.title, self.width, 26.0, 14.0);
        self.text_at(MARGIN, self.y, size, &report.title);
        self.y -= 10.0;
        self.rule(self.y, ACCENT, 1.5);
        self.y -= 14.0;
        self.color(INK);
        for line in &report.cover {
            self.y -= 20.0;
            let size = self.doc.font.fitting(line, self.width, 13.0, 9.0);
            self.text_at(MARGIN, self.y, size, line);
        }
        self.y -= 10.0 * MM;
    }

    fn section(&mut self, section: &Section) {
        if section.new_page && self.y < self.top() {
            self.new_page();
        }
        // A heading keeps at least a few lines below it on its page.
        self.room(16.0 + 14.0 + 5.0 * (BODY + 5.0));
        if self.y < self.top() {
            self.y -= 14.0;
        }
        self.y -= 16.0;
        self.color(INK);
        self.text_at(MARGIN, self.y, 14.0, &section.heading);
        self.y -= 6.0;
        self.rule(self.y, ACCENT, 0.8);
        self.y -= 4.0;
        for block in &section.blocks {
            self.block(block);
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Text(text) => {
                self.color(INK);
                self.lines(text, MARGIN, self.width, BODY, BODY + 5.0);
                self.y -= 4.0;
            }
            Block::Note(text) => {
                self.color(MUTED);
                self.lines(text, MARGIN, self.width, NOTE, NOTE + 4.0);
                self.y -= 4.0;
                self.color(INK);
            }
            Block::Subheading(text) => {
                self.room(BODY + 8.0 + 3.0 * (BODY + 5.0));
                self.y -= 8.0;
                self.color(INK);
                self.lines(text, MARGIN, self.width, 11.0, 15.0);
            }
            Block::Bullets(items) => {
                self.color(INK);
                let indent = 4.0 * MM;
                for item in items {
                    self.room(BODY + 5.0);
                    let y = self.y - (BODY + 5.0);
                    self.text_at(MARGIN + 1.0 * MM, y, BODY, "・");
                    self.lines(item, MARGIN + indent, self.width - indent, BODY, BODY + 5.0);
                }
                self.y -= 4.0;
            }
            Block::Table {
                widths,
                right,
                header,
                rows,
            } => self.table(widths, right, header, rows),
            Block::Picture { picture, width } => {
                let w = self.width * width.clamp(0.1, 1.0);
                let h = w * picture.height as f32 / picture.width.max(1) as f32;
                let h = h.min(self.top() - self.bottom());
                self.room(h + 6.0);
                self.y -= h + 6.0;
                let name = self.doc.add_picture(picture.clone());
                let x = MARGIN + (self.width - w) / 2.0;
                self.content
                    .save_state()
                    .transform([w, 0.0, 0.0, h, x, self.y])
                    .x_object(Name(&name))
                    .restore_state();
                self.y -= 4.0;
            }
        }
    }

    fn table(&mut self, widths: &[f32], right: &[bool], header: &[String], rows: &[Vec<String>]) {
        let total: f32 = widths.iter().sum::<f32>().max(f32::EPSILON);
        let cols: Vec<f32> = widths.iter().map(|w| w / total * self.width).collect();
        let pad = 2.0 * MM;
        let size = 9.0;
        let lead = size + 7.0;
        let draw_row = |w: &mut Writer, cells: &[String], bold: bool| {
            // Each cell on one line, made smaller to fit its column.
            w.y -= lead;
            let mut x = MARGIN;
            for (i, col) in cols.iter().enumerate() {
                let text = cells.get(i).map(String::as_str).unwrap_or("");
                let s = w.doc.font.fitting(text, col - 2.0 * pad, size, 5.5);
                let tw = w.doc.font.width(text, s);
                let at = if right.get(i).copied().unwrap_or(false) {
                    x + col - pad - tw
                } else {
                    x + pad
                };
                w.color(if bold { MUTED } else { INK });
                w.text_at(at, w.y + 4.0, s, text);
                x += col;
            }
            w.rule(w.y, RULE, 0.5);
        };
        self.room(lead * 3.0);
        self.y -= 2.0;
        draw_row(self, header, true);
        for row in rows {
            if self.y - lead < self.bottom() {
                self.new_page();
                draw_row(self, header, true);
            }
            draw_row(self, row, false);
        }
        self.color(INK);
        self.y -= 6.0;
    }

    fn finish(mut self, title: &str, footer: &str) -> Result<(Vec<u8>, u32)> {
        if self.y < self.top() || self.pages.is_empty() {
            self.new_page();
        }
        let n = self.pages.len();
        let pages = std::mem::take(&mut self.pages);
        for (i, mut content) in pages.into_iter().enumerate() {
            let (r, g, b) = MUTED;
            content.set_fill_rgb(r, g, b);
            let y = MARGIN - 2.0;
            self.doc.text(&mut content, MARGIN, y, 8.0, footer);
            let page = format!("{} / {}", i + 1, n);
            let w = self.doc.font.width(&page, 8.0);
            self.doc
                .text(&mut content, self.doc.size.0 - MARGIN - w, y, 8.0, &page);
            self.doc.push_page(content);
        }
        Ok((self.doc.finish(title)?, n as u32))
    }
}
