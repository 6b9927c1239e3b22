package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/newsbot/corpus"
)

// quoteSpan is one quotation inside one body paragraph. A quote that runs
// over several paragraphs is one span per paragraph, the later ones marked
// cont.
type quoteSpan struct {
	open, markEnd int // the opening mark; just past the closing mark (or the paragraph's end)
	start, end    int // the words inside the marks
	para          int
	closed        bool
	cont          bool
}

// scanQuotes finds the quotations of every body paragraph. Straight quotes
// pair up in order; curly ones by direction. An opening mark with no close
// in its paragraph runs to the paragraph's end, and the next paragraph
// continues it when it opens with a quotation mark (the newspaper
// convention for a quote over several paragraphs).
func scanQuotes(a *corpus.Article) []quoteSpan {
	var out []quoteSpan
	text := a.Text
	prevOpen := false // the previous body paragraph ended inside a quote
	for pi, p := range a.Paragraphs {
		if p.Kind != corpus.Body {
			prevOpen = false
			continue
		}
		inQ, open, first := false, 0, true
		for i := p.Start; i < p.End; {
			if c := text[i]; c < utf8.RuneSelf && c != '"' {
				i++ // the marks are '"' or not ASCII: step over the rest at once
				continue
			}
			r, n := utf8.DecodeRuneInString(text[i:p.End])
			reopen := r == '"' && inQ && reopens(text, i, p.Start, p.End)
			if r == '"' && inQ && !reopen {
				// 'confirmed "on the ground" influential ...': a short
				// quote inside the open one; its marks close nothing
				if j := nestedQuote(text, i, p.End); j > 0 {
					i = j
					continue
				}
			}
			switch {
			case reopen:
				// 'explosion. "People had ...': a mark after a space and
				// before a word opens the next quote; the writer (or the
				// scraper) dropped the close of the one before
				out = appendQuote(out, text, open, i, trimEnd(text, open, i), pi, true, false)
				open = i
				first = false
			case r == '"' && inQ, r == '”' && inQ, r == '»' && inQ:
				out = appendQuote(out, text, open, i, i+n, pi, true, first && prevOpen && open == p.Start)
				inQ = false
				first = false
			case r == '"' && closeShaped(text, i, p.Start, p.End):
				// 'would need "significant" changes': outside a quote, a
				// straight mark glued to the word before it and followed
				// by a space closes a quote the writer nested; it opens
				// nothing, or the narration after it becomes a quote
			case isOpenMark(r) && r != '»':
				inQ, open = true, i
			case r == '”' && (i == p.Start || text[i-1] == '\n'):
				// a line opening with a closing mark is a typo for an opening one
				inQ, open = true, i
			}
			i += n
		}
		prevOpen = false
		if inQ {
			before := len(out)
			out = appendQuote(out, text, open, p.End, p.End, pi, false, first && prevOpen && open == p.Start)
			prevOpen = len(out) > before
		}
		_ = first
	}
	// mark continuations: a paragraph opening with a quote mark right after
	// a paragraph that ended inside a quote
	for k := 1; k < len(out); k++ {
		q, prev := &out[k], out[k-1]
		if prev.closed || prev.para >= q.para {
			continue
		}
		if q.open == a.Paragraphs[q.para].Start && nextBody(a, prev.para) == q.para {
			q.cont = true
		}
	}
	return out
}

// nestedQuote reports a straight mark at i, inside an open quote, that
// opens a short quote nested in it: a space before it and a letter after
// it, a close-shaped mark a few words on in the same sentence, and a
// further mark after that to close the outer quote. It returns the offset
// just past the inner close, or 0.
func nestedQuote(text string, i, end int) int {
	if i == 0 || text[i-1] != ' ' || i+1 >= end {
		return 0
	}
	if r, _ := utf8.DecodeRuneInString(text[i+1 : end]); !unicode.IsLetter(r) {
		return 0
	}
	j := strings.IndexByte(text[i+1:end], '"')
	if j < 0 || j > 40 {
		return 0
	}
	j += i + 1
	inner := text[i+1 : j]
	if strings.ContainsAny(inner, ".!?") || !closeShaped(text, j, i+1, end) {
		return 0
	}
	if strings.IndexByte(text[j+1:end], '"') < 0 {
		return 0
	}
	return j + 1
}

// closeShaped reports a straight mark at i shaped like a close: a letter,
// digit or sentence mark right before it and a space or the paragraph's
// end after it.
func closeShaped(text string, i, start, end int) bool {
	if i == start {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[start:i])
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(".,!?", r) {
		return false
	}
	return i+1 >= end || text[i+1] == ' ' || text[i+1] == '\n'
}

// reopens reports a straight mark at i that can only open a quote: a
// sentence ends before it ('. "', '? "') and a capital follows it.
func reopens(text string, i, start, end int) bool {
	if i-2 < start || i+1 >= end || text[i-1] != ' ' {
		return false
	}
	if c := text[i-2]; c != '.' && c != '?' && c != '!' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i+1 : end])
	return unicode.IsUpper(r)
}

// hasQuoteMark reports any quotation mark in text (” counts: some copy
// doubles apostrophes for quotes). Byte searches, not a rune scan: it runs
// on the whole text of every article.
func hasQuoteMark(text string) bool {
	if strings.IndexByte(text, '"') >= 0 || strings.Contains(text, "''") {
		return true
	}
	for _, m := range []string{"“", "”", "«", "»"} {
		if strings.Contains(text, m) {
			return true
		}
	}
	return false
}

func nextBody(a *corpus.Article, pi int) int {
	for j := pi + 1; j < len(a.Paragraphs); j++ {
		if a.Paragraphs[j].Kind == corpus.Body {
			return j
		}
	}
	return -1
}

func appendQuote(out []quoteSpan, text string, open, close, markEnd, para int, closed, _ bool) []quoteSpan {
	_, n := utf8.DecodeRuneInString(text[open:])
	s, e := open+n, close
	for s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '\n' || text[s] == '\r') {
		s++
	}
	for e > s && (text[e-1] == ' ' || text[e-1] == '\t' || text[e-1] == '\n' || text[e-1] == '\r') {
		e--
	}
	letters := false
	for _, r := range text[s:e] {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters = true
			break
		}
	}
	if !letters {
		return out
	}
	return append(out, quoteSpan{open: open, markEnd: markEnd, start: s, end: e, para: para, closed: closed})
}

// extractStatements finds who said what in a. It works one sentence group
// at a time (a sentence, or the sentences a quote spans), in text order, so
// that pronouns and quote-only paragraphs can lean on the speakers before.
func extractStatements(a *corpus.Article, sents []Sentence) []Statement {
	if len(sents) == 0 {
		return nil
	}
	qs := scanQuotes(a)
	x := &stmtExtractor{a: a, text: a.Text, low: lowerText(a.Text), qs: qs, quoted: len(qs) > 0 || hasQuoteMark(a.Text), last: -1, mention: -1, plural: -1}
	x.date = a.DateString()
	x.stripped = commaless(a, sents)
	x.run(sents)
	return x.out
}

type stmtExtractor struct {
	a      *corpus.Article
	text   string
	low    string // text with ASCII capitals lowered, for tokenize
	qs     []quoteSpan
	quoted bool // the article marks quotes at all; if not, speech may be unquoted
	// the article lost its commas (scraped or translated copy), so an
	// attribution may close a sentence without one: see tailAttrib
	stripped bool
	date     string
	toks     []tok
	ents     []entity
	out      []Statement

	last      int // entity of the latest attribution
	lastPara  int
	hist      []int // entities in the order they spoke
	groupN    int   // sentence groups seen so far
	lastGroup int   // the group of the latest attribution
	qSpeaker  []int // entity per quote, -1 when none

	used []bool // see group
	// speaker phrases already parsed, by their offsets
	parsed map[[2]int]parsedSpeaker

	// the latest group whose attribution could not be read
	unreadGroup int
	// the groups seen so far, for speech without quotation marks that
	// runs over several sentences
	grps []grp

	// the person a later group's "he" or "she" most likely means: the
	// named subject of a group that attributed nothing ("Ham went on to
	// explain how ...")
	mention, mentionGroup int
	// the group a later "they" most likely means: the plural subject of a
	// group that attributed nothing ("The Syrian activists had no ...")
	plural, pluralGroup int
}

// entity is a speaker met in the article.
type entity struct {
	name, role string
	kind       byte // 'p' a person, 'o' an organisation or group, 0 unknown
	gender     byte // 'm', 'f' or 0
}

// attr is a resolved attribution: who, and where the words naming them are.
type attr struct {
	ent      int
	s, e     int // the speaker phrase (offsets); s < 0 when not in this group
	verb     int // token index of the cue, -1 for none
	inverted bool
}

func (x *stmtExtractor) run(sents []Sentence) {
	x.grps = make([]grp, 0, len(sents))
	x.qSpeaker = make([]int, len(x.qs))
	for i := range x.qSpeaker {
		x.qSpeaker[i] = -1
	}
	qi := 0
	for si := 0; si < len(sents); {
		s := sents[si]
		start, end, sj := s.Start, s.End, si
		// grow the group over the sentences a quote runs through
		for k := qi; k < len(x.qs) && x.qs[k].open < end; k++ {
			q := x.qs[k]
			if q.open < start {
				continue
			}
			for q.markEnd > end && sj+1 < len(sents) && sents[sj+1].Para == s.Para {
				sj++
				end = sents[sj].End
			}
		}
		for qi < len(x.qs) && x.qs[qi].open < start {
			qi++
		}
		qe := qi
		for qe < len(x.qs) && x.qs[qe].open < end {
			qe++
		}
		x.group(start, end, s.Para, qi, qe, sj+1 == len(sents) || sents[sj+1].Para != s.Para, sents, sj)
		qi = qe
		si = sj + 1
	}
}

