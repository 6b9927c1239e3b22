package corpus

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// leadingDate is the sample format's " date YYYY-MM-DD " prefix.
var leadingDate = regexp.MustCompile(`^\s*date (\d{4}-\d{2}-\d{2})\s+`)

// creditRE matches photo credits and "Also Read" links scraped with the text.
var creditRE = regexp.MustCompile(`(?i)^(also read|read more|read also|see also|related)\b|\b(photo|image|picture|video)( credit)?\s*:\s*\S+\s*$|^\s*(photo|image credit|credit)\s*:`)

// ParseText turns raw article text into an Article: it reads an optional
// leading " date YYYY-MM-DD ", splits paragraphs and marks headings and
// credits. Offsets point into text unchanged.
func ParseText(id, path, text string) *Article {
	a := &Article{ID: id, Path: path, Text: text}
	body := 0
	if m := leadingDate.FindStringSubmatchIndex(text); m != nil {
		if d, err := time.Parse("2006-01-02", text[m[2]:m[3]]); err == nil {
			a.Date = d
			body = m[1]
		}
	}
	a.Paragraphs = SplitParagraphs(text, body)
	return a
}

// SplitParagraphs splits text[from:] into paragraphs. Text that separates
// paragraphs with blank lines keeps single line breaks inside a paragraph
// (hard-wrapped copy); text without blank lines has a paragraph a line.
func SplitParagraphs(text string, from int) []Paragraph {
	blank := strings.Contains(strings.ReplaceAll(text[from:], "\r", ""), "\n\n")
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

// classify tells a heading or credit from body text. A heading is short and
// does not end like a sentence ("Panic in Aleppo", "- Tanks seized -",
// "'Limited Utility'", "BIG LOSS:").
func classify(p string) ParagraphKind {
	if creditRE.MatchString(p) {
		return Credit
	}
	words := len(strings.Fields(p))
	trimmed := strings.TrimRight(p, " \t")
	last, _ := utf8.DecodeLastRuneInString(trimmed)
	if strings.HasPrefix(trimmed, "- ") && strings.HasSuffix(trimmed, " -") && words <= 12 {
		return Heading
	}
	if words <= 12 && !strings.ContainsRune(".!?\"”’'", last) {
		return Heading
	}
	if words <= 12 && (last == '\'' || last == '’') && (trimmed[0] == '\'' || strings.HasPrefix(trimmed, "‘")) {
		return Heading
	}
	return Body
}
