package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Two layouts of quote collections put the speaker where no cue of running
// prose stands:
//
//   - a summary heading in Title Case opening the paragraph, then the
//     passage it sums up, as opposition-research and leaked-speech
//     roundups print them: 'Lund Said Harbour Reform “Has To Come From The
//     Fishermen Themselves.” “Remember what the old mayor did. ...”',
//     'Petra Holm Thanked Lund For Choosing The Guild. “Well, Madam Mayor,
//     thank you. ...”'. The capitalised cue is a cue, the quotes in the
//     heading are not titles of works, and the passage after it is the
//     heading subject's;
//   - a label of a name and its outlet before a colon that opens the
//     paragraph, as in round-ups of commentators: 'Hanna Berg, The Karvel
//     Gazette: "..."'.

// titleCueExtra are cues a summary heading uses that running prose does
// not count as speech.
var titleCueExtra = set(`thanked thanks joked jokes`)

// titleHeading reads the summary heading of paragraph para for quote q:
// the paragraph opens with words in Title Case up to its first quote that
// is not in Title Case (or its end), and a capitalised cue stands in it
// before q, a capitalised name right before the cue ('Tom Nides Thanked',
// 'At A Goldman Summit, Hillary Clinton Said'); or the heading opens with
// a name and a colon ('Lund: As Mayor, “I Worked With” ...').
func (x *stmtExtractor) titleHeading(para int, q quoteSpan) (attr, bool) {
	p := x.a.Paragraphs[para]
	text := x.text
	if q.para != para || transcript(text[q.start:q.end]) {
		return attr{}, false
	}
	// the heading ends at its first stop outside quotes or at the first
	// quote in sentence case, which is the passage it sums up when
	// nothing but blanks stands between
	end, passage := p.End, -1
	i := p.Start
	for qi := range x.qs {
		o := x.qs[qi]
		if o.para != para || o.open < i {
			continue
		}
		if e := headingStop(text, i, o.open); e >= 0 {
			end = e
			break
		}
		if !titleCased(text[o.start:o.end]) {
			end = o.open
			break
		}
		i = o.markEnd
		if in := strings.TrimRight(text[o.start:o.end], " "); strings.HasSuffix(in, ".") || strings.HasSuffix(in, "?") || strings.HasSuffix(in, "!") {
			// 'Did All I Could To Help Them.” In remarks ...': the stop
			// inside the marks ends the heading
			if j := skipBlank(text, i, p.End); j > i && j < p.End {
				if r, _ := utf8.DecodeRuneInString(text[j:p.End]); unicode.IsUpper(r) || isOpenMark(r) {
					end = i
					break
				}
			}
		}
	}
	if end == p.End {
		if e := headingStop(text, i, p.End); e >= 0 {
			end = e
		}
	}
	for qi := range x.qs {
		if o := x.qs[qi]; o.para == para && o.open >= end {
			if skipBlank(text, end, o.open) == o.open && !titleCased(text[o.start:o.end]) {
				passage = o.open
			}
			break
		}
	}
	if q.open > end && q.open != passage {
		return attr{}, false
	}
	toks := tokenize(nil, text, x.low, p.Start, end, nil, 0)
	words := 0
	for _, t := range toks {
		if t.kind != tWord {
			continue
		}
		words++
		if r, _ := utf8.DecodeRuneInString(text[t.s:t.e]); unicode.IsLower(r) && !headingLower[t.w] {
			return attr{}, false
		}
	}
	if words < 3 {
		return attr{}, false
	}
	// "Lund: As Mayor, ...": a name and a colon open the heading
	if c := x.labelEnd(toks, 3); c > 0 {
		if ent, ok := x.entityFor(toks, 0, c, ""); ok && x.ents[ent].kind != 'o' {
			return attr{ent: ent, s: -1, verb: -1}, true
		}
	}
	for v := len(toks) - 1; v >= 1; v-- {
		t := toks[v]
		if t.kind != tWord || t.s > q.open || !isCapWord(text[t.s:t.e]) {
			continue
		}
		if verbs[t.w]&(vSpeech|vPartial) == 0 && !titleCueExtra[t.w] {
			continue
		}
		s := v
		for s > 0 && v-s < 4 && toks[s-1].kind == tWord && x.nameWord(text[toks[s-1].s:toks[s-1].e], toks[s-1].w) {
			s--
		}
		if s == v {
			continue
		}
		ent, ok := x.entityFor(toks, s, v, "")
		if !ok || x.ents[ent].kind == 'o' {
			continue
		}
		return attr{ent: ent, s: toks[s].s, e: toks[v-1].e, verb: -1}, true
	}
	return attr{}, false
}