// group handles the sentences text[start:end] of paragraph para, holding
// quotes qs[q0:q1].
func (x *stmtExtractor) group(start, end, para, q0, q1 int, lastInPara bool, sents []Sentence, sj int) {
	text := x.text
	x.groupN++
	x.toks = tokenize(x.toks[:0], text, x.low, start, end, x.qs, q0)
	toks := x.toks
	sentence := text[start:end]
	defer x.noteGroup(start, end, para, len(x.out))
	// the cues already spent on a quote, by token index (a reused buffer:
	// one map a sentence cost more than the rest of its reading)
	x.used = x.used[:0]
	for range toks {
		x.used = append(x.used, false)
	}
	usedVerb := x.used
	groupSpeaker := -1
	prevK, prevAt := -1, attr{} // the last quote of the group given a speaker
	for k, t := range toks {
		if t.kind != tQuote {
			continue
		}
		q := x.qs[t.q]
		at, ok := x.dashAttrib(q)
		if !ok {
			at, ok = x.after(toks, k)
		}
		if !ok && !q.closed || ok {
			// an unclosed quote has nothing after it in its paragraph
		}
		if !ok && k+1 == len(toks) && q.closed && sj+1 < len(sents) && sents[sj+1].Para == para {
			// '"...!" Trump said.' splits after the closing mark
			at, ok = x.attribOnly(sents[sj+1])
		}
		if !ok && x.ownCue(toks, k) {
			at, ok = x.trailing(toks, k) // '"..." for criminal behavior, she said'
		}
		if !ok && x.ownCue(toks, k) {
			// '"...," said a resident of ...' we could not read: no guess,
			// and a quote after it goes on in that unknown voice
			if x.unreadSpeaker(toks, k) {
				x.unreadGroup = x.groupN
			}
			continue
		}
		if !ok {
			at, ok = x.before(toks, k)
		}
		if !ok {
			at, ok = x.trailing(toks, k)
		}
		titled := false
		if !ok {
			// 'Hanna Berg, The Karvel Gazette: "..."'; a summary heading
			// in Title Case before the passage it sums up
			if at, ok = x.labelColon(toks, k, para); !ok {
				at, ok = x.titleHeading(para, q)
				titled = ok
			}
		}
		if !ok && k == 0 {
			// a quote opening its sentence: the quote before goes on, or
			// the paragraph continues the previous speaker
			if q.cont && t.q > 0 && x.qSpeaker[t.q-1] >= 0 {
				at, ok = attr{ent: x.qSpeaker[t.q-1], s: -1, verb: -1}, true
			} else if lead, found := x.leadIn(para, q); found {
				at, ok = lead, true
			} else if x.last >= 0 && x.unreadGroup <= x.lastGroup && !transcript(text[q.start:q.end]) && (x.lastGroup >= x.groupN-2 && x.lastPara == para || q.open == x.a.Paragraphs[para].Start && x.lastPara == x.prevBody(para)) {
				at, ok = attr{ent: x.last, s: -1, verb: -1}, true
			}
		}
		if !ok && prevK >= 0 && x.butGoesOn(toks, prevAt, k) {
			// '"...," he said, but "...": the same speaker goes on
			at, ok = attr{ent: prevAt.ent, s: -1, verb: -1}, true
		}
		if !ok || !titled && (isTitle(text[q.start:q.end]) || x.nickname(toks, k)) {
			continue // scare quotes, titles, unattributed words, nicknames
		}
		kind := Partial
		if isDirect(text[q.start:q.end], k == 0) && !(titled && titleCased(text[q.start:q.end])) {
			kind = Direct // a heading's words in Title Case are fragments of what was said
		}
		if d := x.deniedClaim(toks, at.verb, k); kind == Partial && d >= 0 {
			// 'Howard dismissed claims that his policy was "moving onto
			// the turf"': the words are the claim he rejects, not his;
			// the sentence stays one reported statement, on the denial
			if at.verb >= 0 && at.verb != d {
				usedVerb[at.verb] = true
			}
			continue
		}
		// 'Lindqvist said the crowds had gone "in a hurry ..."': the clause
		// around a fragment is reported speech too
		if at.verb >= 0 && !(kind == Partial && at.verb < k-2) {
			usedVerb[at.verb] = true
		}
		x.qSpeaker[t.q] = at.ent
		groupSpeaker = at.ent
		prevK, prevAt = k, at
		x.emit(at.ent, text[q.start:q.end], kind, q.start, q.end, sentence, start)
		x.note(at.ent, para)
	}
	x.reported(toks, start, end, para, usedVerb, sentence)
	if n := len(toks); n >= 2 && toks[n-1].kind == tPunct && text[toks[n-1].s] == ':' {
		// "Caddell continued:" / "He said:" before a quote paragraph
		for v := n - 2; v >= 0 && v >= n-6; v-- {
			if x.verb(toks[v])&(vSpeech|vAfter) != 0 {
				if at, ok := x.subject(toks, v, 0); ok {
					x.note(at.ent, para)
				}
				break
			}
		}
	}
	if x.lastGroup != x.groupN {
		x.noteMention(toks)
		x.notePlural(toks)
	}
	_ = groupSpeaker
	_ = lastInPara
}

// commonWord reports a word that is capitalised only because it opens a
// sentence.
func commonWord(w string) bool { return commonWords[w] }

// commonWords are the lexicons commonWord asks in one set: one lookup a
// word, not nine.
var commonWords = func() map[string]bool {
	m := set(`neither either now lest only even asked still`)
	for _, l := range []map[string]bool{pronouns, clauseWords, prepositions, notWho, conjunctions, skipWords, npWords, days, months} {
		for w, ok := range l {
			if ok {
				m[w] = true
			}
		}
	}
	return m
}()

// known reports whether a one-word name is a speaker met before, whole or
// as a surname.
func (x *stmtExtractor) known(w string) bool {
	for _, o := range x.ents {
		n := o.name
		if len(n) > len(w) && n[len(n)-len(w)-1] == ' ' {
			n = n[len(n)-len(w):]
		}
		if strings.EqualFold(n, w) {
			return true
		}
	}
	return false
}

// nameAfterPost finds, from token i, a post of a few lower-case words
// ending on a title or a person's noun, then a name of two capitalised
// words or more: "chairman Ole Brandt", "home affairs spokesman Mark
// Oaten". It returns the name's tokens [k, k2).
func (x *stmtExtractor) nameAfterPost(toks []tok, i int) (int, int, bool) {
	text := x.text
	for j := i; j < len(toks) && j < i+3; j++ {
		if toks[j].kind != tWord || isCapWord(text[toks[j].s:toks[j].e]) {
			return 0, 0, false
		}
		w := x.word(toks[j])
		if !titles[w] && !personNouns[w] {
			// "home affairs spokesman", never "slated comedian"
			if !x.describer(toks[j]) || isDet(w) || strings.HasSuffix(w, "ed") {
				return 0, 0, false
			}
			continue
		}
		k := j + 1
		k2 := k
		for k2 < len(toks) && toks[k2].kind == tWord && isCapWord(text[toks[k2].s:toks[k2].e]) && k2-k < 5 {
			k2++
		}
		if k2-k >= 2 {
			return k, k2, true
		}
		return 0, 0, false
	}
	return 0, 0, false
}

// noteMention remembers the named subject of a group: a run of
// capitalised words opening a clause and followed by a verb-like word or
// an appositive ("Tomas Reyes, the engineer, ...").
func (x *stmtExtractor) noteMention(toks []tok) {
	text := x.text
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tWord || !isCapWord(text[toks[i].s:toks[i].e]) {
			continue
		}
		if commonWord(x.word(toks[i])) {
			continue // "At the time, ...", "She can't ...", "Now Reyes ..."
		}
		e := i
		for e < len(toks) && toks[e].kind == tWord && isCapWord(text[toks[e].s:toks[e].e]) && e-i < 8 {
			e++
		}
		if e-i == 1 && !x.known(x.word(toks[i])) {
			// one capitalised word is a name only when it names someone met
			// before: "Ham went on to explain ..."
			i = e
			continue
		}
		if strings.HasSuffix(x.word(toks[e-1]), "'s") {
			// "Sylvester Stallone's ex-wife Brigitte Nielsen nominated":
			// the possessor is not the subject; the name after its noun is
			k := e
			for k < len(toks) && k < e+3 && toks[k].kind == tWord && !isCapWord(text[toks[k].s:toks[k].e]) {
				k++
			}
			if i == 0 && k > e && k < len(toks) && toks[k].kind == tWord && isCapWord(text[toks[k].s:toks[k].e]) {
				e2 := k
				for e2 < len(toks) && toks[e2].kind == tWord && isCapWord(text[toks[e2].s:toks[e2].e]) && e2-k < 6 {
					e2++
				}
				if e2-k >= 2 && e2 < len(toks) && toks[e2].kind == tWord && !isCapWord(text[toks[e2].s:toks[e2].e]) {
					if ent, ok := x.entityFor(toks, k, e2, x.text[toks[i].s:toks[k-1].e]); ok && x.ents[ent].kind != 'o' {
						x.mention, x.mentionGroup = ent, x.groupN
						return
					}
				}
			}
			i = e
			continue
		}
		opens := i == 0 || toks[i-1].kind == tPunct && text[toks[i-1].s] == ','
		if !opens {
			// ", presidential nominee Hillary Clinton was": a title or a
			// description of few words before the name opens the clause
			b := i
			if h := x.word(toks[i-1]); toks[i-1].kind == tWord && (titles[h] || personNouns[h]) {
				for b > 0 && i-b < 3 && toks[b-1].kind == tWord && !isCapWord(text[toks[b-1].s:toks[b-1].e]) && x.describer(toks[b-1]) && !isDet(x.word(toks[b-1])) {
					b--
				}
			}
			opens = b < i && (b == 0 || toks[b-1].kind == tPunct && text[toks[b-1].s] == ',')
		}
		next := e
		if next+1 < len(toks) && toks[next].kind == tPunct && text[toks[next].s] == ',' {
			// skip an appositive up to its closing comma
			k := next + 1
			for k < len(toks) && toks[k].kind == tWord && k-next < 10 {
				k++
			}
			if k < len(toks) && toks[k].kind == tPunct && text[toks[k].s] == ',' {
				next = k + 1
			} else if i > 0 {
				next++ // the name is the appositive: "The engineer, Tomas Reyes, described"
			}
		}
		verbLike := next < len(toks) && toks[next].kind == tWord && !isCapWord(text[toks[next].s:toks[next].e])
		if verbLike {
			w := x.word(toks[next])
			verbLike = !clauseWords[w] && !prepositions[w] && !relWords[w] || skipWords[w]
		}
		if opens && verbLike {
			// "Lib Dem chairman Ole Brandt has written": the party and the
			// post are the role of the name after them
			if k, k2, ok := x.nameAfterPost(toks, next); ok {
				if ent, ok := x.entityFor(toks, k, k2, x.text[toks[i].s:toks[k-1].e]); ok && x.ents[ent].kind != 'o' {
					x.mention, x.mentionGroup = ent, x.groupN
					return
				}
			}
			if ent, ok := x.entityFor(toks, i, e, ""); ok && x.ents[ent].kind != 'o' {
				x.mention, x.mentionGroup = ent, x.groupN
				return
			}
		}
		i = e
	}
}

