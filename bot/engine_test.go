package bot

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
	"github.com/newsroom/newsbot/index"
)

// fixture is a real on-disk index over the bundled sample and the articles
// in testdata/corpus, built once for the package's tests.
type fixture struct {
	eng   *Engine
	ix    *index.Index
	texts map[string]string // article id -> text
	set   facts.Set
}

var (
	fixOnce sync.Once
	fix     *fixture
	fixErr  error
	fixDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if fix != nil {
		fix.ix.Close()
	}
	if fixDir != "" {
		os.RemoveAll(fixDir)
	}
	if worldFix != nil {
		worldFix.ix.Close()
	}
	if worldDir != "" {
		os.RemoveAll(worldDir)
	}
	os.Exit(code)
}

func loadFixture(t testing.TB) *fixture {
	t.Helper()
	fixOnce.Do(func() {
		sample, err := corpus.Sample()
		if err != nil {
			fixErr = err
			return
		}
		extra, err := corpus.LoadDir(context.Background(), "testdata/corpus")
		if err != nil {
			fixErr = err
			return
		}
		arts := append(append([]*corpus.Article{}, sample.Articles...), extra.Articles...)
		fixDir, err = os.MkdirTemp("", "bot-test-")
		if err != nil {
			fixErr = err
			return
		}
		ix, err := index.Open(filepath.Join(fixDir, "idx"), index.Options{})
		if err != nil {
			fixErr = err
			return
		}
		if _, err := ix.Sync(context.Background(), arts, facts.Extract, nil); err != nil {
			fixErr = err
			return
		}
		f := &fixture{eng: New(ix, Options{}), ix: ix, texts: map[string]string{}}
		for _, a := range arts {
			f.texts[a.ID] = a.Text
			f.set.Add(facts.Extract(a))
		}
		fix = f
	})
	if fixErr != nil {
		t.Fatal(fixErr)
	}
	return fix
}

func ask(t testing.TB, f *fixture, text string) Response {
	t.Helper()
	return f.eng.Answer(context.Background(), Request{Text: text, User: User{ID: "u1", Name: "tester"}})
}

// squash folds runs of white space, as a reader comparing text would.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// checkVerbatim fails when a quote or evidence is not, word for word, in
// the article the answer cites.
func checkVerbatim(t *testing.T, f *fixture, q string, r Response) {
	t.Helper()
	for i, a := range r.Answers {
		text, ok := f.texts[a.Source.Article]
		if (a.Quote != "" || a.Evidence != "") && !ok {
			t.Errorf("%q answer %d cites unknown article %q", q, i, a.Source.Article)
			continue
		}
		for _, field := range []string{a.Quote, a.Evidence} {
			if field != "" && !strings.Contains(squash(text), squash(field)) {
				t.Errorf("%q answer %d: %q is not verbatim in %s", q, i, field, a.Source.Article)
			}
		}
		for _, also := range a.Also {
			other := f.texts[also.Article]
			if a.Quote != "" && !strings.Contains(squash(other), squash(a.Quote)) && !strings.Contains(squash(other), squash(a.Quote[:len(a.Quote)/2])) {
				// grouped copies may differ by a word; the group shows the
				// first article's words only, so this is informative
				t.Logf("%q answer %d: also-in %s words differ", q, i, also.Article)
			}
		}
	}
}

type answerCase struct {
	q      string
	intent string
	top    int
	must   [][]string // each group: one of these must appear (case-folded) in the top answers
	never  []string
	cites  []string // one of these articles is cited in the top answers
}

