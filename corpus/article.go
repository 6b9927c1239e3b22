package corpus

import "time"

// Article is one news article as loaded from the corpus. Text is the
// original text exactly as read (after UTF-8 validation); every offset in
// the project (paragraphs, facts, evidence) is a byte offset into Text, so a
// quote cut with Text[start:end] is always verbatim.
type Article struct {
	ID     string
	Title  string
	Outlet string
	// Date is the publication date; the zero time means unknown.
	Date time.Time
	URL  string
	// Author is the byline when the source gives one (front matter only).
	Author string
	// Path is where the article was read from: a file path, or
	// "file.jsonl#12" for line 12 of a JSONL file.
	Path       string
	Text       string
	Paragraphs []Paragraph
	// Hash is a hex digest of everything that affects indexing (metadata
	// and text), so an unchanged article is never indexed again.
	Hash string
}

// ParagraphKind tells body text apart from the furniture scraped along with it.
type ParagraphKind int

const (
	Body    ParagraphKind = iota // running text of the article
	Heading                      // a section heading: "Panic in Aleppo", "- Tanks seized -"
	Credit                       // a photo credit or "Also Read" link: never a source of facts
)

func (k ParagraphKind) String() string {
	switch k {
	case Heading:
		return "heading"
	case Credit:
		return "credit"
	default:
		return "body"
	}
}

// Paragraph is a span of Article.Text. Text[Start:End] is the paragraph,
// trimmed of surrounding white space.
type Paragraph struct {
	Start, End int
	Kind       ParagraphKind
}

// DateString is the article's date as YYYY-MM-DD, or "" when unknown.
func (a *Article) DateString() string {
	if a.Date.IsZero() {
		return ""
	}
	return a.Date.Format("2006-01-02")
}

// ParagraphText returns the text of paragraph i.
func (a *Article) ParagraphText(i int) string {
	p := a.Paragraphs[i]
	return a.Text[p.Start:p.End]
}
