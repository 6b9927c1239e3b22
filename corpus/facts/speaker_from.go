package facts

import "strings"

// personFrom reads a person described by where they are from, the name
// they go by being unknown: "A Kurdish aid worker from Raqqa who
// left ... said". toks[s:m+1] is the place; the description
// before "from" must end on a personal noun, so "forces from Homs" or
// "reports from Idlib" never speak as a person.
func (x *stmtExtractor) personFrom(toks []tok, s, m, v int, role string) (attr, bool) {
	f := s - 1
	if f < 2 || !x.isWord(toks, f, "from") || !isCapWord(x.text[toks[s].s:toks[s].e]) {
		return attr{}, false
	}
	h := f - 1
	if toks[h].kind != tWord || !personNouns[x.word(toks[h])] || isCapWord(x.text[toks[h].s:toks[h].e]) {
		return attr{}, false
	}
	b := h
	for b-1 >= 0 && toks[b-1].kind == tWord && h-b < 6 && x.npWord(toks[b-1]) && !clauseWords[x.word(toks[b-1])] {
		b--
	}
	if !x.npStart(toks, b, h+1) {
		return attr{}, false
	}
	ent, ok := x.entityFor(toks, b, h+1, role)
	if !ok || x.ents[ent].kind == 'o' {
		return attr{}, false
	}
	if en := &x.ents[ent]; en.role == "" {
		en.role = x.text[toks[f].s:toks[m].e]
	}
	return attr{ent: ent, s: toks[b].s, e: toks[m].e, verb: v}, true
}

// relCues are the cues relSubject reads: verbs of saying, not of judging
// ("who have been accused", "who sings").
var relCues = set(`said says told tells added adds reported stated announced`)

// relStops open another clause inside the words before the cue.
var relStops = set(`after before when while because but and if since although though that as whereas unless until`)

// relSubject reads a speaker whose relative clause stands between it and
// the cue: "A teacher from Homs who moved to Lebanon in the spring
// said", "The Tishreen daily which speaks for the government
// reported". The clause may hold no cue of its own (then it, not the
// phrase before it, would be the attribution) and no punctuation but
// commas.
func (x *stmtExtractor) relSubject(toks []tok, v int) (attr, bool) {
	if !relCues[x.word(toks[v])] || v < 3 || toks[v-1].kind != tWord || isCapWord(x.text[toks[v-1].s:toks[v-1].e]) {
		return attr{}, false // "after WMC said": the cue has a subject of its own
	}
	if w := x.word(toks[v-1]); w == "been" || w == "be" || w == "being" || pronouns[w] {
		return attr{}, false // "which has been accused": passive
	}
	for k := v - 1; k >= 1 && k >= v-12; k-- {
		t := toks[k]
		if t.kind == tQuote || t.kind == tPunct && x.text[t.s] != ',' {
			return attr{}, false
		}
		if t.kind != tWord {
			continue
		}
		w := x.word(t)
		if x.verb(t) != 0 || pronouns[w] && k == v-1 {
			return attr{}, false
		}
		if relStops[w] {
			return attr{}, false // another clause: "which the firm raised after X said"
		}
		// "The Free Lawyers Union a body based in exile said": a
		// participle opens the description too
		if w != "who" && w != "which" && w != "based" || k == v-1 {
			continue
		}
		m := k - 1
		if toks[m].kind == tPunct && x.text[toks[m].s] == ',' {
			m--
		}
		if m < 0 || toks[m].kind != tWord {
			return attr{}, false
		}
		return x.trailingNP(toks, m, v, "")
	}
	return attr{}, false
}

// unreadSpeaker reports whether the cue after quote k has a speaker
// phrase we could not read ('"...," said the Tottenham striker', '"...,"
// the member of parliament from ... said'), rather than being a cue of
// other words ('"... final. "The only thing they can say ...' where the
// marks paired the wrong way).
func (x *stmtExtractor) unreadSpeaker(toks []tok, k int) bool {
	for i := k + 1; i < len(toks) && i <= k+16; i++ {
		t := toks[i]
		if t.kind == tPunct && x.text[t.s] == ',' {
			continue
		}
		if t.kind != tWord {
			return false
		}
		if x.verb(t)&vAfter != 0 {
			return true
		}
		w := x.word(t)
		if pronouns[w] || !x.npWord(t) && !prepositions[w] {
			return false
		}
	}
	return false
}

