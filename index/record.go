package index

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
)

// A record is everything answers read about one article, stored once, on
// its first passage document (on the article document when it has no
// passage): its metadata, its text, where each passage lies in the text,
// and its facts. Passage and fact documents store nothing: a hit's
// document id names the article and the passage or fact number, and the
// record gives the rest. Evidence sentences and quotes that stand in the
// text are kept as offsets into it, not copied.
//
// Layout: a version byte, then length-prefixed (uvarint) strings and
// uvarints:
//
//	id title outlet day path url text
//	n, then n x (para start end)          passages
//	m, then m x (kind json)               facts; kind 's', 't' or 'c'
//
// A fact's JSON leaves out its article (the record's id) and, when they
// stand at those offsets in the text, its sentence and quote (see
// packFact).
type record struct {
	meta     Meta
	text     string
	passages []passageRef
	facts    []packedFact
}

type passageRef struct{ para, start, end int }

type packedFact struct {
	kind byte
	js   []byte
}

const recordVersion = 1

// packed is a fact as stored: the fact with fields cut from the text
// blanked, and where to cut them from.
type packed struct {
	Fact json.RawMessage `json:"f"`
	// Sentence and Quote are [start, end) in the text, when cut from it.
	Sentence *[2]int `json:"s,omitempty"`
	Quote    *[2]int `json:"q,omitempty"`
	// Whole marks a fact kept as it was, nothing blanked.
	Whole bool `json:"w,omitempty"`
}

func putString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func (r *record) encode() []byte {
	n := len(r.text) + 64
	for _, f := range r.facts {
		n += len(f.js) + 4
	}
	b := make([]byte, 0, n+len(r.passages)*6)
	b = append(b, recordVersion)
	for _, s := range []string{r.meta.ID, r.meta.Title, r.meta.Outlet, r.meta.Date, r.meta.Path, r.meta.URL, r.text} {
		b = putString(b, s)
	}
	b = binary.AppendUvarint(b, uint64(len(r.passages)))
	for _, p := range r.passages {
		b = binary.AppendUvarint(b, uint64(p.para))
		b = binary.AppendUvarint(b, uint64(p.start))
		b = binary.AppendUvarint(b, uint64(p.end))
	}
	b = binary.AppendUvarint(b, uint64(len(r.facts)))
	for _, f := range r.facts {
		b = append(b, f.kind)
		b = putString(b, string(f.js))
	}
	return b
}

var errRecord = errors.New("corrupt record")

