package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// jsonArticle is the article object of .json and .jsonl files. ID and Date
// are raw because datasets write numeric ids and Unix timestamps as well as
// strings; the rest must be strings (or absent, or null).
type jsonArticle struct {
	ID     json.RawMessage `json:"id"`
	Title  string          `json:"title"`
	Body   *string         `json:"body"`
	Outlet string          `json:"outlet"`
	Source string          `json:"source"`
	Date   json.RawMessage `json:"date"`
	URL    string          `json:"url"`
	Author string          `json:"author"`
}

// badInput is why one file or line was not loaded. Its reason is a plain
// sentence for Skip.Reason; Error adds the package prefix for callers of
// ParseJSON who handle it as an error.
type badInput struct{ reason string }

func (e *badInput) Error() string { return "corpus: " + e.reason }

func bad(format string, args ...any) error { return &badInput{reason: fmt.Sprintf(format, args...)} }

// reason is the Skip.Reason for err: the plain sentence of a badInput, or
// the error text for anything unexpected.
func reason(err error) string {
	var b *badInput
	if errors.As(err, &b) {
		return b.reason
	}
	return err.Error()
}

// ParseJSON reads one article object ({"id", "title", "body", "outlet" or
// "source", "date", "url"}). Text is the body verbatim. A missing id falls
// back to the file name without extension. The error explains why the input
// cannot be an article: invalid UTF-8, not an object, no body.
func ParseJSON(path string, data []byte) (*Article, error) {
	return parseJSON(path, data, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
}

func parseJSON(path string, data []byte, defaultID string) (*Article, error) {
	if len(data) > MaxFileSize {
		return nil, bad("larger than the %d MiB limit (%d bytes)", MaxFileSize>>20, len(data))
	}
	if !utf8.Valid(data) {
		// encoding/json would quietly turn bad bytes into U+FFFD, and then
		// quotes would no longer match the source file
		return nil, bad("not valid UTF-8 text")
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte(bom)))
	if len(trimmed) == 0 {
		return nil, bad("empty")
	}
	if trimmed[0] != '{' {
		return nil, bad("not a JSON object: a .json file holds one article, a .jsonl file one article a line")
	}
	var j jsonArticle
	if err := json.Unmarshal(trimmed, &j); err != nil {
		return nil, jsonError(err)
	}
	if j.Body == nil || strings.TrimSpace(*j.Body) == "" {
		return nil, bad("JSON article has no body")
	}
	if strings.IndexByte(*j.Body, 0) >= 0 {
		return nil, bad("body contains NUL characters (binary data)")
	}
	id, err := jsonID(j.ID)
	if err != nil {
		return nil, err
	}
	if id == "" {
		id = defaultID
	}
	a := &Article{
		ID:     id,
		Title:  strings.TrimSpace(j.Title),
		Outlet: strings.TrimSpace(j.Outlet),
		URL:    strings.TrimSpace(j.URL),
		Author: strings.TrimSpace(j.Author),
		Path:   path,
		Text:   *j.Body,
	}
	if a.Outlet == "" {
		a.Outlet = strings.TrimSpace(j.Source)
	}
	// an unreadable date loses only the date: the text is still worth
	// quoting, so the article loads undated rather than being skipped
	a.Date = jsonDate(j.Date)
	a.Paragraphs = SplitParagraphs(a.Text, 0)
	a.Hash = hashArticle(a)
	return a, nil
}

// jsonError turns encoding/json's messages into a sentence about the input.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return bad("field %q is a JSON %s, expected a %s", te.Field, te.Value, te.Type)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return bad("not valid JSON at byte %d: %s", se.Offset, strings.TrimPrefix(err.Error(), "json: "))
	}
	return bad("not valid JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// jsonID accepts a string or a number as id.
func jsonID(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return strings.TrimSpace(s), nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return "", bad("field \"id\" must be a string or a number")
}

// jsonDate reads a date string in any known layout, or a Unix time in
// seconds or milliseconds; anything else is an unknown date.
func jsonDate(raw json.RawMessage) time.Time {
	if len(raw) == 0 || string(raw) == "null" {
		return time.Time{}
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		t, _ := parseDate(s)
		return t
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}
	}
	if n > 1e11 { // milliseconds: 1e11 seconds is the year 5138
		return time.UnixMilli(n).UTC()
	}
	return time.Unix(n, 0).UTC()
}