// longSpeaker reads a name whose comma-less appositive runs up to the cue
// after a quote: '"..." Jan Egeland the UN special envoy for Syria on
// humanitarian issues said during the briefing'. The description must
// name a post ("envoy", "worker"), so a clause is never read as one.
func (x *stmtExtractor) longSpeaker(toks []tok, i int) (attr, bool) {
	v := -1
	for k := i + 1; k < len(toks) && k <= i+18; k++ {
		if toks[k].kind != tWord {
			return attr{}, false
		}
		if x.verb(toks[k])&vAfter != 0 {
			v = k
			break
		}
		if w := x.word(toks[k]); pronouns[w] || relWords[w] || conjunctions[w] {
			return attr{}, false
		}
	}
	if v < 0 || !x.shortTail(toks, v+1) {
		return attr{}, false
	}
	return x.namedPost(toks, i, v)
}

// namedPost reads toks[i:v] as a personal name and a comma-less
// description naming a post, v being the cue: "Jan Egeland the UN
// special envoy for Syria on humanitarian issues", "Andrew Mitchell a
// former international development minister".
func (x *stmtExtractor) namedPost(toks []tok, i, v int) (attr, bool) {
	for k := i; k < v; k++ {
		if toks[k].kind != tWord {
			return attr{}, false
		}
	}
	e := i
	if w := x.word(toks[i]); months[w] || !datelineWords[w] {
		for e < v && (x.nameWord(x.text[toks[e].s:toks[e].e], x.word(toks[e])) || e > i && x.particleInName(toks, i, e, v)) {
			e++
		}
	} else if isCapWord(x.text[toks[i].s:toks[i].e]) {
		// a first name spelt like a month's short form: "Jan Egeland"
		e = i + 1
		for e < v && (x.nameWord(x.text[toks[e].s:toks[e].e], x.word(toks[e])) || x.particleInName(toks, i, e, v)) {
			e++
		}
		if e == i+1 {
			return attr{}, false
		}
	}
	if n, _ := x.nameLike(toks, i+1, e); e-i < 2 || n < 1 || e >= v-1 || !isDet(x.word(toks[e])) {
		return attr{}, false
	}
	post := false
	for k := e + 1; k < v; k++ {
		if personal(x.word(toks[k])) {
			post = true
		}
	}
	if !post {
		return attr{}, false
	}
	ent, ok := x.entityFor(toks, i, e, x.roleFrom(toks, e, v))
	if !ok || x.ents[ent].kind == 'o' {
		return attr{}, false
	}
	x.ents[ent].kind = 'p'
	return attr{ent: ent, s: toks[i].s, e: toks[v-1].e, verb: v}, true
}

// nounDeterminers make the cue word after them a noun: "two blasts",
// "the calls", "his claims", "these reports".
var nounDeterminers = set(`the a an this that these those his her their its our my your two three four five
	six seven eight nine ten several many some few numerous`)

// nounUse reports a cue word used as a noun.
func (x *stmtExtractor) nounUse(toks []tok, v int) bool {
	if w := x.word(toks[v]); strings.HasSuffix(w, "s") && w != "says" && v+1 < len(toks) && toks[v+1].kind == tWord && verbAfterNoun[x.word(toks[v+1])] {
		return true // "Twin blasts kill 30", "Calls are growing": the verb follows
	}
	if v == 0 || toks[v-1].kind != tWord {
		return false
	}
	p := x.word(toks[v-1])
	if w := x.word(toks[v]); strings.HasSuffix(w, "s") && (denialVerbs[p] || v >= 2 && denialVerbs[x.word(toks[v-2])] && isCapWord(x.text[toks[v-1].s:toks[v-1].e])) {
		return true // "derided Tory claims", "rejected claims": what is rejected
	}
	if pronouns[strings.TrimSuffix(p, "'s")] {
		return false // "He's claiming": "he is", no possessive
	}
	if strings.HasSuffix(p, "'s") || strings.HasSuffix(p, "s") && days[p[:len(p)-1]] {
		return true // "Tuesday's reports", "Tuesdays reports"
	}
	return nounDeterminers[p] || isNumber(p)
}

// verbAfterNoun are verbs that, right after a cue's -s form, make the
// form a plural noun, their subject.
var verbAfterNoun = set(`kill kills killed hit hits rock rocked leave left wound wounded injure injured
	shake shook are were have had will would could can may might must should`)

