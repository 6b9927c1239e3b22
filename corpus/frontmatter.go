package corpus

import (
	"strings"
	"time"
)

// frontMatter is the metadata block some Markdown and text files open with.
type frontMatter struct {
	title, outlet, url, author string
	date                       time.Time
}

// parseFrontMatter reads a YAML-ish block between "---" lines starting at
// text[from:]. It is hand-parsed because the loaders only need flat
// "key: value" pairs and a YAML dependency would be the only one in corpus.
// end is the offset just past the closing line, so paragraph offsets stay
// valid in the untouched Text. A block with a line that is not a key, a
// comment, a list item or an indented continuation is not front matter: a
// plain text file may open with a "---" rule.
func parseFrontMatter(text string, from int) (fm frontMatter, end int, ok bool) {
	line, next := cutLine(text, from)
	if strings.TrimRight(line, " \t\r") != "---" {
		return fm, 0, false
	}
	keys := 0
	for pos := next; pos < len(text); {
		line, next = cutLine(text, pos)
		pos = next
		bare := strings.TrimRight(line, " \t\r")
		if bare == "---" || bare == "..." {
			if keys == 0 {
				return frontMatter{}, 0, false
			}
			return fm, next, true
		}
		if strings.TrimSpace(bare) == "" || strings.HasPrefix(bare, "#") ||
			strings.HasPrefix(bare, " ") || strings.HasPrefix(bare, "\t") || strings.HasPrefix(bare, "- ") {
			continue
		}
		key, value, found := strings.Cut(bare, ":")
		key = strings.ToLower(strings.TrimSpace(key))
		if !found || key == "" || strings.ContainsAny(key, " \t\"'") {
			return frontMatter{}, 0, false
		}
		keys++
		value = unquote(strings.TrimSpace(value))
		switch key {
		case "title":
			fm.title = value
		case "outlet", "source", "publication":
			if fm.outlet == "" || key == "outlet" {
				fm.outlet = value
			}
		case "url", "link":
			if fm.url == "" || key == "url" {
				fm.url = value
			}
		case "author", "byline":
			if fm.author == "" || key == "author" {
				fm.author = value
			}
		case "date", "published":
			if d, err := parseDate(value); err == nil && (fm.date.IsZero() || key == "date") {
				fm.date = d
			}
		}
	}
	return frontMatter{}, 0, false // never closed: treat the whole file as text
}

// cutLine returns the line starting at text[pos:] without its "\n", and the
// offset of the next line.
func cutLine(text string, pos int) (line string, next int) {
	if i := strings.IndexByte(text[pos:], '\n'); i >= 0 {
		return text[pos : pos+i], pos + i + 1
	}
	return text[pos:], len(text)
}

// unquote strips one pair of matching YAML quotes and undoes the two escapes
// met in practice (\" inside double quotes, ” inside single quotes); full
// YAML escaping is not worth a hand parser's complexity here.
func unquote(v string) string {
	if len(v) >= 2 {
		switch {
		case v[0] == '"' && v[len(v)-1] == '"':
			return strings.ReplaceAll(v[1:len(v)-1], `\"`, `"`)
		case v[0] == '\'' && v[len(v)-1] == '\'':
			return strings.ReplaceAll(v[1:len(v)-1], "''", "'")
		}
	}
	return v
}