func (x *stmtExtractor) prevBody(pi int) int {
	for j := pi - 1; j >= 0; j-- {
		if x.a.Paragraphs[j].Kind == corpus.Body {
			return j
		}
	}
	return -2
}

func (x *stmtExtractor) note(ent, para int) {
	x.last, x.lastPara, x.lastGroup = ent, para, x.groupN
	if n := len(x.hist); n == 0 || x.hist[n-1] != ent {
		x.hist = append(x.hist, ent)
	}
}

func (x *stmtExtractor) emit(ent int, quote, kind string, s, e int, sentence string, gstart int) {
	if gstart <= s && furniture(x.text[gstart:s]) >= 0 {
		return // inside a headline a link to another story brought in
	}
	if k := furniture(quote); k >= 0 {
		// a link to another story: the words before it may stand, the
		// headline after it never
		e = trimEnd(x.text, s, s+k)
		if strings.Count(x.text[s:e], " ") < 3 {
			return
		}
		quote = x.text[s:e]
	}
	if caption(quote) {
		return // a photo caption is nobody's speech
	}
	en := x.ents[ent]
	if n := len(x.out); n > 0 {
		// two cues of one sentence ('rejected ... and said') report the
		// same words once
		if p := x.out[n-1]; p.Kind == kind && p.Evidence.Start == s && p.Evidence.End == e && p.Speaker == en.name && p.Role == en.role {
			return
		}
	}
	x.out = append(x.out, Statement{
		Article:  x.a.ID,
		Speaker:  en.name,
		Role:     en.role,
		Quote:    quote,
		Kind:     kind,
		Date:     x.date,
		Evidence: Evidence{Article: x.a.ID, Start: s, End: e, Sentence: sentence},
	})
}

// isTitle tells the name of a show or a work ("Morning Joe", "State of
// the Union.") from speech: every word capitalised but small joiners.
func isTitle(q string) bool {
	n := 0
	for _, w := range strings.Fields(q) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			switch w {
			case "of", "the", "and", "in", "on", "a", "for", "to", "with":
				continue
			}
			return false
		}
		n++
	}
	if n == 0 || n > 6 || strings.ContainsAny(strings.TrimRight(q, ".,!?"), ".!?,") {
		return false
	}
	// a one-word quote or one opening with a pronoun is speech, not a name
	f := strings.Fields(q)
	switch f[0] {
	case "I", "We", "It", "This", "That", "They", "You":
		return false
	}
	return len(f) > 1
}

// closesClause reports that quote k ends where an attribution may follow:
// its words end on a comma or a stop, or a comma follows it.
func (x *stmtExtractor) closesClause(toks []tok, k int) bool {
	q := x.qs[toks[k].q]
	inner := strings.TrimRight(x.text[q.start:q.end], " ")
	if strings.HasSuffix(inner, ",") || strings.HasSuffix(inner, ".") || strings.HasSuffix(inner, "?") || strings.HasSuffix(inner, "!") || strings.HasSuffix(inner, "…") {
		return true
	}
	return k+1 < len(toks) && toks[k+1].kind == tPunct && x.text[toks[k+1].s] == ','
}

// leadIn reads the line before a paragraph that opens with quote q when
// it is an attribution ending in a colon, split off as a line of its own
// ("The New York Times reports:", "Caddell continued:").
func (x *stmtExtractor) leadIn(para int, q quoteSpan) (attr, bool) {
	if para == 0 || q.open != x.a.Paragraphs[para].Start {
		return attr{}, false
	}
	p := x.a.Paragraphs[para-1]
	line := strings.TrimRight(x.text[p.Start:p.End], " ")
	if p.Kind == corpus.Body || !strings.HasSuffix(line, ":") || len(line) > 80 {
		return attr{}, false
	}
	toks := tokenize(nil, x.text, x.low, p.Start, p.Start+len(line)-1, nil, 0)
	n := len(toks)
	if n < 2 || toks[n-1].kind != tWord || x.verb(toks[n-1])&(vSpeech|vAfter) == 0 {
		return attr{}, false
	}
	at, ok := x.subject(toks, n-1, 0)
	if !ok {
		return attr{}, false
	}
	x.note(at.ent, para)
	return attr{ent: at.ent, s: -1, verb: -1}, true
}

// butGoesOn reports that quote k follows the attribution of the quote
// before it with only ", but" between: '"...," he said, but "..."'.
func (x *stmtExtractor) butGoesOn(toks []tok, prev attr, k int) bool {
	if prev.verb < 0 || prev.verb >= k {
		return false
	}
	j := prev.verb + 1
	for prev.inverted && j < k && toks[j].s < prev.e {
		j++
	}
	if j < k && toks[j].kind == tPunct && x.text[toks[j].s] == ',' {
		j++
	}
	if !x.isWord(toks, j, "but") {
		return false
	}
	j++
	if j < k && toks[j].kind == tPunct && x.text[toks[j].s] == ',' {
		j++
	}
	return j == k
}

// nickname reports a quote of one or two capitalised words inside a
// personal name: Marcia "Cia" Price.
func (x *stmtExtractor) nickname(toks []tok, k int) bool {
	if k == 0 || k+1 >= len(toks) || toks[k-1].kind != tWord || toks[k+1].kind != tWord ||
		!isCapWord(x.text[toks[k-1].s:toks[k-1].e]) || !isCapWord(x.text[toks[k+1].s:toks[k+1].e]) {
		return false
	}
	q := x.qs[toks[k].q]
	f := strings.Fields(x.text[q.start:q.end])
	if len(f) == 0 || len(f) > 2 {
		return false
	}
	for _, w := range f {
		if !isCapWord(w) {
			return false
		}
	}
	return true
}

// denialVerbs reject what follows them; claimNouns name what is rejected.
var (
	denialVerbs = map[string]bool{"dismissed": true, "dismisses": true, "dismiss": true, "rejected": true, "rejects": true, "reject": true,
		"denied": true, "denies": true, "deny": true, "refuted": true, "refutes": true, "rebuffed": true, "rebuts": true, "rebutted": true,
		"disputed": true, "disputes": true, "contested": true, "contests": true, "brushed": true, "brushes": true, "ridiculed": true, "mocked": true,
		"derided": true, "derides": true}
	claimNouns = map[string]bool{"claim": true, "claims": true, "suggestion": true, "suggestions": true, "report": true, "reports": true,
		"accusation": true, "accusations": true, "allegation": true, "allegations": true, "charge": true, "charges": true, "idea": true,
		"notion": true, "criticism": true, "criticisms": true, "talk": true, "speculation": true, "rumours": true, "rumors": true,
		"assertion": true, "assertions": true, "complaints": true, "fears": true, "warnings": true, "view": true}
)

// deniedClaim is the denial verb whose rejected claim holds the quote at
// token k, or -1: a denial verb, a claim noun and "that" before the quote
// ('denied reports that he had called the deal "a disaster"'). "dismissed
// the report as "nonsense"" is the speaker's own word.
func (x *stmtExtractor) deniedClaim(toks []tok, verb, k int) int {
	if verb < 0 || verb >= k {
		return -1
	}
	// the denial may stand before the cue read ('denied reports that he
	// had called the deal "..."' is cued by "called")
	denial, noun := -1, false
	for i := max(0, verb-6); i < k; i++ {
		if toks[i].kind != tWord {
			continue
		}
		w := strings.ToLower(x.text[toks[i].s:toks[i].e])
		switch {
		case denialVerbs[w]:
			denial, noun = i, false
		case denial >= 0 && i <= denial+8 && claimNouns[w]:
			noun = true
		case noun && (w == "that" || pronouns[w] && i > 0 && claimNouns[x.word(toks[i-1])]):
			// "derided Tory claims they could cut ..." drops its "that"
			if x.ownClauseBefore(toks, i+1, k) {
				return -1
			}
			return denial
		}
	}
	return -1
}

// ownClauseBefore reports an "and said", "but added" between from and the
// quote at k: the speaker's own clause after the rejected claim ('rejected
// claims that the plan failed and said it was "a success"').
func (x *stmtExtractor) ownClauseBefore(toks []tok, from, k int) bool {
	for i := from; i+1 < k; i++ {
		if toks[i].kind != tWord {
			continue
		}
		if w := strings.ToLower(x.text[toks[i].s:toks[i].e]); w != "and" && w != "but" {
			continue
		}
		for j := i + 1; j < k && j <= i+2; j++ {
			if toks[j].kind == tWord && x.verb(toks[j])&vSpeech != 0 {
				return true
			}
		}
	}
	return false
}

// isDirect tells a quoted sentence from a quoted fragment: a sentence
// starts with a capital (or opens its own sentence) and has a few words.
func isDirect(q string, opensSentence bool) bool {
	r, _ := utf8.DecodeRuneInString(q)
	if r == '.' || r == '…' {
		return opensSentence
	}
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	return opensSentence || strings.Count(q, " ") >= 2
}

// verb returns the cue flags of a lower-case word ("States" is no verb).
// verb is the cue flags of a word not capitalised; tokens are always
// read from x.text, so tokenize has looked them up.
func (x *stmtExtractor) verb(t tok) int {
	if t.kind != tWord {
		return 0
	}
	return t.vf
}

func (x *stmtExtractor) word(t tok) string { return t.w }

func (x *stmtExtractor) isWord(toks []tok, i int, w string) bool {
	return i >= 0 && i < len(toks) && toks[i].kind == tWord && x.word(toks[i]) == w
}

// after reads an attribution right after quote k: '"...," he said',
// '"...," said X, a teacher', '"...", the resident added', '"...",
// according to the Observatory'.
func (x *stmtExtractor) after(toks []tok, k int) (attr, bool) {
	i := k + 1
	for i < len(toks) && toks[i].kind == tPunct && x.text[toks[i].s] == ',' {
		i++
	}
	if i >= len(toks) || toks[i].kind != tWord {
		return attr{}, false
	}
	if at, ok := x.attribAt(toks, i, true); ok {
		return at, true
	}
	return x.longSpeaker(toks, i)
}

