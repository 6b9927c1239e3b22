package facts

import (
	"strings"

	"github.com/newsroom/newsbot/corpus"
)

// Scraped and translated wire copy often loses every comma, so the
// attribution that closes a sentence arrives glued to the words said:
// "The pumps cannot keep up Jonas Berg a harbour pilot told
// Reuters", "... by noon the coast guard said", "... said
// Mira Lund head of the guild", "... he said in a video".
// tailAttrib reads such a close where trailingAttrib (which needs the
// comma) finds none. It is strict on purpose: the cue must sit in the last
// words of the group, only an object or an adverbial may follow it, and
// the words before the speaker must be a clause of their own.

// isTailCue reports a cue that may close a sentence after its speaker:
// "X said", "X told AFP". A switch, not a map: it runs on the last words
// of every sentence.
func isTailCue(w string) bool {
	switch w {
	case "said", "says", "told", "tells", "added", "adds", "stressed", "warned", "explained", "noted",
		"insisted", "stated", "declared", "announced", "reported", "reports", "confirmed", "claimed",
		"asserted", "argued", "acknowledged", "admitted", "recalled", "replied", "wrote", "tweeted":
		return true
	}
	return false
}

// invertedTailCues may come before their speaker at a sentence's end:
// "... said the monitor". "told" and "reported" take an object there
// ("... told the Security Council"), so they are left out.
var invertedTailCues = set(`said says added adds`)

var possessives = set(`his her their its our my your`)

// objectOpeners make the phrase after them an object or a clause, never
// the speaker closing the sentence: "the weapons that the army said".
var objectOpeners = set(`that which who whom whose what as than if whether when where while to
	because although though since unless until`)

// tailAttrib looks for a comma-less attribution closing toks[from:]. c is
// the first token of the attribution (speaker or cue), so toks[from:c] is
// what was said.
func (x *stmtExtractor) tailAttrib(toks []tok, from int) (int, attr, bool) {
	if !x.stripped {
		return 0, attr{}, false // edited copy closes with ", X said"
	}
	n := len(toks)
	// "... the Red Cross said; the third trip this month": a semicolon
	// closes the sentence the attribution closes
	for k := from; k < n; k++ {
		if toks[k].kind == tPunct && x.text[toks[k].s] == ';' {
			n = k
			break
		}
	}
	toks = toks[:n]
	if n-from < 5 {
		return 0, attr{}, false
	}
	for v := n - 1; v > from+2 && v >= n-16; v-- {
		t := toks[v]
		if t.kind == tQuote {
			return 0, attr{}, false
		}
		if t.kind != tWord {
			continue
		}
		w := x.word(t)
		if !isTailCue(w) || isCapWord(x.text[t.s:t.e]) {
			continue
		}
		if x.tailAfterCue(toks, v+1, w == "told" || w == "tells") {
			if c, at, ok := x.tailSubject(toks, from, v); ok {
				// 'shelling continues" a healthcare worker told ...': a
				// stray quotation mark in the words said leaves their end
				// unknown; nothing is said rather than a cut guessed
				if strings.ContainsAny(x.text[toks[from].s:toks[c].s], "\"“”") {
					return 0, attr{}, false
				}
				return c, at, true
			}
		}
		if invertedTailCues[w] && n-v <= 18 && x.speakerOpens(toks, v+1) {
			if at, ok := x.tailInverted(toks, from, v); ok {
				return v, at, true
			}
		}
	}
	return 0, attr{}, false
}

// tailAfterCue reports whether toks[i:] is what may follow a closing cue:
// nothing, an object and adverbials ("told reporters in Oslo", "in
// a clip shared online late on Friday"), never a clause ("said that").
func (x *stmtExtractor) tailAfterCue(toks []tok, i int, object bool) bool {
	if i >= len(toks) {
		return true
	}
	if w := x.word(toks[i]); !object && toks[i].kind == tWord && !prepositions[w] && !days[w] && !skipWords[w] && x.verb(toks[i])&vGerund == 0 && w != "which" && !leadParticiples[w] {
		// only "told" takes an object: "said observatory head Rami ..."
		// names the speaker after the cue
		return false
	}
	// "... the Premier said which explains ...", "... he added
	// indicating that ...": the speech goes on, or a second cue follows
	if t := toks[i]; t.kind == tWord && (x.word(t) == "which" || x.verb(t)&vGerund != 0 || leadParticiples[x.word(t)] && strings.HasSuffix(x.word(t), "ing")) {
		return true // "... they added citing field visits"
	}
	n, prep := 0, false
	for ; i < len(toks); i++ {
		t := toks[i]
		if t.kind != tWord {
			return false
		}
		w := x.word(t)
		if w == "that" || pronouns[w] || x.verb(t) != 0 && !prep {
			return false
		}
		if prepositions[w] {
			prep = true
		}
		if !prep && !isCapWord(x.text[t.s:t.e]) && !days[w] && !tailWords[w] && !npWords[w] && !skipWords[w] && !speakerNouns[w] {
			return false // "told the state agency", "told AFP"
		}
		if n++; n > 10 {
			return false
		}
	}
	return true
}

