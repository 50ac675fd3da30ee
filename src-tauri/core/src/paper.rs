//! Paper (issue 16): address labels and お礼状 postcards as PDF, drawn with
//! the bundled IPAex Gothic, embedded as a subset of the glyphs used (a CID
//! font with a ToUnicode map, so readers can search and copy the text).
//!
//! - **Labels**: A4, 12 per sheet (2 × 6) of 86.4 × 42.3 mm, the common
//!   Japanese label sheet (A-one 28185 and its peers: 18.6 mm side and 21.6 mm
//!   top margins, no gaps). 〒 and postal code first, the address, the
//!   building, then the name with 様, larger.
//! - **Postcards**: 100 × 148 mm (官製はがき), the message side: the name with
//!   様, then the message, wrapped (kinsoku: no line starts with 、。」…).
//!
//! Text that does not fit is made smaller down to a floor, then wrapped.
//! Pure: the caller gives the texts and gets the bytes.

use std::collections::HashMap;
use std::io::Write as _;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::error::{Error, Result};

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;

/// One address label.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabelText {
    /// `123-4567`.
    pub postal_code: String,
    /// 都道府県 + 市区町村 + 番地.
    pub address: String,
    /// 建物 (may be empty).
    pub building: String,
    /// The name, without 様.
    pub name: String,
}

/// One お礼状 postcard.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PostcardText {
    /// The name, without 様.
    pub name: String,
    /// The message; `\n` starts a new paragraph.
    pub message: String,
}

/// The label sheet's geometry (mm).
pub mod sheet {
    /// A4.
    pub const PAGE_W: f32 = 210.0;
    pub const PAGE_H: f32 = 297.0;
    pub const COLUMNS: usize = 2;
    pub const ROWS: usize = 6;
    pub const PER_PAGE: usize = COLUMNS * ROWS;
    pub const LABEL_W: f32 = 86.4;
    pub const LABEL_H: f32 = 42.3;
    pub const LEFT: f32 = (PAGE_W - LABEL_W * COLUMNS as f32) / 2.0;
    pub const TOP: f32 = (PAGE_H - LABEL_H * ROWS as f32) / 2.0;
    /// A postcard (mm).
    pub const CARD_W: f32 = 100.0;
    pub const CARD_H: f32 = 148.0;
}

/// Characters a line must not start with (行頭禁則).
const NO_LINE_START: &str =
    "、。，．・：；？！ー」』）】〕〉》’”々ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.!?)]}";

/// The bundled font, measured and subset as the document uses it.
struct Font {
    face: ttf_parser::Face<'static>,
    units: f32,
    remapper: subsetter::GlyphRemapper,
    /// char → (new glyph id, advance in font units).
    glyphs: HashMap<char, (u16, u16)>,
    /// new glyph id → char (for ToUnicode).
    chars: Vec<(u16, char)>,
}

impl Font {
    fn new() -> Result<Font> {
        let face = ttf_parser::Face::parse(crate::chart::FONT_BYTES, 0)
            .map_err(|_| Error::Chart("the bundled font could not be read".into()))?;
        let units = f32::from(face.units_per_em());
        Ok(Font {
            face,
            units,
            remapper: subsetter::GlyphRemapper::new(),
            glyphs: HashMap::new(),
            chars: Vec::new(),
        })
    }

    fn glyph(&mut self, ch: char) -> (u16, u16) {
        if let Some(&g) = self.glyphs.get(&ch) {
            return g;
        }
        // Characters the font lacks print as its blank .notdef.
        let old = self.face.glyph_index(ch).map_or(0, |g| g.0);
        let advance = self
            .face
            .glyph_hor_advance(ttf_parser::GlyphId(old))
            .unwrap_or(0);
        let new = self.remapper.remap(old);
        if old != 0 {
            self.chars.push((new, ch));
        }
        self.glyphs.insert(ch, (new, advance));
        (new, advance)
    }

