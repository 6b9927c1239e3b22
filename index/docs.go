package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
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
}

// metaBody starts a document with the article fields every document has.
func metaBody(typ string, a *corpus.Article) map[string]any {
	m := map[string]any{
		docField: typ,
		"id":     a.ID,
		"title":  a.Title,
		"outlet": a.Outlet,
		"path":   a.Path,
		"url":    a.URL,
	}
	if !a.Date.IsZero() {
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
// document carrying the hash and the counts.
func articleDocs(a *corpus.Article, set facts.Set, hash string) ([]doc, error) {
	var out []doc
	np := 0
	for i, p := range a.Paragraphs {
		if p.Kind == corpus.Credit || p.Start < 0 || p.End > len(a.Text) || p.Start >= p.End {
			continue
		}
		b := metaBody(docPassage, a)
		b["para"] = i
		b["start"] = p.Start
		b[textField] = a.Text[p.Start:p.End]
		out = append(out, doc{passageDocID(a.ID, np), b})
		np++
	}
	nf := 0
	add := func(b map[string]any, v any) error {
		js, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("index: encode fact of %s: %w", a.ID, err)
		}
		b[jsonField] = string(js)
		out = append(out, doc{factDocID(a.ID, nf), b})
		nf++
		return nil
	}
	for _, s := range set.Statements {
		b := factBody(a, "statement", s.Date, s.Evidence)
		setText(b, whoField, s.Speaker+" "+s.Role)
		setText(b, "quote", s.Quote)
		setText(b, "speaker_name", s.Speaker)
		if err := add(b, s); err != nil {
			return nil, err
		}
	}
	for _, t := range set.Tolls {
		b := factBody(a, "toll", t.Date, t.Evidence)
		setText(b, "category", t.Category)
		setText(b, "place", t.Place)
		setText(b, "place_name", t.Place)
		setText(b, "source_name", t.Source)
		if err := add(b, t); err != nil {
			return nil, err
		}
	}
	for _, c := range set.Control {
		b := factBody(a, "control", c.Date, c.Evidence)
		setText(b, "place", c.Place)
		setText(b, "place_name", c.Place)
		setText(b, "controller_name", c.Controller)
		setText(b, "status", c.Status)
		setText(b, "source_name", c.Source)
		if err := add(b, c); err != nil {
			return nil, err
		}
	}
	b := metaBody(docArticle, a)
	b[hashField] = hash
	b[npassField] = np
	b[nfactField] = nf
	if a.Date.IsZero() {
		b[datedField] = "no"
	} else {
		b[datedField] = "yes"
	}
	out = append(out, doc{articleDocID(a.ID), b})
	return out, nil
}

// factBody is a fact document's common part. Its date is the fact's own
// date when it has one, else the article's.
func factBody(a *corpus.Article, typ, date string, ev facts.Evidence) map[string]any {
	b := metaBody(docFact, a)
	b[factField] = typ
	// Facts are filtered by date through sort_day (a keyword range) and
	// month, never the datetime field: its prefix terms cost more to index
	// than the rest of a fact.
	delete(b, dateField)
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
