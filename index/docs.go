package index

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
)

// Document ids. An article's documents are found again from its id and the
// counts kept on its article document, so deleting them needs no search.
func articleDocID(id string) string        { return "a:" + id }
func passageDocID(id string, i int) string { return "p:" + id + ":" + strconv.Itoa(i) }
func factDocID(id string, i int) string    { return "f:" + id + ":" + strconv.Itoa(i) }

// doc is one bleve document to index.
type doc struct {
	id   string
	body map[string]any
	// span is where a passage lies in the article's text; sent and quote
	// where a fact's sentence and quote do, when the text holds them (see
	// build, which takes their terms from the passage's)
	span        [2]int
	sent, quote *[2]int
}

// articleBody is the article document: what Sync compares, what Stats
// lists, and the record when the article has no passage to carry it.
func articleBody(a *corpus.Article) map[string]any {
	m := map[string]any{
		docField: docArticle,
		"id":     a.ID,
		"title":  a.Title,
		"outlet": a.Outlet,
		"path":   a.Path,
		"url":    a.URL,
	}
	if !a.Date.IsZero() {
		// indexed only for its share in the scores of date-bounded
		// searches, which count every document holding the date terms
		m[dateField] = a.Date
		m["day"] = a.DateString()
		m[sortField] = a.DateString()
	}
	return m
}

// articleHash is what Sync compares: the corpus hash (or one computed here
// when the loader left it empty) and the facts version.
func articleHash(a *corpus.Article, factsVer string) string {
	h := a.Hash
	if h == "" {
		s := sha256.New()
		fmt.Fprintf(s, "%q %q %q %q %q %q %d\n", a.ID, a.Title, a.Outlet, a.DateString(), a.URL, a.Path, len(a.Text))
		s.Write([]byte(a.Text))
		for _, p := range a.Paragraphs {
			fmt.Fprintf(s, "%d %d %d\n", p.Start, p.End, p.Kind)
		}
		h = hex.EncodeToString(s.Sum(nil))
	}
	if factsVer != "" {
		h += "+" + factsVer
	}
	return h
}

// articleDocs builds every document of a: its passages (body and heading
// paragraphs; credits are left out), its facts and, last, the article
// document carrying the hash and the counts. The article's record (see
// record) rides on its first passage, or on the article document.
func articleDocs(a *corpus.Article, set facts.Set, hash string) ([]doc, error) {
	var out []doc
	var refs []passageRef
	for i, p := range a.Paragraphs {
		if p.Kind == corpus.Credit || p.Start < 0 || p.End > len(a.Text) || p.Start >= p.End {
			continue
		}
		b := map[string]any{docField: docPassage, textField: a.Text[p.Start:p.End]}
		if !a.Date.IsZero() {
			b[dateField] = a.Date
		}
		out = append(out, doc{id: passageDocID(a.ID, len(refs)), body: b, span: [2]int{p.Start, p.End}})
		refs = append(refs, passageRef{i, p.Start, p.End})
	}
	rec, err := newRecord(a, refs, set)
	if err != nil {
		return nil, err
	}
	nf := 0
	add := func(b map[string]any, sent, quote *[2]int) {
		out = append(out, doc{id: factDocID(a.ID, nf), body: b, sent: sent, quote: quote})
		nf++
	}
	for _, s := range set.Statements {
		b := factBody(a, "statement", s.Date, s.Evidence)
		setText(b, whoField, s.Speaker+" "+s.Role)
		setText(b, "quote", s.Quote)
		setText(b, "speaker_name", s.Speaker)
		add(b, cutSpan(a.Text, s.Evidence.Sentence, s.Evidence.Start), cutSpan(a.Text, s.Quote, s.Evidence.Start))
	}
	for _, t := range set.Tolls {
		b := factBody(a, "toll", t.Date, t.Evidence)
		setText(b, "category", t.Category)
		setText(b, "place", t.Place)
		setText(b, "place_name", t.Place)
		setText(b, "source_name", t.Source)
		add(b, cutSpan(a.Text, t.Evidence.Sentence, t.Evidence.Start), nil)
	}
	for _, c := range set.Control {
		b := factBody(a, "control", c.Date, c.Evidence)
		setText(b, "place", c.Place)
		setText(b, "place_name", c.Place)
		setText(b, "controller_name", c.Controller)
		setText(b, "status", c.Status)
		setText(b, "source_name", c.Source)
		add(b, nil, nil)
	}
	b := articleBody(a)
	b[hashField] = hash
	b[npassField] = len(refs)
	b[nfactField] = nf
	if a.Date.IsZero() {
		b[datedField] = "no"
	} else {
		b[datedField] = "yes"
	}
	if len(refs) > 0 {
		out[0].body[recordField] = string(rec.encode())
	} else {
		b[recordField] = string(rec.encode())
	}
	out = append(out, doc{id: articleDocID(a.ID), body: b})
	return out, nil
}

// factBody is a fact document's common part. Its date is the fact's own
// date when it has one, else the article's.
func factBody(a *corpus.Article, typ, date string, ev facts.Evidence) map[string]any {
	// Facts are filtered by date through sort_day (a keyword range) and
	// month, never a datetime field: its prefix terms cost more to index
	// than the rest of a fact.
	b := map[string]any{docField: docFact, factField: typ}
	if !a.Date.IsZero() {
		b[sortField] = a.DateString()
	}
	if d, err := time.Parse("2006-01-02", date); err == nil {
		b[sortField] = d.Format("2006-01-02")
		b[monthField] = d.Format("2006-01")
	} else if !a.Date.IsZero() {
		b[monthField] = a.Date.Format("2006-01")
	}
	if typ != "control" {
		// quotes and figures are ranked by their sentence's words ("the
		// chemical attack"); control claims are found by place alone
		setText(b, "sentence", ev.Sentence)
	}
	return b
}

// setText leaves empty values out, so they are neither indexed nor matched.
func setText(b map[string]any, field, v string) {
	if v != "" && v != " " {
		b[field] = v
	}
}
