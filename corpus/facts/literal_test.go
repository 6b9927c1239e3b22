package facts

import (
	"context"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/newsroom/newsbot/corpus"
)

// litTexts are the lower-cased sentences of every corpus at hand, the
// bundled ones always and the shared ones when present.
func litTexts(t *testing.T) []string {
	var out []string
	dirs := []string{"../sample", "../testdata", "testdata", "../../index/testdata/articles", "../../bot/testdata/corpus"}
	if !testing.Short() {
		dirs = append(dirs, "../../../shared/corpora/fakes-syria", "../../../shared/seeds")
	}
	for _, dir := range dirs {
		loaded, err := corpus.LoadDir(context.Background(), dir)
		if err != nil {
			continue
		}
		for _, a := range loaded.Articles {
			for _, s := range Sentences(a) {
				out = append(out, asciiLower(s.Text(a)), s.Text(a))
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no texts")
	}
	return out
}

// allLitREs are the patterns Extract runs through litRE.
func allLitREs() []*litRE {
	out := append(slices.Clone(tollCueREs[:]), ctxAttributionLRE, srcCueLRE, ctlPlaceOfLRE, ctlObjectLRE)
	for _, c := range ctlCues {
		out = append(out, c.lre)
	}
	return out
}

func checkLitRE(t *testing.T, r *litRE, s string) {
	t.Helper()
	g := makeBigrams(s)
	if got, want := r.matchString(s, &g), r.re.MatchString(s); got != want {
		t.Fatalf("%s: match %v, want %v in %q", r.re, got, want, s)
	}
	want := r.re.FindAllStringSubmatchIndex(s, -1)
	if got := r.findAll(s, &g, true); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("%s: found %v, want %v in %q", r.re, got, want, s)
	}
	if r.lowerLits() {
		gl := makeBigrams(asciiLower(s))
		if got := r.findAll(s, &gl, true); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("%s: found %v with the lower-case filter, want %v in %q", r.re, got, want, s)
		}
	}
	wantIdx := r.re.FindAllStringIndex(s, -1)
	if got := r.findAllIndex(s, &g); !slices.EqualFunc(got, wantIdx, slices.Equal) {
		t.Fatalf("%s: found %v, want %v in %q", r.re, got, wantIdx, s)
	}
}

func checkLitSets(t *testing.T, s string) {
	t.Helper()
	for _, l := range []string{"", "x", "é"} {
		for _, ls := range []litSet{tollStemLits, ctlStemLits, srcCueLits} {
			u := l + s
			gu := makeBigrams(u)
			if ls.anyIn(u, &gu) != containsAny(u, litWords(ls)) {
				t.Fatalf("literal set disagrees on %q", u)
			}
		}
	}
}

func litWords(ls litSet) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.s)
	}
	return out
}

// TestLitREAgreesOnCorpora: a litRE finds what its pattern finds, in
// every sentence at hand.
func TestLitREAgreesOnCorpora(t *testing.T) {
	texts := litTexts(t)
	for _, s := range texts {
		checkLitSets(t, s)
	}
	for _, r := range allLitREs() {
		for _, s := range texts {
			checkLitRE(t, r, s)
		}
	}
}

// TestLitREAgreesOnMixes: glued, split and repeated cue words, at the
// start, the end and inside words.
func TestLitREAgreesOnMixes(t *testing.T) {
	var words []string
	for _, r := range allLitREs() {
		words = append(words, litWords(r.lits)...)
	}
	words = append(words, "control", "of", "over", "the", "under", "since", "war", "2011", "syria", "forces", "has", "killed",
		"fell", "into", "to", "hands", "regime", "out", "back", "full", "on", "monday", "by", "in", "a")
	seps := []string{" ", "  ", "", "-", ".", ",", "\n", "é", "x", "_"}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		for k := rng.Intn(8); k >= 0; k-- {
			b.WriteString(seps[rng.Intn(len(seps))])
			b.WriteString(words[rng.Intn(len(words))])
		}
		s := b.String()
		checkLitSets(t, s)
		for _, r := range allLitREs() {
			checkLitRE(t, r, s)
			checkLitRE(t, r, strings.TrimLeft(s, " -.,\n_x"))
		}
	}
}

// TestCtxWeekdayAgrees: ctxWeekday reads the day ctxWeekdayRE gives.
func TestCtxWeekdayAgrees(t *testing.T) {
	texts := litTexts(t)
	texts = append(texts, "since Monday", "Sunday", "last  Monday and Tuesday", "xlast Monday", "last\tFriday", "Mondays Friday",
		"by Monday, from Tuesday", "_by Monday", "every Sunday Saturday", "last-Monday", "Monday_", "éMonday", "since\nMonday")
	for _, s := range texts {
		want := -1
		for _, m := range ctxWeekdayRE.FindAllStringSubmatchIndex(s, -1) {
			if m[2] < 0 {
				want = int(ctxWeekdays[s[m[4]:m[5]]])
				break
			}
		}
		if got := ctxWeekday(s); got != want {
			t.Fatalf("%q: weekday %d, want %d", s, got, want)
		}
	}
}

// TestLitRELowerLits: the patterns run on a sentence's text with the
// filter of its lower-cased copy have no capital in their literals.
func TestLitRELowerLits(t *testing.T) {
	for _, r := range []*litRE{ctlPlaceOfLRE, ctlObjectLRE} {
		if !r.lowerLits() {
			t.Errorf("%s: a literal with a capital", r.re)
		}
	}
}