// tailSubject reads the speaker before the cue at v: a pronoun, a speaker
// phrase, or a name with a comma-less appositive ("Jonas Berg a harbour
// pilot in the flooded port").
func (x *stmtExtractor) tailSubject(toks []tok, from, v int) (int, attr, bool) {
	p := v - 1
	for p > from && toks[p].kind == tWord && skipWords[x.word(toks[p])] && x.verb(toks[p]) == 0 {
		p-- // "the Observatory also said"
	}
	if toks[p].kind != tWord {
		return 0, attr{}, false
	}
	if w := x.word(toks[p]); pronouns[w] {
		// "... what the shelters were built for she added": after a
		// subject pronoun a closing preposition is stranded, no object
		if w == "i" || w == "we" || !x.tailClause(toks, from, p) && !(x.tailClause(toks, from, p-1) && prepositions[x.word(toks[p-1])]) {
			return 0, attr{}, false
		}
		// without quotation marks nothing but nearness ties the words to
		// the speaker: only one who spoke a few sentences before
		ent, ok := x.resolvePronoun(w)
		if !ok || ent != x.last && ent != x.mention || x.lastGroup < x.groupN-3 && x.mentionGroup < x.groupN-3 || x.unreadGroup > x.lastGroup {
			return 0, attr{}, false
		}
		return p, attr{ent: ent, s: toks[p].s, e: toks[p].e, verb: v}, true
	}
	if s, e, ok := x.namedAppositive(toks, from, p+1); ok && x.tailClause(toks, from, s) {
		role := x.roleFrom(toks, e, p+1)
		ent, ok := x.entityFor(toks, s, e, role)
		if ok && x.ents[ent].kind != 'o' {
			return s, attr{ent: ent, s: toks[s].s, e: toks[p].e, verb: v}, true
		}
	}
	s := x.npBack(toks, p)
	if s == p && speakerNouns[x.word(toks[p])] {
		// "... before Thursday the port authority said": lower-case
		// nouns between a determiner and the head are the speaker's
		for m := p - 1; m > from && m >= p-2; m-- {
			w := x.word(toks[m])
			if toks[m].kind != tWord || isCapWord(x.text[toks[m].s:toks[m].e]) {
				break
			}
			if isDet(w) {
				s = m
				break
			}
			if x.verb(toks[m]) != 0 || prepositions[w] || pronouns[w] || skipWords[w] || strings.HasSuffix(w, "ly") {
				break
			}
		}
	}
	s0 := s
	if s > p {
		return 0, attr{}, false
	}
	// "for his brother the Red Cross said": a noun its possessive
	// ties to the clause is not the speaker's
	for s > from && s < p && toks[s-1].kind == tWord && possessives[x.word(toks[s-1])] && !isCapWord(x.text[toks[s].s:toks[s].e]) {
		s++
	}
	// "across the river to Brenna a volunteer said": the article opens the
	// speaker unless a personal name stands before it
	for k := p - 1; k > s; k-- {
		if w := x.word(toks[k]); isDet(w) && !isCapWord(x.text[toks[k].s:toks[k].e]) {
			// "... in central Damascus the interior ministry said": a
			// place, not a name with its post
			h := x.roleHead(toks, k+1, p+1)
			if n, ok := x.nameLike(toks, s, k); (personal(h) || w == "the" && speakerNouns[h]) && !(ok && n >= 2) {
				s = k
			}
			break
		}
	}
	// a name right after a preposition is the place the clause ends on:
	// "killed in Tall Tawil a relative said"
	if s > from && toks[s-1].kind == tWord && prepositions[x.word(toks[s-1])] {
		k := s
		for k <= p && !(isDet(x.word(toks[k])) && !isCapWord(x.text[toks[k].s:toks[k].e])) {
			k++
		}
		if k >= p {
			return 0, attr{}, false
		}
		s = k
	}
	if !x.tailClause(toks, from, s) {
		return 0, attr{}, false
	}
	var at attr
	ok := false
	if s == s0 {
		at, ok = x.personFrom(toks, s, p, v, "") // "an activist from Deir al-Zor said"
	}
	if !ok {
		ent, ok := x.entityFor(toks, s, p+1, "")
		if !ok {
			return 0, attr{}, false
		}
		at = attr{ent: ent, s: toks[s].s, verb: v}
	}
	at.e = toks[p].e
	return s, at, true
}