    /// The width of `text` at `size` (pt).
    fn width(&mut self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.glyph(c).1)).sum();
        units as f32 / self.units * size
    }

    /// `text` as the content stream's 2-byte glyph ids.
    fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            out.extend_from_slice(&self.glyph(c).0.to_be_bytes());
        }
        out
    }

    /// The largest size from `size` down to `floor` (by 0.5 pt) at which
    /// `text` fits `width`, or `floor`.
    fn fitting(&mut self, text: &str, width: f32, size: f32, floor: f32) -> f32 {
        let natural = self.width(text, 1.0);
        if natural <= 0.0 {
            return size;
        }
        let fits = (width / natural).min(size);
        if fits >= floor {
            (fits * 2.0).floor() / 2.0
        } else {
            floor
        }
    }

    /// `text` as lines of one size: on one line at the largest size from
    /// `size` down to `floor` that fits; else wrapped at `floor` (at most two
    /// lines), or a point smaller in as many lines as it takes.
    fn block(&mut self, text: &str, width: f32, size: f32, floor: f32) -> Vec<(f32, String)> {
        if text.is_empty() {
            return Vec::new();
        }
        let fit = self.fitting(text, width, size, floor);
        if self.width(text, fit) <= width {
            return vec![(fit, text.to_string())];
        }
        let mut lines = self.wrap(text, width, floor);
        let mut size = floor;
        if lines.len() > 2 {
            size = floor - 1.0;
            lines = self.wrap(text, width, size);
        }
        lines.into_iter().map(|l| (size, l)).collect()
    }

    /// `text` broken into lines no wider than `width` at `size`, breaking
    /// between any two characters (Japanese) but never before a character
    /// that must not start a line; a paragraph per `\n`.
    fn wrap(&mut self, text: &str, width: f32, size: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let paragraph = paragraph.trim_end();
            if paragraph.is_empty() {
                lines.push(String::new());
                continue;
            }
            let mut line = String::new();
            let mut used = 0.0;
            for c in paragraph.chars() {
                let w = f32::from(self.glyph(c).1) / self.units * size;
                if used + w > width && !line.is_empty() && !NO_LINE_START.contains(c) {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                    if c == ' ' || c == '\u{3000}' {
                        continue;
                    }
                }
                line.push(c);
                used += w;
            }
            lines.push(line);
        }
        lines
    }
}

/// A picture for a page: 8-bit RGB pixels, row by row (a chart drawn by
/// plotters' bitmap backend).
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
}

/// A document being drawn: pages of content in one font, and pictures any
/// page may show (`/Im0`, `/Im1` … in the order they were added).
struct Doc {
    font: Font,
    /// Page size (pt).
    size: (f32, f32),
    pages: Vec<Vec<u8>>,
    pictures: Vec<Picture>,
}

const FONT_NAME: Name<'static> = Name(b"F1");

impl Doc {
    fn new(width_mm: f32, height_mm: f32) -> Result<Doc> {
        Ok(Doc {
            font: Font::new()?,
            size: (width_mm * MM, height_mm * MM),
            pages: Vec::new(),
            pictures: Vec::new(),
        })
    }