// dashAttrib reads a byline after a closed quote that ends its line:
// '"We need a leader." ― Jorge Falcon' (the form of quote collections).
func (x *stmtExtractor) dashAttrib(q quoteSpan) (attr, bool) {
	if !q.closed {
		return attr{}, false
	}
	text, i := x.text, q.markEnd
	end := x.a.Paragraphs[q.para].End
	i = skipBlank(text, i, end)
	r, n := utf8.DecodeRuneInString(text[i:end])
	if r != '―' && r != '—' {
		return attr{}, false
	}
	s := skipBlank(text, i+n, end)
	e := s
	for e < end && text[e] != '\n' {
		e++
	}
	e = trimEnd(text, s, e)
	if strings.HasSuffix(text[s:e], ".") && !isAbbrevWord(lastField(text[s:e])) {
		e--
	}
	if e <= s {
		return attr{}, false
	}
	toks := tokenize(nil, text, x.low, s, e, nil, 0)
	if len(toks) == 0 || len(toks) > 5 || toks[len(toks)-1].e != e {
		return attr{}, false
	}
	for _, t := range toks {
		if t.kind != tWord || !isCapWord(text[t.s:t.e]) {
			return attr{}, false
		}
	}
	ent, ok := x.entityFor(toks, 0, len(toks), "")
	if !ok || x.ents[ent].kind == 'o' {
		return attr{}, false
	}
	return attr{ent: ent, s: s, e: e, verb: -1}, true
}

// skipBlank steps over spaces, including no-break spaces.
func skipBlank(text string, i, end int) int {
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if r != ' ' && r != '\u00a0' && r != '\t' {
			break
		}
		i += n
	}
	return i
}