// npBack is where trailingNP's speaker phrase ending at token m starts.
func (x *stmtExtractor) npBack(toks []tok, m int) int {
	s := m
	for s-1 >= 0 && toks[s-1].kind == tWord && m-s < 10 {
		w := x.word(toks[s-1])
		if clauseWords[w] && w != "and" || relWords[w] || x.verb(toks[s-1]) != 0 || !x.npWord(toks[s-1]) {
			break
		}
		s--
	}
	for s <= m && !x.npStart(toks, s, m+1) {
		s++
	}
	return s
}

// namedAppositive finds, in toks[from:end], a personal name followed by an
// indefinite description running to end: "Bebars Mishal a civil defence
// worker in rebel-held Aleppo". It returns the name's span.
func (x *stmtExtractor) namedAppositive(toks []tok, from, end int) (int, int, bool) {
	for d := end - 2; d > from+1 && d >= end-12; d-- {
		w := x.word(toks[d])
		if w != "a" && w != "an" || isCapWord(x.text[toks[d].s:toks[d].e]) {
			continue
		}
		// the description: lower-case words of a post, places after a preposition
		head := ""
		for k := d + 1; k < end; k++ {
			t := toks[k]
			if t.kind != tWord || x.verb(t) != 0 || relWords[x.word(t)] || pronouns[x.word(t)] {
				return 0, 0, false
			}
			kw := x.word(t)
			if prepositions[kw] && head != "" {
				break
			}
			if personal(kw) {
				head = kw
			}
		}
		if head == "" {
			return 0, 0, false
		}
		e := d
		s := e
		for s > from && (x.nameWord(x.text[toks[s-1].s:toks[s-1].e], x.word(toks[s-1])) || nameParticles[x.word(toks[s-1])] && s < e) {
			s--
		}
		if nameParticles[x.word(toks[s])] {
			s++
		}
		if n, ok := x.nameLike(toks, s, e); !ok || n < 2 {
			return 0, 0, false
		}
		if s > from && toks[s-1].kind == tWord && prepositions[x.word(toks[s-1])] {
			return 0, 0, false // "in Tall Tawil a relative": a place
		}
		return s, e, true
	}
	return 0, 0, false
}

// tailClause reports whether toks[from:s] can be the words said: a few
// words, not ending on a word that makes what follows its object.
func (x *stmtExtractor) tailClause(toks []tok, from, s int) bool {
	words := 0
	for k := from; k < s; k++ {
		if toks[k].kind == tWord {
			words++
		}
	}
	if words < 4 {
		return false
	}
	last := toks[s-1]
	if last.kind != tWord {
		return last.kind == tQuote
	}
	lw := x.word(last)
	return !objectOpeners[lw] && !prepositions[lw] && x.verb(last) == 0 && !isDet(lw) && lw != "and" && lw != "or" && lw != "but"
}

// tailInverted reads "... said Mira Lund head of the guild",
// "... said a fisherman who gave only his first name", "... said Jonas Berg
// a harbour pilot reached by telephone".
func (x *stmtExtractor) tailInverted(toks []tok, from, v int) (attr, bool) {
	if !x.tailClause(toks, from, v) {
		return attr{}, false
	}
	// "The army said the rebels": a subject and its cue, not a close
	if e := x.npRun(toks, from); e >= v {
		return attr{}, false
	}
	// "His comments came as President Bush said": the cue's own subject
	if h := x.word(toks[v-1]); days[h] || months[h] || isNumber(h) {
		// "since Sunday said": a date, not a subject
	} else if s := x.npBack(toks, v-1); s <= v-1 && s > from && toks[s-1].kind == tWord && (objectOpeners[x.word(toks[s-1])] || conjunctions[x.word(toks[s-1])]) {
		return attr{}, false
	}
	j := v + 1
	if j >= len(toks) || toks[j].kind != tWord {
		return attr{}, false
	}
	// "Jonas Berg a harbour pilot reached by telephone": a name, then its
	// description up to a participle or a relative clause
	end := j
	for end < len(toks) && toks[end].kind == tWord && !relWords[x.word(toks[end])] && !x.participleAfter(toks, j, end) {
		end++
	}
	if s, ae, ok := x.namedAppositive(toks, j, end); ok && s == j {
		ent, ok := x.entityFor(toks, j, ae, x.roleFrom(toks, ae, end))
		if ok && x.ents[ent].kind != 'o' {
			return attr{ent: ent, s: toks[j].s, e: toks[ae-1].e, verb: v, inverted: true}, true
		}
	}
	e := x.npRun(toks, j)
	if e == j || pronouns[x.word(toks[j])] {
		return attr{}, false
	}
	// what may follow the speaker: the end, a relative clause, a participle,
	// an acronym in brackets ("said the Syrian Observatory (SOHR) an
	// independent group ...")
	if e < len(toks) {
		t := toks[e]
		if t.kind == tPunct && x.text[t.s] == '(' && e+2 < len(toks) && toks[e+2].kind == tPunct && x.text[toks[e+2].s] == ')' && isAcronym(x.text[toks[e+1].s:toks[e+1].e]) {
			ent, ok := x.entityFor(toks, j, e, "")
			if !ok {
				return attr{}, false
			}
			return attr{ent: ent, s: toks[j].s, e: toks[e-1].e, verb: v, inverted: true}, true
		}
		if t.kind != tWord {
			return attr{}, false
		}
		w := x.word(t)
		if !relWords[w] && !x.participleAfter(toks, j, e) {
			return attr{}, false
		}
	}
	ent, ok := x.entityFor(toks, j, e, "")
	if !ok {
		return attr{}, false
	}
	return attr{ent: ent, s: toks[j].s, e: toks[e-1].e, verb: v, inverted: true}, true
}