    /// Draws `text` with its baseline at (`x`, `y`) pt from the bottom left.
    fn text(&mut self, content: &mut Content, x: f32, y: f32, size: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        let bytes = self.font.encode(text);
        content
            .begin_text()
            .set_font(FONT_NAME, size)
            .set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y])
            .show(Str(&bytes))
            .end_text();
    }

    /// Adds a picture; returns its resource name.
    fn add_picture(&mut self, picture: Picture) -> Vec<u8> {
        self.pictures.push(picture);
        format!("Im{}", self.pictures.len() - 1).into_bytes()
    }

    fn push_page(&mut self, content: Content) {
        self.pages.push(content.finish().into_vec());
    }

    /// The whole file: pages, then the font subset with its widths and
    /// ToUnicode map.
    fn finish(self, title: &str) -> Result<Vec<u8>> {
        let Doc {
            font,
            size,
            pages,
            pictures,
        } = self;
        let mut pdf = Pdf::new();
        let mut next = 1;
        let mut alloc = || {
            let r = Ref::new(next);
            next += 1;
            r
        };
        let catalog = alloc();
        let tree = alloc();
        let info = alloc();
        let type0 = alloc();
        let cid = alloc();
        let descriptor = alloc();
        let file = alloc();
        let cmap = alloc();
        pdf.catalog(catalog).pages(tree);
        pdf.document_info(info)
            .title(TextStr(title))
            .producer(TextStr("Horetsu"));
        let picture_refs: Vec<Ref> = pictures.iter().map(|_| alloc()).collect();
        for (picture, &id) in pictures.iter().zip(&picture_refs) {
            let packed = deflate(&picture.rgb)?;
            let mut image = pdf.image_xobject(id, &packed);
            image.filter(Filter::FlateDecode);
            image.width(picture.width as i32);
            image.height(picture.height as i32);
            image.color_space().device_rgb();
            image.bits_per_component(8);
        }
        let picture_names: Vec<Vec<u8>> = (0..pictures.len())
            .map(|i| format!("Im{i}").into_bytes())
            .collect();
        let mut kids = Vec::with_capacity(pages.len());
        for stream in &pages {
            let page = alloc();
            let contents = alloc();
            kids.push(page);
            let mut p = pdf.page(page);
            p.media_box(Rect::new(0.0, 0.0, size.0, size.1))
                .parent(tree)
                .contents(contents);
            let mut resources = p.resources();
            resources.fonts().pair(FONT_NAME, type0);
            if !picture_refs.is_empty() {
                let mut objects = resources.x_objects();
                for (name, &id) in picture_names.iter().zip(&picture_refs) {
                    objects.pair(Name(name), id);
                }
            }
            resources.finish();
            p.finish();
            let packed = deflate(stream)?;
            pdf.stream(contents, &packed).filter(Filter::FlateDecode);
        }
        pdf.pages(tree)
            .kids(kids.iter().copied())
            .count(kids.len() as i32);

        // The font: the subset, its widths by new glyph id, ToUnicode.
        let base = Name(b"HRTSUB+IPAexGothic");
        let subset = subsetter::subset(crate::chart::FONT_BYTES, 0, &font.remapper)
            .map_err(|e| Error::Chart(format!("the font could not be subset: {e:?}")))?;
        let scale = 1000.0 / font.units;
        let widths: Vec<f32> = font
            .remapper
            .remapped_gids()
            .map(|old| {
                font.face
                    .glyph_hor_advance(ttf_parser::GlyphId(old))
                    .map_or(0.0, |a| f32::from(a) * scale)
            })
            .collect();
        let system = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };
        pdf.type0_font(type0)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(cmap);
        pdf.cid_font(cid)
            .subtype(CidFontType::Type2)
            .base_font(base)
            .system_info(system)
            .font_descriptor(descriptor)
            .default_width(1000.0)
            .cid_to_gid_map_predefined(Name(b"Identity"))
            .widths()
            .consecutive(0, widths);
        let bbox = font.face.global_bounding_box();
        pdf.font_descriptor(descriptor)
            .name(base)
            .flags(FontFlags::SYMBOLIC)
            .bbox(Rect::new(
                f32::from(bbox.x_min) * scale,
                f32::from(bbox.y_min) * scale,
                f32::from(bbox.x_max) * scale,
                f32::from(bbox.y_max) * scale,
            ))
            .italic_angle(0.0)
            .ascent(f32::from(font.face.ascender()) * scale)
            .descent(f32::from(font.face.descender()) * scale)
            .cap_height(
                f32::from(font.face.capital_height().unwrap_or(font.face.ascender())) * scale,
            )
            .stem_v(80.0)
            .font_file2(file);
        let packed = deflate(&subset)?;
        pdf.stream(file, &packed)
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), subset.len() as i32);
        let mut unicode = UnicodeCmap::new(Name(b"Horetsu-UTF16"), system);
        for &(gid, ch) in &font.chars {
            unicode.pair(gid, ch);
        }
        let unicode = unicode.finish();
        pdf.cmap(cmap, unicode.as_slice());
        Ok(pdf.finish())
    }
}