// headingStop returns the offset just past the first stop in
// text[i:end] that ends a sentence (a letter or a closing bracket before
// it, a blank or the end after it), or -1.
func headingStop(text string, i, end int) int {
	for k := i; k < end; k++ {
		if c := text[k]; c != '.' && c != '?' && c != '!' || k == i {
			continue
		}
		if k+1 < end && text[k+1] != ' ' && text[k+1] != '\n' {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(text[i:k]); unicode.IsLower(r) || r == ')' {
			return k + 1
		}
	}
	return -1
}

// transcript reports a passage that opens with a speaker's label in
// capitals ("PARTICIPANT: ...", "MS. LUND: ..."): a transcript of several
// voices, no one speaker's words.
func transcript(q string) bool {
	c := strings.IndexByte(q, ':')
	if c <= 0 || c > 30 {
		return false
	}
	label := q[:c]
	for _, r := range label {
		if unicode.IsLower(r) {
			return false
		}
	}
	return strings.ContainsFunc(label, unicode.IsUpper)
}

// headingLower are the short words Title Case leaves in lower case.
var headingLower = set(`of the and a an in on to for with as at by from or but nor vs via`)

// titleCased reports a quote in Title Case: every word but the short
// joining words opens with a capital.
func titleCased(q string) bool {
	n := 0
	for _, w := range strings.Fields(q) {
		w = strings.TrimLeft(w, "\"“‘'([")
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		if utf8.RuneCountInString(w) < 4 && headingLower[strings.ToLower(strings.TrimRight(w, ".,;:!?”"))] {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 1
}

// labelEnd returns the end of a personal name of up to max words that
// opens toks and is followed by a colon, or 0.
func (x *stmtExtractor) labelEnd(toks []tok, max int) int {
	for c := 1; c < len(toks) && c <= max; c++ {
		if toks[c].kind == tPunct && x.text[toks[c].s] == ':' {
			if n, ok := x.nameLike(toks, 0, c); ok && n >= 1 {
				return c
			}
			return 0
		}
		if toks[c].kind != tWord {
			return 0
		}
	}
	return 0
}

// labelColon reads a label before a colon that opens the paragraph and
// quote k right after the colon: a personal name of two words or more,
// then perhaps a comma and a short description of who they are or where
// they wrote ('Hanna Berg, The Karvel Gazette: "..."', 'Ole Brandt,
// author: "..."').
func (x *stmtExtractor) labelColon(toks []tok, k, para int) (attr, bool) {
	if k < 3 || toks[k-1].kind != tPunct || x.text[toks[k-1].s] != ':' || toks[0].s != x.a.Paragraphs[para].Start {
		return attr{}, false
	}
	c := k - 1
	e := 0
	for e < c && toks[e].kind == tWord {
		e++
	}
	if e > 4 {
		return attr{}, false
	}
	if n, ok := x.nameLike(toks, 0, e); !ok || n < 2 {
		return attr{}, false
	}
	role := ""
	if e < c {
		if toks[e].kind != tPunct || x.text[toks[e].s] != ',' || c-e-1 > 8 || c-e-1 < 1 {
			return attr{}, false
		}
		for m := e + 1; m < c; m++ {
			if toks[m].kind != tWord || x.verb(toks[m]) != 0 || pronouns[toks[m].w] {
				return attr{}, false
			}
		}
		role = x.text[toks[e+1].s:toks[c-1].e]
	}
	ent, ok := x.entityFor(toks, 0, e, role)
	if !ok || x.ents[ent].kind == 'o' {
		return attr{}, false
	}
	return attr{ent: ent, s: toks[0].s, e: toks[e-1].e, verb: -1}, true
}