// firstSecond are the words of a speaker talking: their presence marks
// direct speech even without quotation marks.
var firstSecond = set(`i we me us my our ours you your`)

// backshifted reports words said in the writer's tense, the mark of
// reported speech: "The whole quay had gone under a fisherman said".
// Speech in the first or second person stays direct whatever its tense.
func (x *stmtExtractor) backshifted(toks []tok) bool {
	shifted := false
	for _, t := range toks {
		if t.kind != tWord {
			continue
		}
		w := x.word(t)
		if x.firstSecond(t) {
			return false
		}
		if w == "had" || w == "would" {
			shifted = true
		}
	}
	return shifted
}

// firstPerson reports words in the first or second person.
func (x *stmtExtractor) firstPerson(toks []tok) bool {
	for _, t := range toks {
		if t.kind == tWord && x.firstSecond(t) {
			return true
		}
	}
	return false
}

// participleAfter reports a participle at token i closing the noun phrase
// before it ("a sympathizer contacted by Skype", "the resident speaking
// by Skype"), not one inside it ("a retired nurse").
func (x *stmtExtractor) participleAfter(toks []tok, from, i int) bool {
	if i <= from+1 {
		return false
	}
	w := x.word(toks[i])
	if !strings.HasSuffix(w, "ing") && !strings.HasSuffix(w, "ed") || isCapWord(x.text[toks[i].s:toks[i].e]) {
		return false
	}
	p := x.word(toks[i-1])
	if isDet(p) || npWords[p] {
		return false
	}
	// "contacted by Skype", "speaking on condition of anonymity": the
	// participle takes no object ("the US backed Russian entry" is a clause)
	if i+1 >= len(toks) || toks[i+1].kind != tWord {
		return true
	}
	return prepositions[x.word(toks[i+1])]
}

// firstSecond reports a pronoun of the first or second person; "US" and
// "I" in "World War I" shout, they do not speak.
func (x *stmtExtractor) firstSecond(t tok) bool {
	w := x.word(t)
	if len(w) > 5 || !firstSecond[w] {
		return false
	}
	txt := x.text[t.s:t.e]
	if w == "i" {
		return txt == "I" && (t.e >= len(x.text) || x.text[t.e] != '.')
	}
	return !isAcronym(txt)
}

// speakerOpens reports a token that can open a speaker phrase after an
// inverted cue: a capitalised word, an article, a lower-case post ("said
// observatory head ..."). A cheap test before the full reading.
func (x *stmtExtractor) speakerOpens(toks []tok, i int) bool {
	if i >= len(toks) || toks[i].kind != tWord {
		return false
	}
	t := toks[i]
	if isCapWord(x.text[t.s:t.e]) {
		return true
	}
	w := x.word(t)
	return isDet(w) || npWords[w] || speakerNouns[w] || titles[w]
}

// commaless reports copy that lost its commas: fewer than one comma in
// twenty sentences. Edited English has several a sentence; the comma-less
// reading of a closing attribution is kept for copy that cannot have one.
func commaless(a *corpus.Article, sents []Sentence) bool {
	commas := 0
	for _, s := range sents {
		commas += strings.Count(a.Text[s.Start:s.End], ",")
	}
	return commas*20 < len(sents)
}