fn deflate(data: &[u8]) -> Result<Vec<u8>> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    z.write_all(data)
        .and_then(|()| z.finish())
        .map_err(|e| Error::Chart(format!("the PDF could not be packed: {e}")))
}

/// Address labels: ceil(n / 12) A4 pages (one blank-free page for none).
pub fn labels_pdf(labels: &[LabelText], title: &str) -> Result<Vec<u8>> {
    use sheet::*;
    let mut doc = Doc::new(PAGE_W, PAGE_H)?;
    let page_h = PAGE_H * MM;
    let pad_x = 6.0 * MM;
    let inner = (LABEL_W - 12.0) * MM;
    for chunk in labels.chunks(PER_PAGE) {
        let mut content = Content::new();
        for (i, label) in chunk.iter().enumerate() {
            let (row, col) = (i / COLUMNS, i % COLUMNS);
            let left = (LEFT + col as f32 * LABEL_W) * MM + pad_x;
            let top = page_h - (TOP + row as f32 * LABEL_H) * MM;
            let bottom = top - LABEL_H * MM;
            let mut y = top - 5.0 * MM - 9.0;
            if !label.postal_code.is_empty() {
                doc.text(
                    &mut content,
                    left,
                    y,
                    10.0,
                    &format!("〒{}", label.postal_code),
                );
            }
            y -= 14.0;
            // The address, then the building: smaller to fit, then wrapped.
            for (text, size, floor) in [(&label.address, 10.0, 8.0), (&label.building, 9.0, 7.0)] {
                for (size, line) in doc.font.block(text, inner, size, floor) {
                    doc.text(&mut content, left, y, size, &line);
                    y -= size + 2.5;
                }
            }
            // The name with 様, larger, at the foot of the label.
            let name = format!("{}　様", label.name.trim());
            let indent = 4.0 * MM;
            let size = doc.font.fitting(&name, inner - indent, 14.0, 9.0);
            doc.text(&mut content, left + indent, bottom + 6.5 * MM, size, &name);
        }
        doc.push_page(content);
    }
    if doc.pages.is_empty() {
        doc.push_page(Content::new());
    }
    doc.finish(title)
}

/// お礼状 postcards: one 100 × 148 mm page per card.
pub fn postcards_pdf(cards: &[PostcardText], title: &str) -> Result<Vec<u8>> {
    use sheet::*;
    let mut doc = Doc::new(CARD_W, CARD_H)?;
    let (_, page_h) = doc.size;
    let margin = 12.0 * MM;
    let inner = (CARD_W - 24.0) * MM;
    for card in cards {
        let mut content = Content::new();
        let name = format!("{}　様", card.name.trim());
        let size = doc.font.fitting(&name, inner, 15.0, 10.0);
        let mut y = page_h - 16.0 * MM - size;
        doc.text(&mut content, margin, y, size, &name);
        y -= 16.0 * MM;
        let body = 11.0;
        let lead = 20.0;
        for line in doc.font.wrap(&card.message, inner, body) {
            if y < 12.0 * MM {
                break;
            }
            doc.text(&mut content, margin, y, body, &line);
            y -= lead;
        }
        doc.push_page(content);
    }
    if doc.pages.is_empty() {
        doc.push_page(Content::new());
    }
    doc.finish(title)
}

pub mod report;

#[cfg(test)]
mod tests;