type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > uint64(len(r.b))<<3+1<<20 {
		r.err = errRecord
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *reader) bytes() []byte {
	n := r.uvarint()
	if r.err != nil || n > len(r.b) {
		r.err = errRecord
		return nil
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

// decodeRecord reads a record; its strings are copied out of b.
func decodeRecord(b []byte) (*record, error) {
	if len(b) == 0 || b[0] != recordVersion {
		return nil, errRecord
	}
	r := &reader{b: b[1:]}
	rec := &record{}
	for _, dst := range []*string{&rec.meta.ID, &rec.meta.Title, &rec.meta.Outlet, &rec.meta.Date, &rec.meta.Path, &rec.meta.URL, &rec.text} {
		*dst = string(r.bytes())
	}
	n := r.uvarint()
	if r.err == nil && n <= len(r.b) {
		rec.passages = make([]passageRef, n)
		for i := range rec.passages {
			rec.passages[i] = passageRef{r.uvarint(), r.uvarint(), r.uvarint()}
		}
	}
	m := r.uvarint()
	if r.err == nil && m <= len(r.b) {
		rec.facts = make([]packedFact, m)
		for i := range rec.facts {
			if len(r.b) == 0 {
				r.err = errRecord
				break
			}
			k := r.b[0]
			r.b = r.b[1:]
			rec.facts[i] = packedFact{k, r.bytes()}
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	for _, p := range rec.passages {
		if p.start > p.end || p.end > len(rec.text) {
			return nil, errRecord
		}
	}
	return rec, nil
}

// passageText is passage n's text, or false when the record lacks it.
func (r *record) passageText(n int) (passageRef, string, bool) {
	if n < 0 || n >= len(r.passages) {
		return passageRef{}, "", false
	}
	p := r.passages[n]
	return p, r.text[p.start:p.end], true
}

// newRecord builds a's record with its passages (see articleDocs) and
// facts, in the order of their documents.
func newRecord(a *corpus.Article, passages []passageRef, set facts.Set) (*record, error) {
	rec := &record{
		meta:     Meta{ID: a.ID, Title: a.Title, Outlet: a.Outlet, Date: a.DateString(), Path: a.Path, URL: a.URL},
		text:     a.Text,
		passages: passages,
	}
	if a.Date.IsZero() {
		rec.meta.Date = ""
	}
	for i := range set.Statements {
		if err := rec.addFact(KindStatement, &set.Statements[i]); err != nil {
			return nil, err
		}
	}
	for i := range set.Tolls {
		if err := rec.addFact(KindToll, &set.Tolls[i]); err != nil {
			return nil, err
		}
	}
	for i := range set.Control {
		if err := rec.addFact(KindControl, &set.Control[i]); err != nil {
			return nil, err
		}
	}
	return rec, nil
}

// addFact packs f (a *facts.Statement, *facts.Toll or *facts.Control).
// Its sentence and quote are cut from the text only where the text holds
// them, byte for byte, so the fact unpacks to itself (TestRecordRoundTrip
// checks it over whole corpora).
func (r *record) addFact(kind string, f any) error {
	js, err := r.packFact(f)
	if err != nil {
		return fmt.Errorf("index: encode fact of %s: %w", r.meta.ID, err)
	}
	r.facts = append(r.facts, packedFact{kind[0], js})
	return nil
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// cut finds s in the text, first at or before near (facts give the
// offsets of their figure or quote, inside the sentence), else anywhere.
func (r *record) cut(s string, near int) *[2]int { return cutSpan(r.text, s, near) }

// cutSpan is where s stands in text: first at or before near, else
// anywhere; nil when text does not hold it.
func cutSpan(text, s string, near int) *[2]int {
	if s == "" {
		return nil
	}
	if near >= 0 && near <= len(text) {
		lo := max(0, near-len(s))
		hi := min(len(text), near+len(s))
		if i := strings.Index(text[lo:hi], s); i >= 0 {
			return &[2]int{lo + i, lo + i + len(s)}
		}
	}
	if i := strings.Index(text, s); i >= 0 {
		return &[2]int{i, i + len(s)}
	}
	return nil
}

func (r *record) packFact(f any) ([]byte, error) {
	var p packed
	switch f := f.(type) {
	case *facts.Statement:
		c := *f
		c.Article, c.Evidence.Article = blankID(c.Article, r.meta.ID), blankID(c.Evidence.Article, r.meta.ID)
		if p.Sentence = r.cut(c.Evidence.Sentence, c.Evidence.Start); p.Sentence != nil {
			c.Evidence.Sentence = ""
		}
		if p.Quote = r.cut(c.Quote, c.Evidence.Start); p.Quote != nil {
			c.Quote = ""
		}
		p.Fact = mustJSON(c)
	case *facts.Toll:
		c := *f
		c.Article, c.Evidence.Article = blankID(c.Article, r.meta.ID), blankID(c.Evidence.Article, r.meta.ID)
		if p.Sentence = r.cut(c.Evidence.Sentence, c.Evidence.Start); p.Sentence != nil {
			c.Evidence.Sentence = ""
		}
		p.Fact = mustJSON(c)
	case *facts.Control:
		c := *f
		c.Article, c.Evidence.Article = blankID(c.Article, r.meta.ID), blankID(c.Evidence.Article, r.meta.ID)
		if p.Sentence = r.cut(c.Evidence.Sentence, c.Evidence.Start); p.Sentence != nil {
			c.Evidence.Sentence = ""
		}
		p.Fact = mustJSON(c)
	default:
		return nil, fmt.Errorf("unknown fact %T", f)
	}
	return json.Marshal(p)
}

// blankID leaves out an article id equal to the record's; "\x00" stands
// for an empty one, so that unpacking can tell the two apart.
func blankID(id, rec string) string {
	switch id {
	case rec:
		return ""
	case "":
		return "\x00"
	}
	return id
}

func restoreID(id, rec string) string {
	switch id {
	case "":
		return rec
	case "\x00":
		return ""
	}
	return id
}

func (r *record) span(s *[2]int) (string, error) {
	if s == nil {
		return "", nil
	}
	if s[0] < 0 || s[0] > s[1] || s[1] > len(r.text) {
		return "", errRecord
	}
	return r.text[s[0]:s[1]], nil
}

// unpackFact returns a *facts.Statement, *facts.Toll or *facts.Control.
func (r *record) unpackFact(pf packedFact) (any, error) {
	var p packed
	if err := json.Unmarshal(pf.js, &p); err != nil {
		return nil, err
	}
	sent, err := r.span(p.Sentence)
	if err != nil {
		return nil, err
	}
	quote, err := r.span(p.Quote)
	if err != nil {
		return nil, err
	}
	fix := func(article *string, ev *facts.Evidence) {
		if p.Whole {
			return
		}
		*article = restoreID(*article, r.meta.ID)
		ev.Article = restoreID(ev.Article, r.meta.ID)
		if p.Sentence != nil {
			ev.Sentence = sent
		}
	}
	switch pf.kind {
	case 's':
		var s facts.Statement
		if err := json.Unmarshal(p.Fact, &s); err != nil {
			return nil, err
		}
		fix(&s.Article, &s.Evidence)
		if p.Quote != nil {
			s.Quote = quote
		}
		return &s, nil
	case 't':
		var t facts.Toll
		if err := json.Unmarshal(p.Fact, &t); err != nil {
			return nil, err
		}
		fix(&t.Article, &t.Evidence)
		return &t, nil
	case 'c':
		var c facts.Control
		if err := json.Unmarshal(p.Fact, &c); err != nil {
			return nil, err
		}
		fix(&c.Article, &c.Evidence)
		return &c, nil
	}
	return nil, fmt.Errorf("unknown fact kind %q", pf.kind)
}