func TestAnswers(t *testing.T) {
	runAnswerCases(t, []answerCase{
		{q: "How many soldiers were killed near Deir ez-Zor?", intent: IntentToll, top: 3, must: [][]string{{"35"}}, cites: []string{"901_deir_ezzor_b"}},
		{q: "/toll place:Deir ez-Zor", intent: IntentToll, top: 5, must: [][]string{{"35"}, {"20"}}},
		{q: "How many soldiers were killed in the ambush near Deir ez-Zor?", intent: IntentToll, top: 3, must: [][]string{{"more than 35"}, {"at least 20"}}, never: []string{"3,000"}},
		{q: "Who controls Al-Busayrah?", intent: IntentControl, top: 3, must: [][]string{{"recaptured", "government"}}, cites: []string{"901_deir_ezzor_b"}},
		{q: "What is the latest death toll?", intent: IntentToll, top: 3, must: [][]string{{"514"}, {"observatory"}}, never: []string{"500,000", "2 million"}, cites: []string{"000_8bee64950d4de325"}},
		{q: "/toll", intent: IntentToll, top: 10, must: [][]string{{"514"}, {"412"}, {"370"}, {"255"}}},
		{q: "How many people have been displaced?", intent: IntentToll, top: 5, must: [][]string{{"50,000"}}},
		{q: "What did Peskov say?", intent: IntentQuote, top: 3, must: [][]string{{"continue to support"}}, cites: []string{"002_e8031cde17224b43"}},
		{q: "/quote speaker:Netanyahu", intent: IntentQuote, top: 3, must: [][]string{{"constantly monitoring"}}},
		{q: "What did the SDF spokesman say?", intent: IntentQuote, top: 5, must: [][]string{{"still inside the town", "will not allow"}}},
		{q: "What did Farhad Shami say?", intent: IntentQuote, top: 5, must: [][]string{{"will not allow"}, {"still inside the town"}}},
		{q: "What did Rami Abdel Rahman say about the jihadists?", intent: IntentQuote, top: 3, must: [][]string{{"regrouping"}}, cites: []string{"900_deir_ezzor_a"}},
		{q: "Who controls Aleppo?", intent: IntentControl, top: 3, must: [][]string{{"hayat tahrir", "hts"}, {"kurd"}}},
		{q: "/search airport", intent: IntentSearch, top: 5, must: [][]string{{"airport"}}, cites: []string{"000_8bee64950d4de325"}},
		{q: "/search query:convoy", intent: IntentSearch, top: 5, must: [][]string{{"convoy"}}, cites: []string{"900_deir_ezzor_a", "901_deir_ezzor_b"}},
	})
}

func runAnswerCases(t *testing.T, tests []answerCase) {
	t.Helper()
	f := loadFixture(t)
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := ask(t, f, tt.q)
			if r.Intent != tt.intent {
				t.Errorf("intent %q, want %q (headline %q)", r.Intent, tt.intent, r.Headline)
			}
			checkVerbatim(t, f, tt.q, r)
			checkTop(t, r, tt.top, tt.must, tt.never, tt.cites)
		})
	}
}

// checkTop checks a reply's top answers: each group of must has one of its
// words in them, none of never is, and one of cites is cited (when given).
func checkTop(t *testing.T, r Response, top int, must [][]string, never, cites []string) {
	t.Helper()
	head := r.Answers[:min(top, len(r.Answers))]
	var blob strings.Builder
	cited := map[string]bool{}
	for _, a := range head {
		blob.WriteString(strings.ToLower(a.Text + " " + a.Quote + " " + a.Evidence + " " + a.Speaker + "\n"))
		cited[a.Source.Article] = true
	}
	for _, group := range must {
		ok := false
		for _, alt := range group {
			ok = ok || strings.Contains(blob.String(), strings.ToLower(alt))
		}
		if !ok {
			t.Errorf("top %d answers lack any of %q:\n%s", top, group, Render(r))
		}
	}
	for _, bad := range never {
		if strings.Contains(blob.String(), strings.ToLower(bad)) {
			t.Errorf("top %d answers say %q:\n%s", top, bad, Render(r))
		}
	}
	if len(cites) > 0 {
		ok := false
		for _, c := range cites {
			ok = ok || cited[c]
		}
		if !ok {
			t.Errorf("top answers cite %v, want one of %v:\n%s", cited, cites, Render(r))
		}
	}
}

func TestNothingFound(t *testing.T) {
	f := loadFixture(t)
	for _, q := range []string{"What did Peskofsky say?", "Who controls Atlantis?", "/search zzyzx"} {
		r := ask(t, f, q)
		if len(r.Answers) != 0 {
			t.Errorf("%q: %d answers, want none", q, len(r.Answers))
		}
		if !strings.HasPrefix(r.Headline, "No ") {
			t.Errorf("%q: headline %q should say plainly that nothing was found", q, r.Headline)
		}
	}
	// one name clearly nearest a misspelling is used, and said so
	if r := ask(t, f, "What did Peskof say?"); len(r.Answers) == 0 || !slices.Contains(r.Notes, "Showing results for Dmitry Peskov.") {
		t.Errorf("Peskof: notes %v, %d answers; want Dmitry Peskov's quotes, said so", r.Notes, len(r.Answers))
	}
	// a spelling the alias table folds to a known place is answered, and
	// the headline names the place it was taken for
	for _, q := range []string{"Who controls Alepo?", "Who controls Khan Cheikhoun?", "/control place:Khan Shaykhun"} {
		r := ask(t, f, q)
		if len(r.Answers) == 0 || !strings.Contains(r.Headline, "Aleppo") && !strings.Contains(r.Headline, "Khan S") {
			t.Errorf("%q: %q", q, r.Headline)
		}
	}
}