func lastField(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// ownCue reports whether a cue follows quote k closely: the quote is
// attributed there even when the speaker phrase cannot be read.
func (x *stmtExtractor) ownCue(toks []tok, k int) bool {
	if k > 0 && !x.closesClause(toks, k) {
		return false // 'the advert "clearly and wrongly" suggests': a fragment in its clause
	}
	first := true
	for i := k + 1; i < len(toks) && i <= k+16; i++ {
		if toks[i].kind == tQuote || toks[i].kind == tPunct && x.text[toks[i].s] != ',' {
			return false
		}
		if x.verb(toks[i])&vAfter != 0 {
			return true
		}
		opens := first && toks[i].kind == tWord
		if toks[i].kind == tWord {
			first = false
		}
		// "the member of parliament from ... said", "Jan Egeland the UN
		// envoy for Syria on humanitarian issues said": a long speaker
		// phrase; "my uncle often said" opens with its possessive
		if w := x.word(toks[i]); conjunctions[w] || relWords[w] || possessives[w] && !opens ||
			prepositions[w] && w != "of" && w != "from" && w != "for" && w != "on" && w != "in" && w != "at" {
			return false // "..., while Guterres said": another clause
		}
	}
	return false
}

// attribOnly reads a sentence that is nothing but an attribution ("Trump said.").
func (x *stmtExtractor) attribOnly(s Sentence) (attr, bool) {
	if s.End-s.Start > 120 {
		return attr{}, false
	}
	toks := tokenize(nil, x.text, x.low, s.Start, s.End, nil, 0)
	at, ok := x.attribAt(toks, 0, true)
	if !ok || at.verb < 0 {
		return attr{}, false
	}
	// nothing of substance may follow: "Trump said." or "he told
	// reporters.", or an aside in a participle: 'Holm said, echoing
	// many members who ...'
	if len(toks)-at.verb > 6 && !x.participleAside(toks, at.verb+1) {
		return attr{}, false
	}
	at.verb = -1
	at.s = -1
	return at, true
}

// participleAside reports ", VERBing ..." at token i: a lower-case
// participle after a comma, the clause an aside on the speaker.
func (x *stmtExtractor) participleAside(toks []tok, i int) bool {
	if i+1 >= len(toks) || toks[i].kind != tPunct || x.text[toks[i].s] != ',' || toks[i+1].kind != tWord {
		return false
	}
	t := toks[i+1]
	return !isCapWord(x.text[t.s:t.e]) && strings.HasSuffix(t.w, "ing") && len(t.w) > 5
}

// attribAt parses an attribution clause starting at token i: "NP VERB",
// "VERB NP" or "according to NP". whole asks that it be the rest of the
// clause (nothing but objects and adverbs after it).
func (x *stmtExtractor) attribAt(toks []tok, i int, whole bool) (attr, bool) {
	if i >= len(toks) || toks[i].kind != tWord {
		return attr{}, false
	}
	w := x.word(toks[i])
	if w == "according" && x.isWord(toks, i+1, "to") {
		j := i + 2
		e := x.npRun(toks, j)
		if e == j {
			return attr{}, false
		}
		if bs, be := x.issuer(toks, e); be > bs {
			j, e = bs, be // "according to a complaint filed by the SEC"
		}
		ent, ok := x.entityFor(toks, j, e, "")
		if !ok {
			return attr{}, false
		}
		return attr{ent: ent, s: toks[j].s, e: toks[e-1].e, verb: i}, true
	}
	if f := x.verb(toks[i]); f&vAfter != 0 || i == 0 && (w == "said" || w == "says") {
		// inverted: said Kremlin spokesman Dmitry Peskov
		j := i + 1
		for j < len(toks) && toks[j].kind == tWord && days[x.word(toks[j])] {
			j++
		}
		e := x.npRun(toks, j)
		if e == j {
			// "said election officer Anders Holm": lower-case words of
			// description before the name
			k := j
			for k < len(toks) && k < j+3 && x.describer(toks[k]) {
				k++
			}
			if k == j || k >= len(toks) || toks[k].kind != tWord || !isCapWord(x.text[toks[k].s:toks[k].e]) {
				return attr{}, false
			}
			if e = x.npRun(toks, k); e-k < 2 || e < len(toks) && toks[e].kind == tWord && !clauseWords[x.word(toks[e])] {
				return attr{}, false
			}
			if n, ok := x.nameLike(toks, k, e); !ok || n < 2 {
				return attr{}, false
			}
			ent, ok := x.entityFor(toks, k, e, x.text[toks[j].s:toks[k-1].e])
			if !ok || x.ents[ent].kind == 'o' {
				return attr{}, false
			}
			return attr{ent: ent, s: toks[j].s, e: toks[e-1].e, verb: i, inverted: true}, true
		}
		ns, ne := j, e
		// "said a statement issued by the US State Department"
		if bs, be := x.issuer(toks, e); be > bs {
			ns, ne, e = bs, be, be
		}
		if pronouns[x.word(toks[ns])] || e < len(toks) && toks[e].kind == tWord && !clauseWords[x.word(toks[e])] && !relWords[x.word(toks[e])] && x.verb(toks[e])&vGerund == 0 {
			return attr{}, false // "said the Russian presence had ...": a clause, not a speaker
		}
		role := x.appositive(toks, e)
		ent, ok := x.entityFor(toks, ns, ne, role)
		if !ok {
			return attr{}, false
		}
		return attr{ent: ent, s: toks[ns].s, e: toks[ne-1].e, verb: i, inverted: true}, true
	}
	// NP [, appositive,] [adverbs] VERB
	e := x.npRun(toks, i)
	if e == i && whole {
		// '"...," the influential daily wrote', '"...," her campaign said'
		if at, ok := x.describedHead(toks, i); ok {
			return at, true
		}
	}
	if e == i {
		// '"...," retired Air Force general Lloyd Newton said': lower-case
		// words of description before the name
		for k := i; whole && k < len(toks) && k < i+3 && x.describer(toks[k]); k++ {
			if k+1 < len(toks) && toks[k+1].kind == tWord && isCapWord(x.text[toks[k+1].s:toks[k+1].e]) {
				return x.attribAt(toks, k+1, whole)
			}
		}
		return attr{}, false
	}
	j := e
	role := ""
	if whole {
		// '"...," a narrator in the campaign ad asks': a person and where
		// he stands, right before the cue
		if k := x.personPP(toks, i, e); k > e {
			role, j = x.text[toks[e].s:toks[k-1].e], k
		}
	}
	if j+2 < len(toks) && toks[j].kind == tPunct && x.text[toks[j].s] == '(' {
		// "Sen. Claire McCaskill (D-Mo.) said"
		for k := j + 1; k < len(toks) && k <= j+8; k++ {
			if toks[k].kind == tPunct && x.text[toks[k].s] == ')' {
				j = k + 1
				break
			}
		}
	}
	for n := 0; n < 2 && j < len(toks) && toks[j].kind == tPunct && x.text[toks[j].s] == ','; n++ {
		// appositive up to the next comma; a second one may follow: "Scott
		// Pruitt, the attorney general of Oklahoma, one of the states
		// suing, said"
		k := j + 1
		for k < len(toks) && toks[k].kind == tWord {
			k++
		}
		if k >= len(toks) || k == j+1 || x.text[toks[k].s] != ',' {
			break
		}
		if n == 0 {
			role = x.roleText(toks, j+1, k)
		} else if x.verb(toks[j+1]) != 0 || !x.isWord(toks, j+1, "one") && !x.isWord(toks, j+1, "a") && !x.isWord(toks, j+1, "an") && !x.isWord(toks, j+1, "the") {
			break
		}
		j = k // the comma closing it may open a second one
	}
	if j < len(toks) && j > e && toks[j].kind == tPunct && x.text[toks[j].s] == ',' {
		j++
	}
	for j < len(toks) && toks[j].kind == tWord && (skipWords[x.word(toks[j])] || x.lyAdverb(toks[j])) && x.verb(toks[j]) == 0 {
		j++
	}
	if x.isWord(toks, j, "quoted") && x.isWord(toks, j+1, "as") {
		j += 2 // "Barazi was quoted as saying"
	}
	if j >= len(toks) || toks[j].kind != tWord || x.verb(toks[j])&(vAfter|vGerund) == 0 {
		return attr{}, false
	}
	ent, ok := x.entityFor(toks, i, e, role)
	if !ok {
		return attr{}, false
	}
	return attr{ent: ent, s: toks[i].s, e: toks[e-1].e, verb: j}, true
}

// describedHead reads a speaker phrase after a quote that is a common
// noun of speakerNouns after a determiner or possessive and up to three
// words describing it, the cue right after it: '"...," the influential
// daily wrote', '"...," the bankruptcy filing says', '"...," her campaign
// said'. npRun stops at the first lower-case describer it does not know.
func (x *stmtExtractor) describedHead(toks []tok, i int) (attr, bool) {
	for h := i + 1; h < len(toks) && h <= i+4; h++ {
		if toks[h].kind != tWord || x.verb(toks[h]) != 0 {
			return attr{}, false
		}
		if !x.describedPhrase(toks, i, h+1) {
			continue
		}
		j := h + 1
		for j < len(toks) && toks[j].kind == tWord && (skipWords[x.word(toks[j])] || x.lyAdverb(toks[j])) && x.verb(toks[j]) == 0 {
			j++
		}
		if j >= len(toks) || toks[j].kind != tWord || x.verb(toks[j])&vAfter == 0 {
			return attr{}, false
		}
		return x.describedAttr(toks, i, h+1, j)
	}
	return attr{}, false
}

// describedPhrase reports toks[s:e] as a determiner or possessive, up to
// three words describing the head (lower-case describers or capitalised
// words: "the influential US daily") and a lower-case head of
// speakerNouns.
func (x *stmtExtractor) describedPhrase(toks []tok, s, e int) bool {
	if e-s < 2 || e-s > 5 {
		return false
	}
	switch x.word(toks[s]) {
	case "the", "a", "an":
	case "his", "her", "their", "its":
		if personNouns[x.word(toks[e-1])] {
			return false // "its chief has said": whose chief is the speaker we would lose
		}
	default:
		return false
	}
	h := toks[e-1]
	if h.kind != tWord || isCapWord(x.text[h.s:h.e]) || !speakerNouns[x.word(h)] && !describedNouns[x.word(h)] || x.verb(h) != 0 {
		return false
	}
	for k := s + 1; k < e-1; k++ {
		t := toks[k]
		if t.kind != tWord || x.verb(t) != 0 {
			return false
		}
		w := x.word(t)
		if pronouns[w] || possessives[w] || isDet(w) || !isCapWord(x.text[t.s:t.e]) && !x.describer(t) {
			return false
		}
	}
	return true
}

// describedAttr is the attribution of a described phrase toks[s:e] (see
// describedPhrase) to the cue v; after a possessive the noun alone
// speaks ("her campaign" is the campaign).
func (x *stmtExtractor) describedAttr(toks []tok, s, e, v int) (attr, bool) {
	if possessives[x.word(toks[s])] {
		s++
	}
	ent, ok := x.entityFor(toks, s, e, "")
	if !ok {
		return attr{}, false
	}
	return attr{ent: ent, s: toks[s].s, e: toks[e-1].e, verb: v}, true
}

// personPP returns the end of a prepositional phrase after a speaker
// phrase toks[i:e] headed by a person noun that a cue follows right away
// ("a narrator in the campaign ad asks"), or e when there is none.
func (x *stmtExtractor) personPP(toks []tok, i, e int) int {
	if e >= len(toks) || e-i > 4 || !personNouns[x.word(toks[e-1])] || isCapWord(x.text[toks[e-1].s:toks[e-1].e]) {
		return e
	}
	switch x.word(toks[e]) {
	case "in", "at", "from", "on", "with", "inside":
	default:
		return e
	}
	for k := e + 1; k < len(toks) && k <= e+6; k++ {
		if toks[k].kind != tWord {
			return e
		}
		if f := x.verb(toks[k]); f&vAfter != 0 {
			if k == e+1 {
				return e
			}
			return k
		}
		if w := x.word(toks[k]); clauseWords[w] || relWords[w] || pronouns[w] || possessives[w] || x.verb(toks[k]) != 0 {
			return e
		}
	}
	return e
}

// issuer reads the body that issued a document named by the phrase ending
// at token e ("a statement issued by the State Department", "a complaint
// filed by the SEC"): its phrase's token range, empty when none.
func (x *stmtExtractor) issuer(toks []tok, e int) (int, int) {
	switch x.word(toks[e-1]) {
	case "statement", "report", "communique", "complaint", "lawsuit", "filing", "memo", "letter", "study":
	default:
		return 0, 0
	}
	k := e
	switch x.word(toks[min(k, len(toks)-1)]) {
	case "issued", "released", "published", "filed", "sent", "written", "signed", "prepared":
		k++
	}
	if x.isWord(toks, k, "by") || x.isWord(toks, k, "from") {
		if e2 := x.npRun(toks, k+1); e2 > k+1 {
			return k + 1, e2
		}
	}
	return 0, 0
}

// describer reports a lower-case word that may describe a speaker before
// the name ("retired", "panel"): not a cue, a pronoun or a joining word.
func (x *stmtExtractor) describer(t tok) bool {
	if t.kind != tWord || isCapWord(x.text[t.s:t.e]) {
		return false
	}
	w := x.word(t)
	return verbs[w] == 0 && !pronouns[w] && !clauseWords[w] && !relWords[w] && !prepositions[w] && !skipWords[w] && !conjunctions[w] && !strings.HasSuffix(w, "ly")
}

// appositive returns the ", a 45-year-old teacher" after a speaker at token e.
func (x *stmtExtractor) appositive(toks []tok, e int) string {
	if e+1 >= len(toks) || toks[e].kind != tPunct || x.text[toks[e].s] != ',' || toks[e+1].kind != tWord {
		return ""
	}
	k := e + 1
	for k < len(toks) && toks[k].kind == tWord && !relWords[x.word(toks[k])] && x.word(toks[k]) != "based" {
		k++
	}
	if first := x.word(toks[e+1]); k == e+1 || x.verb(toks[e+1]) != 0 || strings.HasSuffix(first, "ing") && !isCapWord(x.text[toks[e+1].s:toks[e+1].e]) {
		return ""
	}
	return x.roleText(toks, e+1, k)
}

func (x *stmtExtractor) roleText(toks []tok, i, j int) string {
	if j-i > 14 {
		return ""
	}
	for i < j && (x.word(toks[i]) == "a" || x.word(toks[i]) == "an" || x.word(toks[i]) == "the") {
		i++
	}
	if i >= j {
		return ""
	}
	if relWords[x.word(toks[i])] {
		return ""
	}
	return x.text[toks[i].s:toks[j-1].e]
}

// npRun returns the end of the speaker phrase that starts at token i.
func (x *stmtExtractor) npRun(toks []tok, i int) int {
	j := i
	for j < len(toks) && toks[j].kind == tWord && j-i < 14 {
		w := x.word(toks[j])
		if pronouns[w] {
			if j == i {
				return j + 1
			}
			break
		}
		if x.namedAt(toks, j) {
			j++
			continue
		}
		if x.verb(toks[j]) != 0 || clauseWords[w] && !(w == "and" && j > i && j+1 < len(toks) && isCapWord(x.text[toks[j+1].s:toks[j+1].e])) || relWords[w] {
			break
		}
		if !x.npWord(toks[j]) {
			break
		}
		j++
	}
	// do not end on a joining word
	for j > i {
		w := x.word(toks[j-1])
		if w != "of" && w != "for" && w != "and" && w != "the" && w != "a" {
			break
		}
		j--
	}
	return j
}

// npWord reports whether a token may sit in a speaker phrase.
func (x *stmtExtractor) npWord(t tok) bool {
	s := x.text[t.s:t.e]
	if isCapWord(s) {
		return true
	}
	w := x.word(t)
	if npWords[w] || speakerNouns[w] || titles[w] {
		return true
	}
	if strings.HasSuffix(w, "-old") || strings.HasSuffix(w, "-based") || strings.HasSuffix(w, "'s") {
		return true
	}
	for _, r := range w {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// before finds the cue that governs quote k from before it: 'X said: "..."',
// 'X called for an end to the "instability"'.
func (x *stmtExtractor) before(toks []tok, k int) (attr, bool) {
	for v := k - 1; v >= 0; v-- {
		t := toks[v]
		if t.kind == tPunct && x.text[t.s] == ';' {
			return attr{}, false
		}
		if t.kind != tWord {
			continue
		}
		w := x.word(t)
		if w == "while" || w == "but" || w == "whereas" || w == "although" {
			return attr{}, false
		}
		f := x.verb(t)
		if v == 0 && (w == "said" || w == "says") {
			f = verbs[w] // capitalised only because it opens the sentence
		}
		if x.nounUse(toks, v) {
			f = 0
		}
		if f == 0 && referVerbs[w] && x.referredAs(toks, v, k) {
			f = vPartial | vSpeech // 'she referred to him as "the devil"'
			if strings.HasSuffix(w, "ing") {
				f |= vGerund
			}
		}
		// a weak cue governs only the quote its colon or comma opens:
		// 'Limbaugh continued: "..."', 'He concluded, "..."'
		introduces := k == v+2 && toks[v+1].kind == tPunct && (x.text[toks[v+1].s] == ':' || x.text[toks[v+1].s] == ',')
		if f&(vSpeech|vPartial) == 0 && !(f&vAfter != 0 && introduces) {
			if w == "according" && x.isWord(toks, v+1, "to") {
				return x.attribAt(toks, v, false)
			}
			continue
		}
		if (w == "called" || w == "calls" || w == "call") && x.naming(toks, v, k) && !x.whatCalled(toks, v) {
			return attr{}, false
		}
		// 'Lund called it "..."' is read as speech only when its subject
		// is named: "which he calls", "It has called it" lean on a
		// pronoun's guess for words that may be a name after all
		plainCalled := (w == "called" || w == "calls" || w == "call") && !x.whatCalled(toks, v) &&
			(k == v+1 || k == v+2 && (x.isWord(toks, v+1, "the") || x.isWord(toks, v+1, "a") || x.isWord(toks, v+1, "it")))
		if f&vPartial != 0 && v > 0 && passiveAux[x.word(toks[v-1])] && (w == "called" || w == "described" || w == "referred" || w == "dubbed" || w == "labelled" || w == "labeled" || w == "branded") {
			return attr{}, false // 'he was called the "fifth child" by ...': named by another
		}
		if f&vGerund != 0 && x.verb(t) == 0 {
			// "by referring to X as "...": the clause's subject
			if at, ok := x.mainSubject(toks, v, 0); ok {
				return at, true
			}
		}
		if at, ok := x.subject(toks, v, 0); ok {
			if plainCalled && (at.s < 0 || pronouns[lower(x.text[at.s:at.e])]) {
				return attr{}, false
			}
			return at, true
		}
		if f&vAfter != 0 && (v == 0 || toks[v-1].kind == tPunct) {
			// 'Said Ellis: "..."': the cue opens its clause, the speaker follows
			if at, ok := x.attribAt(toks, v, false); ok && at.inverted {
				if c := x.tokAt(toks, at.e); c+1 == k && toks[c].kind == tPunct && (x.text[toks[c].s] == ':' || x.text[toks[c].s] == ',') {
					return at, true
				}
			}
		}
	}
	return attr{}, false
}

// issueVerbs put out a document; docNouns are what they put out.
var (
	issueVerbs = set(`issued issues released releases sent sends put puts posted posts published publishes fired dashed`)
	docNouns   = set(`statement tweet tweets email e-mail emails letter message note release memo post video ad advert`)
)

// issuedSaying reads the subject of a participle cue at v after a
// document its subject put out: "Lund issued a statement saying",
// "The campaign sent a fundraising email on Friday morning saying",
// "His office released a statement saying". Up to four words between
// the verb and the document, and up to four (a time: "on Friday
// morning") between the document and the cue.
func (x *stmtExtractor) issuedSaying(toks []tok, v int) (attr, bool) {
	d := -1
	for i := v - 1; i >= 0 && i >= v-5; i-- {
		if toks[i].kind != tWord {
			return attr{}, false
		}
		if docNouns[x.word(toks[i])] {
			d = i
			break
		}
		if w := x.word(toks[i]); x.verb(toks[i]) != 0 || relWords[w] || pronouns[w] || conjunctions[w] {
			return attr{}, false
		}
	}
	if d < 1 {
		return attr{}, false
	}
	for iv := d - 1; iv >= 0 && iv >= d-5; iv-- {
		t := toks[iv]
		if t.kind != tWord || x.verb(t) != 0 {
			return attr{}, false
		}
		if !issueVerbs[x.word(t)] {
			continue
		}
		m := iv - 1
		for m >= 0 && toks[m].kind == tWord && (skipWords[x.word(toks[m])] || x.lyAdverb(toks[m]) || x.word(toks[m]) == "himself" || x.word(toks[m]) == "herself") {
			m--
		}
		if m < 0 || toks[m].kind != tWord || pronouns[x.word(toks[m])] && m == iv-1 && iv > 1 {
			return attr{}, false
		}
		if pronouns[x.word(toks[m])] {
			if ent, ok := x.entityFor(toks, m, m+1, ""); ok {
				return attr{ent: ent, s: toks[m].s, e: toks[m].e, verb: v}, true
			}
			return attr{}, false
		}
		for k := max(0, m-4); k < m; k++ {
			if x.describedPhrase(toks, k, m+1) && (k == 0 || toks[k-1].kind != tWord || conjunctions[x.word(toks[k-1])]) {
				return x.describedAttr(toks, k, m+1, v) // "The ferry company sent ..."
			}
		}
		at, ok := x.trailingNP(toks, m, v, "")
		if s := x.tokAt(toks, at.s); ok && s > 0 && toks[s-1].kind == tWord && prepositions[x.word(toks[s-1])] {
			return attr{}, false // "rebel groups in Aleppo issued": the place is no issuer
		} else if ok && s > 0 && toks[s-1].kind == tPunct && x.text[toks[s-1].s] == ',' && strings.Contains(x.text[at.s:at.e], " and ") {
			return attr{}, false // "The United States, Germany, France and ...": the tail of a list
		}
		return at, ok
	}
	return attr{}, false
}

// referVerbs name a thing as the speaker does only with "to X as":
// "referred to her as "the devil"" (a case referred to a court is no
// speech).
var referVerbs = set(`referred refers refer referring`)

// referredAs reports "to ... as" between the refer verb at v and quote k,
// "as" right before the quote, at most six words of object between.
func (x *stmtExtractor) referredAs(toks []tok, v, k int) bool {
	if !x.isWord(toks, v+1, "to") || !x.isWord(toks, k-1, "as") && !(x.isWord(toks, k-2, "as") && (x.isWord(toks, k-1, "a") || x.isWord(toks, k-1, "the") || x.isWord(toks, k-1, "an"))) || k-v > 10 {
		return false
	}
	for i := v + 2; i < k-1; i++ {
		if toks[i].kind != tWord || x.verb(toks[i]) != 0 || clauseWords[x.word(toks[i])] && x.word(toks[i]) != "as" {
			return false
		}
	}
	return true
}

// whatCalled tells 'what he called a "brazen breach"' (speech: the
// speaker names the thing) from 'a coalition called the "..."' (a name).
func (x *stmtExtractor) whatCalled(toks []tok, v int) bool {
	for i := v - 1; i >= 0 && i >= v-4; i-- {
		if toks[i].kind != tWord {
			return false
		}
		w := x.word(toks[i])
		if w == "what" {
			return i < v-1
		}
		if !pronouns[w] && !x.npWord(toks[i]) {
			return false
		}
	}
	return false
}

// tokAt returns the index of the token starting just past offset e
// (the first token at or after it).
func (x *stmtExtractor) tokAt(toks []tok, e int) int {
	for i, t := range toks {
		if t.s >= e {
			return i
		}
	}
	return len(toks)
}

func (x *stmtExtractor) nextQuote(toks []tok, v int) int {
	for k := v + 1; k < len(toks) && k <= v+2; k++ {
		if toks[k].kind == tQuote {
			return k
		}
	}
	return -1
}

// naming tells "a coalition called the "Military Operations Command"" (a
// name, not speech) from "called for an end to the "instability"" and
// 'Lund called it "one of the worst mistakes"': words that are no name
// (not in Title Case) are what the speaker called it.
func (x *stmtExtractor) naming(toks []tok, v, k int) bool {
	if x.isWord(toks, v+1, "for") || x.isWord(toks, v+1, "on") {
		return false
	}
	if q := x.qs[toks[k].q]; !titleCased(x.text[q.start:q.end]) && !isTitle(x.text[q.start:q.end]) {
		return false
	}
	return k == v+1 || k == v+2 && (x.isWord(toks, v+1, "the") || x.isWord(toks, v+1, "a") || x.isWord(toks, v+1, "it"))
}

// subject finds who speaks through the cue at token v.
func (x *stmtExtractor) subject(toks []tok, v, depth int) (attr, bool) {
	if at, ok := x.subject1(toks, v, depth); ok {
		return at, true
	}
	if depth == 0 {
		if at, ok := x.relSubject(toks, v); ok {
			return at, true
		}
		return x.subjectPost(toks, v)
	}
	return attr{}, false
}

func (x *stmtExtractor) subject1(toks []tok, v, depth int) (attr, bool) {
	if depth > 3 {
		return attr{}, false
	}
	quotedAs := v >= 3 && x.word(toks[v-1]) == "as" && x.word(toks[v-2]) == "quoted"
	if x.verb(toks[v])&vGerund != 0 && !quotedAs && (v == 0 || toks[v-1].kind != tWord || prepositions[x.word(toks[v-1])]) {
		return x.mainSubject(toks, v, depth)
	}
	if x.verb(toks[v])&vGerund != 0 && !quotedAs && v >= 3 {
		// "Lund issued a statement saying ...": who issued it
		if at, ok := x.issuedSaying(toks, v); ok {
			return at, true
		}
	}
	if x.verb(toks[v])&vGerund != 0 && !quotedAs && v >= 3 {
		// "footage of Hillary Clinton asking, ...": the person named right
		// before the participle says it
		if at, ok := x.nameBefore(toks, v); ok {
			return at, true
		}
	}
	i := v - 1
	if v >= 3 && x.word(toks[v-1]) == "as" && x.word(toks[v-2]) == "quoted" {
		i = v - 3 // "Barazi was quoted as saying"
	}
	for i >= 0 && toks[i].kind == tWord && (skipWords[x.word(toks[i])] || x.lyAdverb(toks[i])) {
		i-- // "Hale cynically dismissed"
	}
	if i >= 0 && toks[i].kind == tPunct && x.text[toks[i].s] == ')' {
		for k := i - 1; k >= 0 && k >= i-8; k-- {
			if toks[k].kind == tPunct && x.text[toks[k].s] == '(' {
				i = k - 1
				break
			}
		}
	}
	j := i
	for j >= 0 && toks[j].kind == tWord && i-j < 14 {
		w := x.word(toks[j])
		if w == "and" && j > 0 && j < i && isCapWord(x.text[toks[j+1].s:toks[j+1].e]) && isCapWord(x.text[toks[j-1].s:toks[j-1].e]) {
			j--
			continue
		}
		if clauseWords[w] || relWords[w] || x.verb(toks[j]) != 0 {
			break
		}
		j--
	}
	if j < i {
		// the words right before the cue must be a clean speaker phrase:
		// "Farmers near Homs say" is not Homs speaking
		s := j + 1
		if !x.npStart(toks, s, i+1) {
			// "Get short URL 306 A humanitarian group has claimed": a
			// capitalised article opens the sentence glued on
			for k := i; k > s; k-- {
				if txt := x.text[toks[k].s:toks[k].e]; (txt == "A" || txt == "An" || txt == "The") && x.npStart(toks, k, i+1) {
					s, j = k, k-1
					break
				}
			}
		}
		if !x.npStart(toks, s, i+1) && x.verb(toks[v])&vGerund == 0 && x.describedPhrase(toks, s, i+1) && (j < 0 || toks[j].kind != tWord) {
			// "the influential daily wrote, adding": a described noun (a
			// participle's subject is its clause's: "issued a statement
			// saying" is the issuer's; "owned by the town council
			// reported", "because her husband had vowed": the phrase
			// must open its clause)
			return x.describedAttr(toks, s, i+1, v)
		}
		if j == 0 && toks[0].kind == tWord && prepositions[x.word(toks[0])] {
			// "On Sunday Associated Press said", "In rural Homs meanwhile
			// activists said": an opening adverbial, then the subject
			if k := x.afterAdverbial(toks, 1, i+1); k > 1 && k <= i {
				s, j = k, -1
			}
		}
		// "two days after the Kremlin said" opens a clause; "after he
		// admitted" is left alone: the pronoun may be the object just named
		if !x.npStart(toks, s, i+1) || j >= 0 && toks[j].kind == tWord && prepositions[x.word(toks[j])] && (!conjPreps[x.word(toks[j])] || pronouns[x.word(toks[s])]) {
			return attr{}, false
		}
		if w := x.word(toks[s]); s == i && (w == "he" || w == "she") && s > 0 && depth == 0 {
			if ms, ok := x.mainSubject(toks, s, depth+1); ok && ms.e <= toks[s].s {
				if en := &x.ents[ms.ent]; en.kind == 'p' && (en.gender == 0 || en.gender == genderByte(w)) {
					en.gender = genderByte(w)
					ms.verb = v
					return ms, true
				}
			}
		}
		ent, ok := x.entityFor(toks, s, i+1, "")
		if !ok {
			return attr{}, false
		}
		return attr{ent: ent, s: toks[s].s, e: toks[i].e, verb: v}, true
	}
	if j < 0 {
		return attr{}, false
	}
	b := toks[j]
	bw := ""
	if b.kind == tWord {
		bw = x.word(b)
	}
	switch {
	case relWords[bw]:
		// "Russia, which ... said": the phrase before the relative word
		m := j - 1
		if m >= 0 && toks[m].kind == tPunct && x.text[toks[m].s] == ',' {
			m--
		}
		return x.trailingNP(toks, m, v, "")
	case bw == "to" && x.verb(toks[v])&vSpeech != 0 && !isCapWord(x.text[b.s:b.e]):
		// "Trump took to Twitter to accuse ...": the clause's subject; "It
		// is too early to say whether ...": nobody's
		if x.isWord(toks, 0, "it") || x.isWord(toks, 0, "there") {
			return attr{}, false
		}
		return x.mainSubject(toks, v, depth)
	case bw == "and" || bw == "but" || bw == "or":
		// "X called ... and vowed ...": the subject of the verb before
		for u := j - 1; u >= 0; u-- {
			if toks[u].kind == tWord && x.verb(toks[u])&vSpeech != 0 {
				if at, ok := x.subject(toks, u, depth+1); ok {
					at.verb = v
					return at, true
				}
				break
			}
		}
		return x.mainSubject(toks, v, depth)
	case b.kind == tPunct && x.text[b.s] == ',':
		// "Abu Sufyan, a rebel commander, told AFP" / "Russia, which ..., said"
		p := j - 1
		for p >= 0 && toks[p].kind == tWord {
			p--
		}
		if p < 0 || toks[p].kind != tPunct || x.text[toks[p].s] != ',' || p+1 >= j {
			return attr{}, false
		}
		first := x.word(toks[p+1])
		role := ""
		if !relWords[first] {
			if isCapWord(x.text[toks[p+1].s:toks[p+1].e]) && first != "the" && !strings.HasSuffix(foldApos(first), "'s") {
				return x.descThenName(toks, p, j, v)
			}
			role = x.roleText(toks, p+1, j)
		}
		if at, ok := x.trailingNP(toks, p-1, v, role); ok {
			return at, true
		}
		if first == "the" && x.capitalRun(toks, p+2, j) {
			// "The bank's corporate parent, the Karvel Banking Group,
			// said": a possessor's post we cannot name, its name after it
			ent, ok := x.entityFor(toks, p+2, j, "")
			if !ok || x.ents[ent].kind == 'p' && x.ents[ent].gender == 0 && !strings.Contains(x.text[toks[p+2].s:toks[j-1].e], " ") {
				return attr{}, false
			}
			return attr{ent: ent, s: toks[p+2].s, e: toks[j-1].e, verb: v}, true
		}
		return attr{}, false
	}
	return attr{}, false
}

// capitalRun reports toks[s:e] as capitalised words, "of" and "for"
// between them, two words or more: "Royal Bank of Scotland Group".
func (x *stmtExtractor) capitalRun(toks []tok, s, e int) bool {
	if e-s < 2 {
		return false
	}
	for k := s; k < e; k++ {
		t := toks[k]
		if t.kind != tWord {
			return false
		}
		if w := x.word(t); (w == "of" || w == "for") && k > s && k < e-1 {
			continue
		}
		if !isCapWord(x.text[t.s:t.e]) {
			return false
		}
	}
	return true
}

// nameBefore reads a personal name of two words or more ending right
// before token v, after "of" or "with" ("footage of Hillary Clinton
// asking", "with Tom Hale saying").
func (x *stmtExtractor) nameBefore(toks []tok, v int) (attr, bool) {
	s := v
	for s > 0 && toks[s-1].kind == tWord && isCapWord(x.text[toks[s-1].s:toks[s-1].e]) && v-s < 4 {
		s--
	}
	if s == v || s == 0 || !x.isWord(toks, s-1, "of") && !x.isWord(toks, s-1, "with") {
		return attr{}, false
	}
	if n, named := x.nameLike(toks, s, v); !named || n < 2 {
		return attr{}, false
	}
	ent, ok := x.entityFor(toks, s, v, "")
	if !ok || x.ents[ent].kind != 'p' {
		return attr{}, false
	}
	return attr{ent: ent, s: toks[s].s, e: toks[v-1].e, verb: v}, true
}

// shouted reports a word of two letters or more in capitals only.
func shouted(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

// lyAdverb reports a lower-case adverb in -ly between a speaker and the
// cue ("cynically", "steadily"), not a noun or an adjective that ends so.
func (x *stmtExtractor) lyAdverb(t tok) bool {
	w := x.word(t)
	return len(w) >= 6 && strings.HasSuffix(w, "ly") && !isCapWord(x.text[t.s:t.e]) && !lyNouns[w]
}

// lyNouns end in -ly but are no adverbs.
var lyNouns = set(`family assembly anomaly monopoly butterfly weekly monthly quarterly daily friendly elderly
	likely unlikely lonely lovely costly deadly orderly burly curly holy jolly silly ugly wily`)

// descThenName reads "Another critic, Ole Brandt, likened": a sentence
// opening with a description of a person, then the name between the
// commas at p and j before the cue at v.
func (x *stmtExtractor) descThenName(toks []tok, p, j, v int) (attr, bool) {
	if p < 2 || !x.capsTo(toks, p+1, j) {
		return attr{}, false
	}
	if n, named := x.nameLike(toks, p+1, j); !named || n < 2 {
		return attr{}, false
	}
	d := p - 1
	for d >= 0 && toks[d].kind == tWord {
		d--
	}
	d++
	h := x.word(toks[p-1])
	if d != 0 || p-d > 4 || isCapWord(x.text[toks[p-1].s:toks[p-1].e]) || !personNouns[h] || !x.npStart(toks, d, p) {
		return attr{}, false
	}
	ent, ok := x.entityFor(toks, p+1, j, x.roleText(toks, d, p))
	if !ok || x.ents[ent].kind == 'o' {
		return attr{}, false
	}
	return attr{ent: ent, s: toks[p+1].s, e: toks[j-1].e, verb: v}, true
}

// npStart reports whether toks[s:e] is a speaker phrase.
func (x *stmtExtractor) npStart(toks []tok, s, e int) bool {
	// a phrase ending in a two-word name may carry any short description
	// before it: "Her colleague Daniel Okafor"
	named := e-s >= 3 && e-s <= 6 && isCapWord(x.text[toks[e-1].s:toks[e-1].e]) && isCapWord(x.text[toks[e-2].s:toks[e-2].e])
	if !named && e-s > 6 && e-s <= 12 && isCapWord(x.text[toks[e-1].s:toks[e-1].e]) && isCapWord(x.text[toks[e-2].s:toks[e-2].e]) {
		// a post of a body before the name: "The chairman of the Brenna
		// fishing guild Captain Ole Brandt"
		h := s
		if isDet(x.word(toks[h])) {
			h++
		}
		named = h+1 < e && personal(x.word(toks[h])) && (x.isWord(toks, h+1, "of") || x.isWord(toks, h+1, "for"))
	}
	for k := s; k < e; k++ {
		w := x.word(toks[k])
		if pronouns[w] {
			return k == s && e == s+1
		}
		if !x.npWord(toks[k]) && !(named && k < e-2 && !prepositions[w]) {
			return false
		}
	}
	w := x.word(toks[s])
	return w != "of" && w != "for" && w != "and"
}

// trailingNP takes the speaker phrase ending at token m.
func (x *stmtExtractor) trailingNP(toks []tok, m, v int, role string) (attr, bool) {
	if m < 0 || toks[m].kind != tWord {
		return attr{}, false
	}
	s := m
	for s-1 >= 0 && toks[s-1].kind == tWord && m-s < 10 {
		w := x.word(toks[s-1])
		if clauseWords[w] && w != "and" || relWords[w] || x.verb(toks[s-1]) != 0 || !x.npWord(toks[s-1]) {
			break
		}
		s--
	}
	if at, ok := x.personFrom(toks, s, m, v, role); ok {
		return at, true
	}
	for s <= m && !x.npStart(toks, s, m+1) {
		s++
	}
	if s > m {
		return attr{}, false
	}
	ent, ok := x.entityFor(toks, s, m+1, role)
	if !ok {
		return attr{}, false
	}
	return attr{ent: ent, s: toks[s].s, e: toks[m].e, verb: v}, true
}

// mainSubject is the subject of the group's first clause: "Iranian Foreign
// Minister Abbas Araghchi traveled to Damascus ..., saying ...".
func (x *stmtExtractor) mainSubject(toks []tok, v, depth int) (attr, bool) {
	i := 0
	// skip a leading adverbial: "On Monday, ..."
	for k := 0; k < v && k < 14; k++ {
		if toks[k].kind == tPunct && x.text[toks[k].s] == ',' {
			w := x.word(toks[0])
			if !isCapWord(x.text[toks[0].s:toks[0].e]) || clauseWords[w] || days[w] || w == "speaking" || w == "after" || prepositions[w] || leadAdverbs[w] {
				i = k + 1
			}
			break
		}
		if toks[k].kind != tWord {
			break
		}
	}
	if i >= v || toks[i].kind != tWord {
		return attr{}, false
	}
	if i+1 < v && shouted(x.text[toks[i].s:toks[i].e]) && shouted(x.text[toks[i+1].s:toks[i+1].e]) {
		return attr{}, false // "CONGRESS HAS INVESTIGATED HIM": a heading glued on
	}
	e := x.npRun(toks, i)
	if e == i || e < len(toks) && toks[e].kind == tWord && prepositions[x.word(toks[e])] {
		return attr{}, false
	}
	ent, ok := x.entityFor(toks, i, e, x.appositive(toks, e))
	if !ok {
		return attr{}, false
	}
	return attr{ent: ent, s: toks[i].s, e: toks[e-1].e, verb: v}, true
}

// trailing finds an attribution closing the group after quote k:
// 'Syria's "reliance ...", along with ..., "created ...", said X.'
func (x *stmtExtractor) trailing(toks []tok, k int) (attr, bool) {
	c, at, ok := x.trailingAttrib(toks, k+1)
	_ = c
	return at, ok
}

// trailingAttrib looks, from the right, for ", X said" or ", said X" ending
// the group after token from; c is the comma's token index.
func (x *stmtExtractor) trailingAttrib(toks []tok, from int) (int, attr, bool) {
	for c := len(toks) - 1; c >= from; c-- {
		t := toks[c]
		if t.kind == tQuote {
			return 0, attr{}, false
		}
		if t.kind != tPunct || x.text[t.s] != ',' {
			continue
		}
		at, ok := x.attribAt(toks, c+1, true)
		if !ok {
			continue
		}
		// nothing but objects or adverbs may follow the cue ("told AFP on
		// Sunday"), then perhaps a participle after a comma
		tail := at.verb + 1
		if at.inverted {
			for tail < len(toks) && toks[tail].s < at.e {
				tail++
			}
		}
		if !x.shortTail(toks, tail) {
			continue
		}
		// "Normally, he said, it would ...": a parenthesis, not a close
		words := 0
		for u := from; u < c; u++ {
			if toks[u].kind != tPunct {
				words++
			}
		}
		if words < 3 {
			continue
		}
		return c, at, true
	}
	return 0, attr{}, false
}

// reported emits the writer's paraphrases in a group: "Assad branded the
// offensive ...", "..., the Observatory said", and, in copy that marks no
// quotes at all, unquoted speech ("... , said Aron Lund").
func (x *stmtExtractor) reported(toks []tok, start, end, para int, used []bool, sentence string) {
	text := x.text
	// a trailing attribution: the clause before it is what was said
	c, at, ok := x.trailingAttrib(toks, 0)
	tailC := -1 // the comma-less close of the group, read once
	if !ok {
		c, at, ok = x.tailAttrib(toks, 0)
		if ok {
			tailC = c
		}
	}
	if ok && at.verb >= 0 && !used[at.verb] && c > 0 {
		hasQuote := false
		for _, t := range toks[:c] {
			if t.kind == tQuote {
				hasQuote = true
			}
		}
		if !hasQuote {
			used[at.verb] = true
			kind := Reported
			en := x.ents[at.ent]
			if !x.quoted && (at.inverted || en.kind == 'p' || x.firstPerson(toks[:c])) && !x.backshifted(toks[:c]) {
				kind = Unquoted
			}
			s, e := toks[0].s, toks[c-1].e
			for k := c - 1; k > 0; k-- {
				if toks[k].kind == tPunct && x.text[toks[k].s] == ':' && k+1 < c {
					s = toks[k+1].s // "Britain voiced the opposite view: I hope ... Hague said"
					break
				}
			}
			if kind == Unquoted && x.ents[at.ent].kind == 'p' {
				// the sentences before that belong to the same speech
				if b := x.speechBefore(at.ent, para); b < s {
					s, sentence = b, text[b:end]
				}
			}
			x.emit(at.ent, text[s:e], kind, s, e, sentence, start)
			x.note(at.ent, para)
		}
	}
	for v, t := range toks {
		if t.kind != tWord || used[v] {
			continue
		}
		w := x.word(t)
		f := x.verb(t)
		if f&vSpeech == 0 || f&vAfter == 0 && f&vPartial == 0 || x.nounUse(toks, v) {
			continue
		}
		silent, heard := x.notSaid(toks, v)
		if silent && x.isWord(toks, v+1, "by") {
			// "The report was welcomed by shadow pensions secretary David
			// Willetts": the next "he" is the one who welcomed it
			x.noteAgent(toks, v+2)
			continue
		}
		if silent && !heard {
			continue
		}
		// the clause said: words after the cue, up to the group's end
		if v+1 >= len(toks) || toks[v+1].kind == tQuote || toks[v+1].kind == tPunct {
			continue
		}
		if w == "called" || w == "calls" || w == "call" {
			if k := x.nextQuote(toks, v); k >= 0 && x.naming(toks, v, k) {
				continue
			}
		}
		last := len(toks) - 1
		if c, _, ok := x.trailingAttrib(toks, v+1); ok {
			last = c - 1
		} else if tailC > v+1 {
			last = tailC - 1
		}
		words := 0
		for u := v + 1; u <= last; u++ {
			if toks[u].kind == tWord {
				words++
			}
		}
		at, ok := x.subject(toks, v, 0)
		if ok && silent {
			// "The spokesman was asked about ...", "Mr Balls refused to say
			// ...": no words of theirs, but the next "he" may be them
			x.note(at.ent, para)
			continue
		}
		if !ok {
			if silent {
				continue
			}
			if f&vAfter != 0 || f&vPartial != 0 && !strings.HasSuffix(w, "ing") {
				x.unreadGroup = x.groupN // someone we cannot name spoke ("... Mark Toner slammed")
			}
			continue
		}
		if en := &x.ents[at.ent]; at.s >= 0 && en.kind != 'o' && en.gender == 0 && v+1 < len(toks) {
			// "Maria Santos said she ...": the text tells her gender
			switch x.word(toks[v+1]) {
			case "she":
				en.gender, en.kind = 'f', 'p'
			case "he":
				en.gender, en.kind = 'm', 'p'
			}
		}
		if words < 3 {
			x.note(at.ent, para) // "One Aleppo resident spoke of panic." sets up the next quote
			continue
		}
		s := t.s
		if at.s >= 0 && at.s < s {
			s = at.s
		}
		e := toks[last].e
		if toks[last].kind == tPunct {
			e = toks[last].s
		}
		e = trimEnd(text, s, e)
		if e <= s {
			continue
		}
		used[v] = true
		if c := v + 1; !x.quoted && !x.isWord(toks, c, "that") && x.firstPerson(toks[c:last+1]) && !x.backshifted(toks[c:last+1]) && toks[c].s < e {
			// "Al-Halqi said these acts will make us stronger": speech in
			// the first person, its marks lost
			x.emit(at.ent, text[toks[c].s:e], Unquoted, toks[c].s, e, sentence, start)
			x.note(at.ent, para)
			continue
		}
		x.emit(at.ent, text[s:e], Reported, s, e, sentence, start)
		x.note(at.ent, para)
	}
}

// refusals before "to" and a cue say nothing was said: "refused to say",
// "declined to comment".
var refusals = set(`refused refuses refuse declined declines decline`)

// wonObjects after "claimed" make it "won" or "took": "Argentina claimed
// top spot", "claimed victory", "the blast claimed 12 lives" (a claim of
// responsibility or credit is still a claim).
var wonObjects = set(`top victory title titles gold silver bronze win wins lives life
	lead seat seats points prize crown record share place spot`)

// noteAgent takes the person named from token i on (a post of a few
// lower-case words, then a name) as the one a following pronoun means.
func (x *stmtExtractor) noteAgent(toks []tok, i int) {
	text := x.text
	for j := i; j < len(toks) && j < i+7; j++ {
		if toks[j].kind != tWord {
			return
		}
		if !isCapWord(text[toks[j].s:toks[j].e]) {
			continue
		}
		e := j
		for e < len(toks) && toks[e].kind == tWord && isCapWord(text[toks[e].s:toks[e].e]) && e-j < 6 {
			e++
		}
		if e-j < 2 {
			j = e - 1 // "Conservative shadow pensions secretary David Willetts"
			continue
		}
		role := ""
		if j > i {
			role = text[toks[i].s:toks[j-1].e]
		}
		if ent, ok := x.entityFor(toks, j, e, role); ok && x.ents[ent].kind != 'o' {
			x.mention, x.mentionGroup = ent, x.groupN
		}
		return
	}
}

var passiveAux = set(`was were been being is are be`)

// notSaid reports a cue at v that tells of no speech: a refusal to speak,
// a passive, or "claimed" as "won". heard tells that the subject is a
// person in the exchange (asked, refusing), whom a following "he" may mean.
func (x *stmtExtractor) notSaid(toks []tok, v int) (silent, heard bool) {
	// "The report was welcomed by ...", "he was told that ...": in the
	// passive the subject is who the words were for, not who said them
	a := v - 1
	if a > 0 && toks[a].kind == tWord && strings.HasSuffix(x.word(toks[a]), "ly") {
		a--
	}
	w := x.word(toks[v])
	if a >= 0 && toks[a].kind == tWord && (passiveAux[x.word(toks[a])] && strings.HasSuffix(w, "ed") || x.word(toks[a]) == "was" && w == "told") {
		return true, w == "asked" || w == "told" || w == "questioned" || w == "pressed"
	}
	if v >= 2 && x.isWord(toks, v-1, "to") && toks[v-2].kind == tWord && refusals[x.word(toks[v-2])] {
		return true, true
	}
	if w == "claimed" || w == "claims" || w == "claim" {
		for k := v + 1; k < len(toks) && k <= v+3; k++ {
			if toks[k].kind != tWord {
				return false, false
			}
			o := x.word(toks[k])
			if wonObjects[o] {
				return true, false
			}
			if !isDet(o) && !possessives[o] && !isNumber(o) && o != "first" && o != "second" && o != "third" {
				return false, false
			}
		}
	}
	return false, false
}

// shortTail reports whether toks[i:] up to the next comma is a few words
// of object or adverb, with no clause of its own.
func (x *stmtExtractor) shortTail(toks []tok, i int) bool {
	n, prep := 0, false
	for ; i < len(toks); i++ {
		t := toks[i]
		if t.kind == tQuote {
			return false
		}
		if t.kind == tPunct {
			return x.text[t.s] == ',' || x.text[t.s] == '(' || x.text[t.s] == ')'
		}
		// "told AFP on Sunday", "said in a statement": no clause of its own
		w := x.word(t)
		if w == "that" {
			return false
		}
		if prepositions[w] {
			prep = true // "from a shelter": a place, not a clause
		}
		if !prep && !isCapWord(x.text[t.s:t.e]) && !days[w] && !tailWords[w] && !npWords[w] && !skipWords[w] {
			return false
		}
		if n++; n > 8 {
			return false
		}
	}
	return true
}

func genderByte(pronoun string) byte {
	if pronoun == "she" {
		return 'f'
	}
	return 'm'
}

func trimEnd(text string, s, e int) int {
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if unicode.IsSpace(r) || r == ',' || r == ';' || r == ':' {
			e -= n
			continue
		}
		break
	}
	return e
}