// conjPreps open a clause of their own when a subject and a cue follow:
// "two days after the Kremlin said".
var conjPreps = set(`after before since until`)

// afterAdverbial returns the first token of the subject after an opening
// adverbial in toks[i:e] ("On Sunday Associated Press", "In rural Homs
// meanwhile activists"), or -1: a date's words, then a sentence adverb or
// an article.
func (x *stmtExtractor) afterAdverbial(toks []tok, i, e int) int {
	for k := i; k < e; k++ {
		w := x.word(toks[k])
		switch {
		case leadAdverbs[w]:
			return k + 1
		case days[w] || months[w] || isNumber(w):
			if k+1 < e && !days[x.word(toks[k+1])] && !months[x.word(toks[k+1])] && !isNumber(x.word(toks[k+1])) {
				return k + 1
			}
		case isDet(w) && k > i:
			return k
		case k > i && isCapWord(x.text[toks[k].s:toks[k].e]) && !isCapWord(x.text[toks[k-1].s:toks[k-1].e]) && !isDet(x.word(toks[k-1])) && !prepositions[x.word(toks[k-1])] && x.capsTo(toks, k, e):
			return k // "In an interview Hale declared"
		}
	}
	return -1
}

// capsTo reports that toks[k:e] are all capitalised words: a name.
func (x *stmtExtractor) capsTo(toks []tok, k, e int) bool {
	for ; k < e; k++ {
		if toks[k].kind != tWord || !isCapWord(x.text[toks[k].s:toks[k].e]) {
			return false
		}
	}
	return true
}

// notePlural remembers a plural speaker noun opening a group that
// attributed nothing: "The local farmers knew nothing of it ... They
// blamed the army ..." is the farmers' claim, not the last speaker's.
func (x *stmtExtractor) notePlural(toks []tok) {
	i := 0
	if i < len(toks) && toks[i].kind == tWord && isDet(x.word(toks[i])) {
		i++
	}
	// a cheap look for a plural speaker noun first: this runs on most groups
	plural := false
	for k := i; k < len(toks) && k < i+8 && toks[k].kind == tWord; k++ {
		if w := x.word(toks[k]); len(w) > 3 && w[len(w)-1] == 's' && speakerNouns[w] {
			plural = true
			break
		}
	}
	if !plural {
		return
	}
	e := x.npRun(toks, i)
	if e <= i || e >= len(toks) || toks[e].kind != tWord {
		return
	}
	h := toks[e-1]
	hw := x.word(h)
	if isCapWord(x.text[h.s:h.e]) || !speakerNouns[hw] || !strings.HasSuffix(hw, "s") || isCapWord(x.text[toks[e].s:toks[e].e]) {
		return
	}
	if ent, ok := x.entityFor(toks, i, e, ""); ok {
		x.plural, x.pluralGroup = ent, x.groupN
	}
}

// subjectPost reads a sentence-opening subject whose comma-less
// appositive runs up to the cue at v: "Helen Marsh a former
// fisheries minister said ...", "Okafor the former mayor of Leeds
// remembered for his long speeches said ...".
func (x *stmtExtractor) subjectPost(toks []tok, v int) (attr, bool) {
	if !x.stripped || v < 4 || v > 18 || x.verb(toks[v])&vAfter == 0 {
		return attr{}, false
	}
	for k := 1; k < v; k++ {
		if w := x.word(toks[k]); toks[k].kind != tWord || x.verb(toks[k]) != 0 || pronouns[w] || relWords[w] || conjunctions[w] {
			return attr{}, false
		}
	}
	if at, ok := x.namedPost(toks, 0, v); ok {
		return at, true
	}
	// a surname met before, then "the ...": "Johnson the former mayor"
	if w := x.word(toks[0]); x.known(w) && isCapWord(x.text[toks[0].s:toks[0].e]) && x.isWord(toks, 1, "the") {
		post := false
		for k := 2; k < v; k++ {
			if personal(x.word(toks[k])) {
				post = true
			}
		}
		if ent, ok := x.entityFor(toks, 0, 1, ""); ok && post && x.ents[ent].kind != 'o' {
			return attr{ent: ent, s: toks[0].s, e: toks[v-1].e, verb: v}, true
		}
	}
	return attr{}, false
}