func TestBadRequestsNeverBlank(t *testing.T) {
	f := loadFixture(t)
	for _, q := range []string{"", "???", "/nope", "/toll place:", strings.Repeat("x ", 400), "\x07", "/search \"", "/search ((", "/reindex"} {
		r := ask(t, f, q)
		if strings.TrimSpace(r.Headline) == "" {
			t.Errorf("%q: blank reply", q)
		}
	}
	if r := ask(t, f, "/reindex"); !strings.Contains(r.Headline, "Only admins") {
		t.Errorf("/reindex by a non-admin: %q", r.Headline)
	}
}

func TestPaging(t *testing.T) {
	f := loadFixture(t)
	eng := New(f.ix, Options{PageSize: 2})
	first := eng.Answer(context.Background(), Request{Text: "/toll"})
	if len(first.Answers) != 2 || first.Cursor == "" {
		t.Fatalf("first page: %d answers, cursor %q", len(first.Answers), first.Cursor)
	}
	second := eng.Answer(context.Background(), Request{Cursor: first.Cursor})
	if len(second.Answers) == 0 || second.Answers[0].Text == first.Answers[0].Text {
		t.Fatalf("second page repeats or is empty: %+v", second.Answers)
	}
	if bad := eng.Answer(context.Background(), Request{Cursor: "!!"}); bad.Intent != IntentError {
		t.Errorf("a broken cursor gives intent %q", bad.Intent)
	}
}

// TestGeneratedQuestionsVerbatim asks a few hundred questions built from
// the corpus itself (every speaker, place and a spread of words) and checks
// that every snippet of every answer is verbatim in the article it cites.
func TestGeneratedQuestionsVerbatim(t *testing.T) {
	f := loadFixture(t)
	var qs []string
	seen := map[string]bool{}
	add := func(q string) {
		if !seen[q] {
			seen[q] = true
			qs = append(qs, q)
		}
	}
	for _, s := range f.set.Statements {
		add("What did " + s.Speaker + " say?")
		if fs := strings.Fields(s.Speaker); len(fs) > 0 {
			add("/quote speaker:" + fs[len(fs)-1])
		}
		if s.Role != "" {
			add("What did the " + s.Role + " say?")
		}
	}
	for _, c := range f.set.Control {
		add("Who controls " + c.Place + "?")
		add("Is " + c.Place + " under government control?")
	}
	for _, tl := range f.set.Tolls {
		if tl.Place != "" {
			add("How many were killed in " + tl.Place + "?")
			add("/toll place:" + tl.Place + " category:" + map[bool]string{true: tl.Category, false: "killed"}[tl.Category == "injured" || tl.Category == "displaced"])
		}
	}
	for id, text := range f.texts {
		words := strings.Fields(text)
		for i := 0; i < len(words); i += 23 {
			add("/search " + words[i])
			if i+1 < len(words) {
				add(`/search "` + words[i] + " " + words[i+1] + `"`)
			}
		}
		_ = id
	}
	if len(qs) < 200 {
		t.Fatalf("only %d generated questions", len(qs))
	}
	answered := 0
	for _, q := range qs {
		r := ask(t, f, q)
		answered += len(r.Answers)
		checkVerbatim(t, f, q, r)
	}
	t.Logf("%d questions, %d answers checked", len(qs), answered)
}

// FuzzAnswer: whatever is typed, the engine replies with something, never
// panics (Answer would turn a panic into an error reply, which fails here),
// and every snippet it shows is verbatim in its article.
func FuzzAnswer(f *testing.F) {
	for _, s := range []string{"What did Peskov say?", "/quote speaker:Kremlin topic:Assad", "/toll place:Idlib category:displaced",
		"Who controls Aleppo?", "/search \"Aleppo university\"", "/search +a -b ^c ~d (e) [f] title:g", "Is Hama under Kurdish control?",
		"How many children were killed in Aleppo on Sunday?", "/control place:al-", "/sources", "quotes about", "Who said"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fx := loadFixture(t)
		r := ask(t, fx, s)
		if strings.TrimSpace(r.Headline) == "" {
			t.Fatalf("%q: blank reply", s)
		}
		if strings.Contains(r.Headline, "went wrong on my side") {
			t.Fatalf("%q: internal error reply", s)
		}
		for _, a := range r.Answers {
			text := fx.texts[a.Source.Article]
			for _, field := range []string{a.Quote, a.Evidence} {
				if field != "" && !strings.Contains(squash(text), squash(field)) {
					t.Fatalf("%q: %q not verbatim in %s", s, field, a.Source.Article)
				}
			}
		}
	})
}
