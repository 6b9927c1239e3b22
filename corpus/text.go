package corpus

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// bom is the UTF-8 byte order mark some editors put at the start of a file.
// It stays in Text (Text is verbatim) but paragraphs start after it.
const bom = "\uFEFF"

// leadingDate is the sample format's " date YYYY-MM-DD " prefix.
var leadingDate = regexp.MustCompile(`^\s*date (\d{4}-\d{2}-\d{2})\s+`)

// creditRE matches photo credits and "Also Read" links scraped with the text.
// The link prefixes need a separator (":" or "|") because "Related" or "See
// also" can open a real sentence, and a credit paragraph is never mined for
// facts: a false credit loses quotes, a false body only adds noise.
var creditRE = regexp.MustCompile(`(?i)^(also read|read also|read more|see also|related( stories| articles| content)?|more on this)\s*[:|]|^also read\b|^\s*(photo|image|picture|video)( credit)?s?\s*:|\b(photo|image|picture|video)( credit)?s?\s*:\s*\S+(\s+\S+){0,3}\s*$`)

// speechRE spots attribution in a short paragraph: `"We won," he said` has no
// final full stop in scraped copy but is a quote, not a heading.
var speechRE = regexp.MustCompile(`(?i)\b(said|says|told|added|stated)\b`)

// ParseText turns raw article text into an Article: it reads an optional
// front-matter block (title, outlet, date, url, author between "---" lines)
// or the sample format's leading " date YYYY-MM-DD ", splits paragraphs,
// marks headings and credits, infers a title when the article clearly opens
// with one, and sets Hash. Offsets point into text unchanged.
func ParseText(id, path, text string) *Article {
	a := &Article{ID: id, Path: path, Text: text}
	body := 0
	if strings.HasPrefix(text, bom) {
		body = len(bom)
	}
	if fm, end, ok := parseFrontMatter(text, body); ok {
		a.Title, a.Outlet, a.URL, a.Author = fm.title, fm.outlet, fm.url, fm.author
		a.Date = fm.date
		body = end
	}
	if m := leadingDate.FindStringSubmatchIndex(text[body:]); m != nil {
		if d, err := time.Parse("2006-01-02", text[body+m[2]:body+m[3]]); err == nil {
			if a.Date.IsZero() {
				a.Date = d
			}
			body += m[1]
		}
	}
	a.Paragraphs = SplitParagraphs(text, body)
	if a.Title == "" {
		a.Title = inferTitle(text, a.Paragraphs)
	}
	a.Hash = hashArticle(a)
	return a
}

// SplitParagraphs splits text[from:] into paragraphs. Text that separates
// paragraphs with blank lines keeps single line breaks inside a paragraph
// (hard-wrapped copy); text without blank lines has a paragraph a line.
func SplitParagraphs(text string, from int) []Paragraph {
	if from < 0 {
		from = 0
	}
	if from > len(text) {
		from = len(text)
	}
	blank := hasBlankLine(text[from:])
	var out []Paragraph
	add := func(s, e int) {
		for s < e {
			r, n := utf8.DecodeRuneInString(text[s:e])
			if !unicode.IsSpace(r) {
				break
			}
			s += n
		}
		for e > s {
			r, n := utf8.DecodeLastRuneInString(text[s:e])
			if !unicode.IsSpace(r) {
				break
			}
			e -= n
		}
		if e > s {
			out = append(out, Paragraph{Start: s, End: e, Kind: classify(text[s:e])})
		}
	}
	start := from
	for i := from; i < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		if blank {
			// a paragraph ends at a line break followed by a blank line
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j < len(text) && text[j] != '\n' {
				continue
			}
		}
		add(start, i)
		start = i + 1
	}
	add(start, len(text))
	return out
}

// hasBlankLine reports whether s has a line holding only spaces, tabs or a
// carriage return between two line breaks: the mark of blank-line paragraphs.
func hasBlankLine(s string) bool {
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return false
		}
		s = s[i+1:]
		j := 0
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
			j++
		}
		if j < len(s) && s[j] == '\n' {
			return true
		}
	}
}

// classify tells a heading or credit from body text. A heading is short and
// does not end like a sentence ("Panic in Aleppo", "- Tanks seized -",
// "'Limited Utility'", "BIG LOSS:").
func classify(p string) ParagraphKind {
	words := countWords(p, 26)
	// a credit is furniture; a long paragraph that merely mentions
	// "photo: x" at its end is still body text
	if words <= 25 && creditRE.MatchString(p) {
		return Credit
	}
	if words > 12 {
		return Body
	}
	trimmed := strings.TrimRightFunc(p, unicode.IsSpace)
	if trimmed == "" {
		return Body
	}
	first, _ := utf8.DecodeRuneInString(trimmed)
	last, _ := utf8.DecodeLastRuneInString(trimmed)
	switch {
	case strings.HasPrefix(trimmed, "- ") && strings.HasSuffix(trimmed, " -"):
		return Heading
	case strings.HasPrefix(trimmed, "#"):
		return Heading // a Markdown heading
	case (first == '\'' || first == '‘') && (last == '\'' || last == '’'):
		return Heading // a quoted phrase as section title: 'Limited Utility'
	case strings.ContainsRune(".!?\"”’',;", last):
		return Body
	case speechRE.MatchString(trimmed):
		return Body
	case unicode.IsLower(first):
		// a line broken mid-sentence by the scraper ("did", "home to
		// Leicester in the quarter-finals"), not a title
		return Body
	case danglingWord[strings.ToLower(lastWord(trimmed))]:
		return Body // "The men's 800m went to form in Sheffield as"
	}
	return Heading
}

// countWords counts the words of s up to limit: classify only needs to know
// whether a paragraph is short, and most paragraphs are long.
func countWords(s string, limit int) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			if n++; n >= limit {
				return n
			}
		}
	}
	return n
}

// danglingWord lists words a heading does not end on but a sentence cut in
// two does.
var danglingWord = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true,
	"as": true, "of": true, "to": true, "in": true, "on": true, "at": true,
	"by": true, "for": true, "from": true, "with": true, "that": true,
	"which": true, "who": true, "was": true, "is": true, "were": true, "are": true,
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// inferTitle returns the headline an article opens with, or "". It is
// deliberately conservative: a wrong title is shown to readers, a missing one
// is not. A level-one Markdown heading is a title; otherwise the first
// heading among the opening paragraphs counts only when it is not a section
// label ("Politics", "BIG LOSS:") or byline, and body text follows it.
func inferTitle(text string, ps []Paragraph) string {
	for i, p := range ps {
		if i >= 3 || p.Kind != Heading {
			return ""
		}
		s := text[p.Start:p.End]
		if h, ok := strings.CutPrefix(s, "# "); ok {
			return strings.TrimSpace(h)
		}
		if isSectionLabel(s) {
			continue
		}
		words := strings.Fields(s)
		if len(words) < 3 || strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "#") ||
			strings.EqualFold(words[0], "by") || i+1 >= len(ps) {
			return ""
		}
		return s
	}
	return ""
}

// isSectionLabel reports whether a heading is a one-word rubric or a
// shouted kicker rather than a headline.
func isSectionLabel(s string) bool {
	if len(strings.Fields(s)) == 1 || strings.HasSuffix(s, ":") {
		return true
	}
	return strings.ToUpper(s) == s
}
