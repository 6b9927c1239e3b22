package facts

import "strings"

// Speech without quotation marks often runs over several sentences with
// one attribution at the end: "We ask the other towns to help ... When
// the water reaches us it reaches them after. They will be flooded next he
// said." Only two kinds of sentence before the attributed one are taken
// as the same speech, since a narration sentence next to speech must
// never become the speaker's words: sentences in the first or second
// person, and sentences standing between two statements of the same
// speaker. Neither may carry a cue, a quote or a statement of its own.

// grp is one sentence group as the statement extractor saw it. Whether
// it is free of cues and in the first person is read only when a later
// statement asks (speech without marks is rare; every group is noted).
type grp struct {
	s, e, para int
	said       bool // it holds a statement
	speaker    int  // entity of its last statement, -1 for none
}

// noteGroup records the group text[start:end]; out0 is how many
// statements there were before it.
func (x *stmtExtractor) noteGroup(start, end, para, out0 int) {
	g := grp{s: start, e: end, para: para, said: len(x.out) > out0, speaker: -1}
	if g.said {
		g.speaker = x.last
	}
	x.grps = append(x.grps, g)
}

// freeFirst tells whether group g holds no quote, cue or statement, and
// whether it is in the first or second person.
func (x *stmtExtractor) freeFirst(g grp) (free, first bool) {
	if g.said {
		return false, false
	}
	toks := tokenize(nil, x.text, x.low, g.s, g.e, x.qs, 0)
	free = true
	for i, t := range toks {
		if t.kind == tQuote {
			return false, first
		}
		if t.kind != tWord {
			continue
		}
		if x.firstSecond(t) {
			first = true
		}
		w := x.word(t)
		if w == "according" || verbs[w]&(vSpeech|vAfter) != 0 && !x.isWord(toks, i-1, "to") {
			free = false // a cue of its own, read or not ("hard to say" is none)
		}
	}
	return free, first
}

// speechBefore returns where the speech of ent, attributed in the current
// group of paragraph para, begins: the start of the earliest sentence
// before it that belongs to it, or a large number for none.
func (x *stmtExtractor) speechBefore(ent, para int) int {
	const none = 1 << 62
	if x.quoted {
		return none // marked copy marks its speech
	}
	k := len(x.grps) - 1
	start := none
	for n := 0; k >= 0 && n < 4 && x.grps[k].para == para; n++ {
		if free, first := x.freeFirst(x.grps[k]); !free || !first {
			break
		}
		start = x.grps[k].s
		k--
	}
	if start != none {
		return start
	}
	// one sentence between two statements of one speaker: the longer the
	// stretch, the likelier it is the writer's
	if k >= 1 && x.grps[k].para == para && x.grps[k-1].para == para && x.grps[k-1].speaker == ent {
		// a sentence naming the speaker is the writer's: "Nyrabiya
		// pointed out that ..."
		if free, _ := x.freeFirst(x.grps[k]); free && !strings.Contains(x.text[x.grps[k].s:x.grps[k].e], lastField(x.ents[ent].name)) {
			return x.grps[k].s
		}
	}
	return none
}
